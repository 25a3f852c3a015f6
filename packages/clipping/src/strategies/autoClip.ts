// AutoClip (Seetharaman, Wichern, Pardo & Le Roux 2020, "AutoClip: Adaptive Gradient Clipping for Source
// Separation Networks"): record the global norm of every step, then clip to the p-th percentile of all norms seen
// so far (the current one included), with PyTorch's `clip_grad_norm_`. The paper recommends p = 10 and keeps the
// whole history; `historyLength` optionally keeps only the last H norms.
import { checkInteger, checkNumber, describe, type GradList } from "../grads";
import { scale } from "../kernels";
import type { Measurement } from "../measure";
import { percentileOfSorted } from "../percentile";
import { ClipStrategyBase, type ClipContext, type ClipOutcome, type ClipSpecObject, type ClipState } from "../strategy";
import { NORM_EPS } from "./globalNorm";

export interface AutoClipOptions {
  /** p in [0, 100] (default 10, the paper's recommendation). */
  percentile?: number;
  /** How many recent norms to keep: an integer ≥ 1, or Infinity for all of them (default, as the paper). */
  historyLength?: number;
}

const NO_OPTIONS: AutoClipOptions = Object.freeze({});

/**
 * AutoClip as a strategy (spec `autoclip`, `autoclip:10`, `autoclip:10:history=1000`). One unit; `threshold` is
 * the percentile used this step. A non-finite norm is neither recorded nor clipped (the reference code would
 * record it and then clip every later step to NaN): put `skip` or `applyIfFinite` before it.
 *
 * The history is kept twice, in arrival order (a ring) and sorted, so a step costs O(H) copying at worst and
 * allocates nothing once the buffers have grown. Histories are kept per `context.stream` (see
 * {@link ClipContext.stream}).
 */
export class AutoClip extends ClipStrategyBase {
  readonly kind = "autoclip";
  protected readonly label = "AutoClip";
  readonly percentile: number;
  readonly historyLength: number;
  /** One history per stream (`context.stream`, default 0). */
  private histories: NormHistory[];

  constructor(options: AutoClipOptions = NO_OPTIONS) {
    super();
    if (typeof options !== "object" || options === null) {
      throw new TypeError(`AutoClip: options must be an object like { percentile: 10 }, got ${describe(options)}`);
    }
    this.percentile = checkNumber(this.label, "options.percentile", options.percentile ?? 10, 0, 100);
    this.historyLength = checkInteger(this.label, "options.historyLength", options.historyLength ?? Infinity, 1);
    this.histories = [new NormHistory(this.historyLength)];
  }

  get spec(): string {
    return `autoclip:${this.percentile}${this.historyLength === Infinity ? "" : `:history=${this.historyLength}`}`;
  }

  toJSON(): ClipSpecObject {
    const o: ClipSpecObject = { type: "autoclip", percentile: this.percentile };
    if (this.historyLength !== Infinity) o.historyLength = this.historyLength;
    return o;
  }

  /** The norms in the history of `stream` (default 0), oldest first. */
  history(stream = 0): number[] {
    return this.histories[stream]?.list() ?? [];
  }

  /** The threshold the next step of `stream` would use before adding its own norm (NaN with no history). */
  currentThreshold(stream = 0): number {
    const h = this.histories[stream];
    return h ? h.percentile(this.percentile) : NaN;
  }

  protected clip(grads: GradList, context: ClipContext, before: Measurement): ClipOutcome {
    const n = before.norm;
    if (!(n < Infinity)) return { threshold: null, units: 1, clippedUnits: 0 };
    const stream = context.stream ?? 0;
    for (let k = this.histories.length; k <= stream; k++) this.histories.push(new NormHistory(this.historyLength));
    const h = this.histories[stream];
    h.record(n);
    const tau = h.percentile(this.percentile);
    const factor = Math.min(tau / (n + NORM_EPS), 1);
    if (factor !== 1) {
      for (let i = 0; i < grads.length; i++) {
        const g = grads[i];
        if (g) scale(g.data, g.offset, g.size, factor);
      }
    }
    return { threshold: tau, units: 1, clippedUnits: factor === 1 || n === 0 ? 0 : 1, details: { factor } };
  }

  /** `{history}` of stream 0, and the histories of streams 1, 2, … under `streams` when another stream was used. */
  override getState(): ClipState {
    const state: ClipState = { type: "autoclip", history: this.histories[0].list() };
    if (this.histories.length > 1) state.streams = this.histories.slice(1).map((h) => h.list());
    return state;
  }

  override setState(state: ClipState | null): void {
    const fn = `${this.label}.setState`;
    if (!state || state.type !== "autoclip") {
      throw new TypeError(`${fn}: state.type must be "autoclip", got ${describe(state === null ? null : (state as { type?: unknown }).type)}`);
    }
    const rest: unknown = state.streams ?? [];
    if (!Array.isArray(rest)) throw new TypeError(`${fn}: state.streams must be an array of histories, got ${describe(rest)}`);
    const lists = [state.history as unknown, ...rest].map((h, s) => this.checkHistory(fn, s === 0 ? "state.history" : `state.streams[${s - 1}]`, h));
    this.histories = lists.map((list) => {
      const h = new NormHistory(this.historyLength);
      for (const v of list) h.record(v);
      return h;
    });
  }

  private checkHistory(fn: string, where: string, h: unknown): number[] {
    if (!Array.isArray(h)) throw new TypeError(`${fn}: ${where} must be an array of norms, got ${describe(h)}`);
    if (h.length > this.historyLength) {
      throw new RangeError(`${fn}: ${where} holds ${h.length} norms, more than historyLength ${this.historyLength}`);
    }
    h.forEach((v, k) => {
      if (!(typeof v === "number" && v >= 0 && v < Infinity)) {
        throw new RangeError(`${fn}: ${where}[${k}] must be a finite norm >= 0, got ${describe(v)}`);
      }
    });
    return h as number[];
  }

  override reset(): void {
    this.histories = [new NormHistory(this.historyLength)];
  }
}

/** The last `length` norms of one stream, in arrival order (a ring) and sorted. */
class NormHistory {
  private ring = new Float64Array(16);
  private sorted = new Float64Array(16);
  private start = 0;
  private count = 0;

  constructor(private readonly length: number) {}

  list(): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.ring[(this.start + k) % this.ring.length]);
    return out;
  }

  percentile(p: number): number {
    return percentileOfSorted(this.sorted, this.count, p);
  }

  record(v: number): void {
    if (this.count === this.length) this.evictOldest();
    if (this.count === this.ring.length) this.grow();
    this.ring[(this.start + this.count) % this.ring.length] = v;
    // insert into the sorted prefix after any equal values
    const s = this.sorted;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    s.copyWithin(lo + 1, lo, this.count);
    s[lo] = v;
    this.count++;
  }

  private evictOldest(): void {
    const v = this.ring[this.start];
    this.start = (this.start + 1) % this.ring.length;
    const s = this.sorted;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    s.copyWithin(lo, lo + 1, this.count);
    this.count--;
  }

  private grow(): void {
    const size = Math.min(this.ring.length * 2, this.length);
    const ring = new Float64Array(size);
    for (let k = 0; k < this.count; k++) ring[k] = this.ring[(this.start + k) % this.ring.length];
    const sorted = new Float64Array(size);
    sorted.set(this.sorted.subarray(0, this.count));
    this.ring = ring;
    this.sorted = sorted;
    this.start = 0;
  }
}
