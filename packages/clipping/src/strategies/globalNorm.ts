// Global-norm clipping (Pascanu, Mikolov & Bengio 2013, "On the difficulty of training recurrent neural
// networks", Algorithm 1) with the exact semantics of PyTorch's `torch.nn.utils.clip_grad_norm_` and its two
// halves `get_total_norm` and `clip_grads_with_norm_`: N = ‖all elements‖_p, g ← g · min(max/(N + 1e-6), 1).
import { checkGrads, checkNumber, describe, type GradList } from "../grads";
import { nonFiniteError } from "../errors";
import { scale } from "../kernels";
import type { Measurement } from "../measure";
import { globalNorm, type NormType } from "../norms";
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

function checkNormType(fn: string, normType: unknown): NormType {
  if (normType !== 1 && normType !== 2 && normType !== Infinity) {
    throw new RangeError(`${fn}: options.normType must be 1, 2 or Infinity, got ${describe(normType)}`);
  }
  return normType;
}

function checkOptions(fn: string, options: GlobalNormOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${fn}: options must be an object like { normType: 2 }, got ${describe(options)}`);
  }
  if (options.normType !== undefined) checkNormType(fn, options.normType);
  if (options.errorIfNonfinite !== undefined && typeof options.errorIfNonfinite !== "boolean") {
    throw new TypeError(`${fn}: options.errorIfNonfinite must be a boolean, got ${describe(options.errorIfNonfinite)}`);
  }
}

function totalNorm(fn: string, grads: GradList, normType: NormType, errorIfNonfinite: boolean): number {
  const n = globalNorm(grads, normType);
  if (errorIfNonfinite && !(n < Infinity)) {
    throw nonFiniteError(
      fn,
      `the total ${normType === Infinity ? "inf" : normType}-norm of the gradients is ${n}, so they cannot be clipped`,
      grads,
      "pass errorIfNonfinite: false to scale by it anyway",
    );
  }
  return n;
}

/** g ← g·min(max/(N + 1e-6), 1); returns the factor (1 means untouched; NaN when N is NaN, as PyTorch). */
function scaleAll(grads: GradList, maxNorm: number, n: number): number {
  const factor = Math.min(maxNorm / (n + NORM_EPS), 1);
  if (factor === 1) return 1;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) scale(g.data, g.offset, g.size, factor);
  }
  return factor;
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
  checkOptions(fn, options);
  return totalNorm(fn, grads, options.normType ?? 2, options.errorIfNonfinite ?? false);
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
  return scaleAll(grads, maxNorm, totalNorm);
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
  checkOptions(fn, options);
  const n = totalNorm(fn, grads, options.normType ?? 2, options.errorIfNonfinite ?? false);
  scaleAll(grads, maxNorm, n);
  return n;
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

  constructor(maxNorm: number, options: GlobalNormOptions = NO_OPTIONS) {
    super();
    this.maxNorm = checkNumber(this.label, "maxNorm", maxNorm, 0);
    checkOptions(this.label, options);
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
    const n =
      this.normType === 2 && !this.errorIfNonfinite
        ? before.norm
        : totalNorm(`${this.label}.apply`, grads, this.normType, this.errorIfNonfinite);
    const factor = scaleAll(grads, this.maxNorm, n);
    // Scaling zeros changes nothing, so an all-zero gradient never counts as clipped.
    const clippedUnits = factor === 1 || n === 0 ? 0 : 1;
    return { threshold: this.maxNorm, units: 1, clippedUnits, details: { totalNorm: n, factor } };
  }
}
