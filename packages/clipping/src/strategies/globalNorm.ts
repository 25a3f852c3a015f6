// Global-norm clipping (Pascanu, Mikolov & Bengio 2013, "On the difficulty of training recurrent neural
// networks", Algorithm 1) with the exact semantics of PyTorch's `torch.nn.utils.clip_grad_norm_` and its two
// halves `get_total_norm` and `clip_grads_with_norm_`: N = ‖all elements‖_p, g ← g · min(max/(N + 1e-6), 1).
import { checkGrads, checkNumber, describe, type GradList } from "../grads";
import { nonFiniteError } from "../errors";
import type { Measurement } from "../measure";
import { computeGlobalNorm, normOut, type NormCode, type NormType } from "../norms";
import { ClipStrategyBase, type ClipOutcome, type ClipSpecObject } from "../strategy";

export interface GlobalNormOptions {
  /** p of the norm: 2 (default), 1 or Infinity (max |x|). */
  normType?: NormType;
  /** Throw a {@link NonFiniteGradientError} when the total norm is NaN or ±Infinity (default false, as PyTorch). */
  errorIfNonfinite?: boolean;
}

const NO_OPTIONS: GlobalNormOptions = Object.freeze({});

/** PyTorch's constant in the clip coefficient max/(N + 1e-6). */
export const NORM_EPS = 1e-6;

function throwNormType(fn: string, normType: unknown): never {
  throw new RangeError(`${fn}: options.normType must be 1, 2 or Infinity, got ${describe(normType)}`);
}

/**
 * Validates the options and returns the norm type as a small integer. `normType` is read once and only compared:
 * an Infinity stored in an options object is a boxed double, and every read of it that escapes into a call
 * would copy it into a fresh 16-byte number.
 */
function checkOptions(fn: string, options: GlobalNormOptions): NormCode {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${fn}: options must be an object like { normType: 2 }, got ${describe(options)}`);
  }
  const e = options.errorIfNonfinite;
  if (e !== undefined && typeof e !== "boolean") {
    throw new TypeError(`${fn}: options.errorIfNonfinite must be a boolean, got ${describe(e)}`);
  }
  const p = options.normType;
  if (p === undefined || p === 2) return 2;
  if (p === 1) return 1;
  if (p === Infinity) return 0;
  return throwNormType(fn, p);
}

/** Sets `normOut[0]` to the total norm, throwing first if asked to and it is not finite. */
function computeTotalNorm(fn: string, grads: GradList, code: NormCode, errorIfNonfinite: boolean): void {
  computeGlobalNorm(grads, code);
  const n = normOut[0];
  if (errorIfNonfinite && !(n < Infinity)) {
    throw nonFiniteError(
      fn,
      `the total ${code === 0 ? "inf" : code}-norm of the gradients is ${n}, so they cannot be clipped`,
      grads,
      "pass errorIfNonfinite: false to scale by it anyway",
    );
  }
}

/**
 * g ← g·min(max/(N + 1e-6), 1) with N = `normOut[0]`; leaves the factor in `normOut[1]` (1: untouched; NaN when
 * N is NaN, as PyTorch). The loop is written out rather than calling the `scale` kernel, so that no float64
 * crosses a call (see `normOut`).
 */
function scaleByNorm(grads: GradList, maxNorm: number): void {
  const factor = Math.min(maxNorm / (normOut[0] + NORM_EPS), 1);
  normOut[1] = factor;
  if (factor === 1) return;
  for (let t = 0; t < grads.length; t++) {
    const g = grads[t];
    if (!g) continue;
    const d = g.data;
    for (let i = g.offset, end = g.offset + g.size; i < end; i++) d[i] *= factor;
  }
}

/**
 * The p-norm of all gradient elements together (as if concatenated into one vector), accumulated in float64
 * for both dtypes. `torch.nn.utils.get_total_norm`. An empty list has norm 0. Allocates nothing.
 *
 * @param grads gradient tensors of any shapes (null entries are skipped)
 */
export function getTotalNorm(grads: GradList, options: GlobalNormOptions = NO_OPTIONS): number {
  const fn = "getTotalNorm";
  checkGrads(fn, "grads", grads);
  const code = checkOptions(fn, options);
  computeTotalNorm(fn, grads, code, options.errorIfNonfinite ?? false);
  return normOut[0];
}

/**
 * Scales all gradients in place by min(maxNorm/(totalNorm + 1e-6), 1): the second half of
 * {@link clipGradNorm}, `torch.nn.utils.clip_grads_with_norm_`. A NaN totalNorm makes every element NaN and an
 * infinite one makes finite elements 0 (PyTorch semantics; put a non-finite policy first to avoid it).
 *
 * Returns the factor applied (1 when nothing changed). Allocates nothing.
 */
export function clipGradsWithNorm(grads: GradList, maxNorm: number, totalNorm: number): number {
  const fn = "clipGradsWithNorm";
  checkGrads(fn, "grads", grads);
  checkNumber(fn, "maxNorm", maxNorm, 0);
  if (typeof totalNorm !== "number") throw new TypeError(`${fn}: totalNorm must be a number, got ${describe(totalNorm)}`);
  if (totalNorm < 0) throw new RangeError(`${fn}: totalNorm must be >= 0 (or NaN), got ${totalNorm}`);
  normOut[0] = totalNorm;
  scaleByNorm(grads, maxNorm);
  return normOut[1];
}

/**
 * Global-norm clipping in place: N = ‖all elements‖_p, g ← g·min(maxNorm/(N + 1e-6), 1)
 * (`torch.nn.utils.clip_grad_norm_`; Pascanu et al. 2013). Returns N, the norm *before* clipping.
 * With `errorIfNonfinite: false` (the default) a NaN or infinite N is applied as PyTorch does: see
 * {@link clipGradsWithNorm}. Allocates nothing per call.
 *
 * @param grads gradient tensors of any shapes (dense; null entries are skipped)
 * @param maxNorm the largest norm allowed, ≥ 0
 */
export function clipGradNorm(grads: GradList, maxNorm: number, options: GlobalNormOptions = NO_OPTIONS): number {
  const fn = "clipGradNorm";
  checkGrads(fn, "grads", grads);
  checkNumber(fn, "maxNorm", maxNorm, 0);
  const code = checkOptions(fn, options);
  computeTotalNorm(fn, grads, code, options.errorIfNonfinite ?? false);
  scaleByNorm(grads, maxNorm);
  return normOut[0];
}

/**
 * {@link clipGradNorm} as a strategy (spec `norm:MAX`, `norm:MAX:type=1`, `norm:MAX:type=inf`). One unit: the
 * whole gradient. `threshold` is maxNorm; `details.totalNorm` is the p-norm N and `details.factor` the scale.
 */
export class GlobalNormClip extends ClipStrategyBase {
  readonly kind = "norm";
  protected readonly label = "GlobalNormClip";
  readonly maxNorm: number;
  readonly normType: NormType;
  readonly errorIfNonfinite: boolean;
  private readonly code: NormCode;

  constructor(maxNorm: number, options: GlobalNormOptions = NO_OPTIONS) {
    super();
    this.maxNorm = checkNumber(this.label, "maxNorm", maxNorm, 0);
    this.code = checkOptions(this.label, options);
    this.normType = options.normType ?? 2;
    this.errorIfNonfinite = options.errorIfNonfinite ?? false;
  }

  get spec(): string {
    const type = this.normType === 2 ? "" : `:type=${this.normType === Infinity ? "inf" : 1}`;
    return `norm:${this.maxNorm}${type}${this.errorIfNonfinite ? ":errorIfNonfinite=true" : ""}`;
  }

  toJSON(): ClipSpecObject {
    const o: ClipSpecObject = { type: "norm", maxNorm: this.maxNorm };
    if (this.normType !== 2) o.normType = this.normType === Infinity ? "inf" : 1;
    if (this.errorIfNonfinite) o.errorIfNonfinite = true;
    return o;
  }

  protected clip(grads: GradList, _context: unknown, before: Measurement): ClipOutcome {
    if (this.normType !== 2 || this.errorIfNonfinite) {
      computeTotalNorm(`${this.label}.apply`, grads, this.code, this.errorIfNonfinite);
    } else {
      normOut[0] = before.norm;
    }
    const n = normOut[0];
    scaleByNorm(grads, this.maxNorm);
    const factor = normOut[1];
    // Scaling zeros changes nothing, so an all-zero gradient never counts as clipped.
    const clippedUnits = factor === 1 || n === 0 ? 0 : 1;
    return { threshold: this.maxNorm, units: 1, clippedUnits, details: { totalNorm: n, factor } };
  }
}
