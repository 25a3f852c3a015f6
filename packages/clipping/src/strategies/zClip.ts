// ZClip (Kumar, Owen, Roy Chowdhury & Güra 2025, "ZClip: Adaptive Spike Mitigation for LLM Pre-Training",
// arXiv:2504.02507), z-score mode with adaptive scaling, following the authors' reference code (bluorion-com/ZClip):
//   warm-up: collect the first W global norms, then μ = their mean, σ² = their (population) variance;
//   then each step: z = (N − μ)/(σ + ε); if z > z_thr the norm is clipped to μ + z_thr·σ/(z/z_thr);
//   μ ← αμ + (1−α)·N', σ² ← ασ² + (1−α)(N' − μ)² with N' the clipped norm (and the new μ, as the reference code).
// Defaults α = 0.97, z_thr = 2.5, W = 25, ε = 1e-6.
import { checkInteger, checkNumber, describe, type GradList } from "../grads";
import { scale } from "../kernels";
import type { Measurement } from "../measure";
import { ClipStrategyBase, type ClipContext, type ClipOutcome, type ClipSpecObject, type ClipState, type ZClipStreamState } from "../strategy";
import { NORM_EPS } from "./globalNorm";

export interface ZClipOptions {
  /** EMA smoothing α in (0, 1) (default 0.97). */
  alpha?: number;
  /** z-score threshold z_thr > 0 (default 2.5). */
  zThreshold?: number;
  /** Steps that only collect norms before the EMA starts, an integer ≥ 1 (default 25). */
  warmupSteps?: number;
  /** ε ≥ 0 added to σ in the z-score (default 1e-6). */
  eps?: number;
  /**
   * An optional fixed cap on the global norm, applied during warm-up (with `clip_grad_norm_`) and after it
   * (the smaller of the two thresholds), as the reference code's `max_grad_norm`. Default: none (the paper's
   * algorithm; recent reference-code versions default to 1.0).
   */
  maxNorm?: number;
}

const NO_OPTIONS: ZClipOptions = Object.freeze({});

function scaleAll(grads: GradList, f: number): void {
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) scale(g.data, g.offset, g.size, f);
  }
}

/**
 * ZClip as a strategy (spec `zclip`, `zclip:alpha=0.97:z=2.5:warmup=25:eps=0.000001:max=1`). One unit.
 * `threshold` is the norm at which this step starts clipping (μ + z_thr·(σ + ε), or `maxNorm` if smaller), or the
 * norm clipped to when it did clip; null during warm-up without `maxNorm`. `details` holds `z`, `mean` and `std`
 * (before this step's update). A non-finite norm is neither clipped nor recorded: put a non-finite policy first.
 * Statistics are kept per `context.stream` (see {@link ClipContext.stream}).
 */
export class ZClip extends ClipStrategyBase {
  readonly kind = "zclip";
  protected readonly label = "ZClip";
  readonly alpha: number;
  readonly zThreshold: number;
  readonly warmupSteps: number;
  readonly eps: number;
  readonly maxNorm: number | undefined;
  /** The statistics of each stream (`context.stream`, default 0); a stream starts with its own warm-up. */
  private streams: ZClipStreamState[] = [fresh()];

  constructor(options: ZClipOptions = NO_OPTIONS) {
    super();
    const fn = this.label;
    if (typeof options !== "object" || options === null) {
      throw new TypeError(`${fn}: options must be an object like { alpha: 0.97 }, got ${describe(options)}`);
    }
    const alpha: unknown = options.alpha ?? 0.97;
    if (typeof alpha !== "number") throw new TypeError(`${fn}: options.alpha must be a number, got ${describe(alpha)}`);
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${fn}: options.alpha must be in (0, 1), got ${alpha}`);
    this.alpha = alpha;
    this.zThreshold = checkNumber(fn, "options.zThreshold", options.zThreshold ?? 2.5, 0, Infinity, false);
    this.warmupSteps = checkInteger(fn, "options.warmupSteps", options.warmupSteps ?? 25, 1, Number.MAX_SAFE_INTEGER);
    this.eps = checkNumber(fn, "options.eps", options.eps ?? 1e-6, 0);
    this.maxNorm = options.maxNorm === undefined ? undefined : checkNumber(fn, "options.maxNorm", options.maxNorm, 0, Infinity, false);
  }

  get spec(): string {
    const parts = ["zclip"];
    if (this.alpha !== 0.97) parts.push(`alpha=${this.alpha}`);
    if (this.zThreshold !== 2.5) parts.push(`z=${this.zThreshold}`);
    if (this.warmupSteps !== 25) parts.push(`warmup=${this.warmupSteps}`);
    if (this.eps !== 1e-6) parts.push(`eps=${this.eps}`);
    if (this.maxNorm !== undefined) parts.push(`max=${this.maxNorm}`);
    return parts.join(":");
  }

  toJSON(): ClipSpecObject {
    const o: ClipSpecObject = { type: "zclip" };
    if (this.alpha !== 0.97) o.alpha = this.alpha;
    if (this.zThreshold !== 2.5) o.zThreshold = this.zThreshold;
    if (this.warmupSteps !== 25) o.warmupSteps = this.warmupSteps;
    if (this.eps !== 1e-6) o.eps = this.eps;
    if (this.maxNorm !== undefined) o.maxNorm = this.maxNorm;
    return o;
  }

  protected clip(grads: GradList, context: ClipContext, before: Measurement): ClipOutcome {
    const n = before.norm;
    if (!(n < Infinity)) return { threshold: null, units: 1, clippedUnits: 0 };
    const stream = context.stream ?? 0;
    for (let k = this.streams.length; k <= stream; k++) this.streams.push(fresh());
    const st = this.streams[stream];
    if (st.mean === null || st.variance === null) return this.warmupStep(st, grads, n);

    const mean = st.mean;
    const std = Math.sqrt(st.variance);
    const z = (n - mean) / (std + this.eps);
    const zt = this.zThreshold;
    const clipTo = z > zt ? mean + (zt * std) / (z / zt) : null;
    const cap = this.maxNorm ?? Infinity;
    const effective = Math.min(clipTo ?? n, cap);
    let clipped = 0;
    if (n > effective) {
      scaleAll(grads, effective / (n + NORM_EPS));
      clipped = 1;
    }
    const seen = clipTo ?? n;
    st.mean = this.alpha * mean + (1 - this.alpha) * seen;
    const d = seen - st.mean;
    st.variance = this.alpha * st.variance + (1 - this.alpha) * d * d;
    const threshold = clipped ? effective : Math.min(mean + zt * (std + this.eps), cap);
    return { threshold, units: 1, clippedUnits: clipped, details: { z, mean, std } };
  }

  private warmupStep(st: ZClipStreamState, grads: GradList, n: number): ClipOutcome {
    st.warmup.push(n);
    if (st.warmup.length >= this.warmupSteps) {
      const w = st.warmup;
      let s = 0;
      for (const v of w) s += v;
      const mean = s / w.length;
      let q = 0;
      for (const v of w) q += (v - mean) * (v - mean);
      st.mean = mean;
      st.variance = q / w.length;
      st.warmup = [];
    }
    if (this.maxNorm === undefined) return { threshold: null, units: 1, clippedUnits: 0 };
    // torch.nn.utils.clip_grad_norm_(max_grad_norm), as the reference code does during warm-up
    const factor = Math.min(this.maxNorm / (n + NORM_EPS), 1);
    const clipped = factor !== 1 && n !== 0 ? 1 : 0;
    if (clipped) scaleAll(grads, factor);
    return { threshold: this.maxNorm, units: 1, clippedUnits: clipped };
  }

  /**
   * Stream 0's statistics as `{warmup, mean, variance}`, and those of streams 1, 2, … under `streams` (only when a
   * stream other than 0 was used, so that the state without streams is what it always was).
   */
  override getState(): ClipState {
    const [first, ...rest] = this.streams;
    const state: ClipState = { type: "zclip", ...copyOf(first) };
    if (rest.length > 0) state.streams = rest.map(copyOf);
    return state;
  }

  override setState(state: ClipState | null): void {
    const fn = `${this.label}.setState`;
    if (!state || state.type !== "zclip") {
      throw new TypeError(`${fn}: state.type must be "zclip", got ${describe(state === null ? null : (state as { type?: unknown }).type)}`);
    }
    const rest: unknown = state.streams ?? [];
    if (!Array.isArray(rest)) throw new TypeError(`${fn}: state.streams must be an array of {warmup, mean, variance}, got ${describe(rest)}`);
    const streams = [state, ...(rest as ZClipStreamState[])].map((s, k) => this.checkStream(fn, k === 0 ? "state" : `state.streams[${k - 1}]`, s));
    this.streams = streams;
  }

  private checkStream(fn: string, where: string, s: ZClipStreamState): ZClipStreamState {
    if (typeof s !== "object" || s === null) throw new TypeError(`${fn}: ${where} must be an object {warmup, mean, variance}, got ${describe(s)}`);
    const { warmup, mean, variance } = s;
    if (!Array.isArray(warmup)) throw new TypeError(`${fn}: ${where}.warmup must be an array of norms, got ${describe(warmup)}`);
    warmup.forEach((v, k) => {
      if (!(typeof v === "number" && v >= 0 && v < Infinity)) {
        throw new RangeError(`${fn}: ${where}.warmup[${k}] must be a finite norm >= 0, got ${describe(v)}`);
      }
    });
    const started = mean !== null || variance !== null;
    if (started) {
      if (!(typeof mean === "number" && Number.isFinite(mean) && typeof variance === "number" && variance >= 0 && variance < Infinity)) {
        throw new RangeError(`${fn}: ${where}.mean and ${where}.variance must both be null (warm-up) or finite numbers (variance >= 0), got ${describe(mean)} and ${describe(variance)}`);
      }
      if (warmup.length > 0) throw new RangeError(`${fn}: ${where}.warmup must be empty once mean and variance are set, got ${warmup.length} norms`);
    } else if (warmup.length >= this.warmupSteps) {
      throw new RangeError(`${fn}: ${where}.warmup must hold fewer than warmupSteps (${this.warmupSteps}) norms, got ${warmup.length}`);
    }
    return copyOf({ warmup, mean, variance });
  }

  override reset(): void {
    this.streams = [fresh()];
  }
}

/** A copy of one stream's statistics (its own warm-up array). */
function copyOf(s: ZClipStreamState): ZClipStreamState {
  return { warmup: [...s.warmup], mean: s.mean, variance: s.variance };
}

function fresh(): ZClipStreamState {
  return { warmup: [], mean: null, variance: null };
}
