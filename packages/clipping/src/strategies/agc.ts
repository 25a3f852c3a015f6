// Adaptive gradient clipping, unit-wise (Brock, De, Smith & Simonyan 2021, "High-Performance Large-Scale Image
// Recognition Without Normalization", §4.1): for each unit i,
//   if ‖G_i‖ > λ·max(‖W_i‖, ε):  G_i ← λ·max(‖W_i‖, ε) / max(‖G_i‖, 1e-6) · G_i
// with Frobenius norms. Units are the rows of a [out, in] weight (PyTorch layout; for higher ranks the slices
// along axis 0), a vector or scalar is one unit. Published defaults λ = 0.01 (tuned for batch 4096; larger
// λ for smaller batches), ε = 1e-3; the paper leaves the final classifier layer unclipped (use `exclude`).
import { Tensor, formatShape, isTensor } from "@vanish/core";
import { checkGrads, checkNumber, describe, type GradList } from "../grads";
import { l2Norm } from "../kernels";
import { ClipStrategyBase, type ClipContext, type ClipOutcome, type ClipSpecObject } from "../strategy";

export interface AGCOptions {
  /** λ, the largest ratio ‖G_i‖/‖W_i‖ kept (default 0.01). */
  clipping?: number;
  /** ε, the smallest parameter norm used, so that zero-initialised units can still move (default 1e-3). */
  eps?: number;
  /**
   * Tensors left unclipped: indices into `grads` (negative counts from the end, so -1 is the last) or names
   * (matched against `names`). The paper excludes the final classifier layer, e.g. `["head.weight", "head.bias"]`.
   */
  exclude?: readonly (number | string)[];
}

/** The denominator floor of the AGC rescale, as the paper's reference code and timm. */
export const AGC_GRAD_EPS = 1e-6;

const NO_OPTIONS: AGCOptions = Object.freeze({});

const NO_EXCLUDE: readonly (number | string)[] = Object.freeze([]);

function checkOptions(fn: string, options: AGCOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${fn}: options must be an object like { clipping: 0.01 }, got ${describe(options)}`);
  }
  // valid values are recognised here and only invalid ones are passed on (to throw): a float64 field passed to a
  // call that V8 does not inline is boxed, and this runs on every call
  const c = options.clipping;
  if (c !== undefined && !(typeof c === "number" && c > 0)) checkNumber(fn, "options.clipping", c, 0, Infinity, false);
  const e = options.eps;
  if (e !== undefined && !(typeof e === "number" && e >= 0)) checkNumber(fn, "options.eps", e, 0);
  const exclude = options.exclude ?? NO_EXCLUDE;
  if (!Array.isArray(exclude)) {
    throw new TypeError(`${fn}: options.exclude must be an array of indices or names, got ${describe(exclude)}`);
  }
  for (let k = 0; k < exclude.length; k++) {
    const e: unknown = exclude[k];
    if (!(Number.isInteger(e) || (typeof e === "string" && e.length > 0))) {
      throw new TypeError(`${fn}: options.exclude[${k}] must be an integer index or a non-empty name, got ${describe(e)}`);
    }
  }
}

/** Throws unless params pair with grads, every excluded index exists and every excluded name is known. */
function checkPairs(fn: string, grads: GradList, params: unknown, names: unknown, exclude: readonly (number | string)[]): void {
  if (!Array.isArray(params)) {
    throw new TypeError(`${fn}: params must be an array of the parameter Tensors, one per gradient, got ${describe(params)}`);
  }
  if (params.length !== grads.length) {
    throw new RangeError(`${fn}: params must have one tensor per gradient (${grads.length}), got ${params.length}`);
  }
  const n = grads.length;
  for (let k = 0; k < exclude.length; k++) {
    const e = exclude[k];
    if (typeof e === "number") {
      if (e < -n || e >= n) throw new RangeError(`${fn}: exclude index ${e} is out of range for ${n} gradients`);
    } else {
      if (!Array.isArray(names)) {
        throw new TypeError(`${fn}: exclude names ${JSON.stringify(e)}, so names (one string per gradient) must be given, got ${describe(names)}`);
      }
      if (names.length !== n) throw new RangeError(`${fn}: names must have one string per gradient (${n}), got ${names.length}`);
      if (!names.includes(e)) throw new RangeError(`${fn}: exclude names ${JSON.stringify(e)}, which is not in names [${names.join(", ")}]`);
    }
  }
  for (let i = 0; i < n; i++) {
    const g = grads[i];
    if (!g || isExcluded(i, n, exclude, names as readonly string[] | undefined)) continue;
    const p: unknown = params[i];
    if (!isTensor(p, fn, "params", i)) throw new TypeError(`${fn}: params[${i}] must be a Tensor (grads[${i}] is one), got ${describe(p)}`);
    if (!sameShape(p.shape, g.shape)) {
      throw new RangeError(`${fn}: params[${i}] must have the shape of grads[${i}] ${formatShape(g.shape)}, got ${formatShape(p.shape)}`);
    }
    if (!p.isContiguous()) {
      throw new TypeError(`${fn}: params[${i}] must be dense (contiguous), got strides ${formatShape(p.strides)} for shape ${formatShape(p.shape)}`);
    }
  }
}

function isExcluded(i: number, n: number, exclude: readonly (number | string)[], names: readonly string[] | undefined): boolean {
  for (let k = 0; k < exclude.length; k++) {
    const e = exclude[k];
    if (typeof e === "number" ? (e < 0 ? e + n : e) === i : names !== undefined && names[i] === e) return true;
  }
  return false;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Units of one tensor: rows along axis 0 for rank ≥ 2, otherwise the whole tensor. */
function unitsOf(g: Tensor): number {
  return g.rank >= 2 ? g.shape[0] : 1;
}

/**
 * Applies AGC to every unit not excluded; returns how many were rescaled.
 * The row loops are written out (no kernel call per row) so that no float64 crosses a call V8 might not inline,
 * which would box it; only a sum of squares outside float64's comfortable range takes the careful `l2Norm`.
 */
function agcAll(
  grads: GradList,
  params: readonly unknown[],
  names: readonly string[] | undefined,
  options: AGCOptions,
  exclude: readonly (number | string)[],
): number {
  // λ and ε are read here rather than passed: a float64 argument may be boxed per call
  const lambda = options.clipping ?? 0.01;
  const eps = options.eps ?? 1e-3;
  const n = grads.length;
  let clipped = 0;
  for (let t = 0; t < n; t++) {
    const g = grads[t];
    if (!g || isExcluded(t, n, exclude, names)) continue;
    const p = params[t] as Tensor;
    const rows = unitsOf(g);
    if (rows === 0) continue;
    const len = g.size / rows;
    const gd = g.data;
    const pd = p.data;
    for (let r = 0; r < rows; r++) {
      const go = g.offset + r * len;
      const po = p.offset + r * len;
      let gs = 0;
      let ws = 0;
      for (let k = 0; k < len; k++) {
        const a = gd[go + k];
        const b = pd[po + k];
        gs += a * a;
        ws += b * b;
      }
      const gn = gs < Infinity && gs > 1e-280 ? Math.sqrt(gs) : l2Norm(gd, go, len);
      const wn = ws < Infinity && ws > 1e-280 ? Math.sqrt(ws) : l2Norm(pd, po, len);
      const maxNorm = lambda * Math.max(wn, eps);
      if (gn > maxNorm) {
        const f = maxNorm / Math.max(gn, AGC_GRAD_EPS);
        for (let k = go, end = go + len; k < end; k++) gd[k] *= f;
        clipped++;
      }
    }
  }
  return clipped;
}

/**
 * Unit-wise adaptive gradient clipping (AGC, Brock et al. 2021) in place. Each unit's gradient is bounded
 * relative to its parameter's norm: ‖G_i‖ ≤ λ·max(‖W_i‖, ε).
 *
 * @param grads gradient tensors: `[out, in]` matrices (rows are units), `[out]` vectors (one unit), any rank
 * @param params the parameters, one per gradient, same shapes
 * @param options `{ clipping = 0.01, eps = 1e-3, exclude = [] }`, plus `names` when `exclude` holds names
 * @returns how many units were rescaled
 */
export function adaptiveGradClip(
  grads: GradList,
  params: readonly (Tensor | null | undefined)[],
  options: AGCOptions & { names?: readonly string[] } = NO_OPTIONS,
): number {
  const fn = "adaptiveGradClip";
  checkGrads(fn, "grads", grads);
  checkOptions(fn, options);
  const exclude = options.exclude ?? NO_EXCLUDE;
  checkPairs(fn, grads, params, options.names, exclude);
  return agcAll(grads, params, options.names, options, exclude);
}

/**
 * {@link adaptiveGradClip} as a strategy (spec `agc`, `agc:0.01`, `agc:0.01:eps=0.001:exclude=-2|-1`). Needs
 * `context.params` (and `context.names` for excluded names). Units are rows/vectors; `threshold` is λ.
 */
export class AGCClip extends ClipStrategyBase {
  readonly kind = "agc";
  protected readonly label = "AGCClip";
  readonly clipping: number;
  readonly eps: number;
  readonly exclude: readonly (number | string)[];

  constructor(options: AGCOptions = NO_OPTIONS) {
    super();
    checkOptions(this.label, options);
    this.clipping = options.clipping ?? 0.01;
    this.eps = options.eps ?? 1e-3;
    this.exclude = Object.freeze([...(options.exclude ?? NO_EXCLUDE)]);
  }

  get spec(): string {
    const eps = this.eps === 1e-3 ? "" : `:eps=${this.eps}`;
    const exclude = this.exclude.length === 0 ? "" : `:exclude=${this.exclude.join("|")}`;
    return `agc:${this.clipping}${eps}${exclude}`;
  }

  toJSON(): ClipSpecObject {
    const o: ClipSpecObject = { type: "agc", clipping: this.clipping };
    if (this.eps !== 1e-3) o.eps = this.eps;
    if (this.exclude.length > 0) o.exclude = [...this.exclude];
    return o;
  }

  protected clip(grads: GradList, context: ClipContext): ClipOutcome {
    const fn = `${this.label}.apply`;
    if (context.params === undefined) {
      throw new TypeError(`${fn}: context.params must hold the parameter tensors (one per gradient), got undefined`);
    }
    checkPairs(fn, grads, context.params, context.names, this.exclude);
    let units = 0;
    for (let t = 0; t < grads.length; t++) {
      const g = grads[t];
      if (g && !isExcluded(t, grads.length, this.exclude, context.names)) units += unitsOf(g);
    }
    const clippedUnits = agcAll(grads, context.params, context.names, this, this.exclude);
    return { threshold: this.clipping, units, clippedUnits };
  }
}
