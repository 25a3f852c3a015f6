import type { Tensor } from "@vanish/core";
import { checkGrads, describe, type GradList } from "./grads";
import type { NonFiniteCounts } from "./kernels";
import { measure, type Measurement } from "./measure";

/** What a strategy may need besides the gradients. */
export interface ClipContext {
  /** The parameters, one per gradient and in the same order (AGC needs them; others ignore them). */
  params?: readonly (Tensor | null | undefined)[];
  /** A name per gradient (e.g. `"head.weight"`), so that AGC's `exclude` can name tensors. */
  names?: readonly string[];
  /**
   * Which population of gradients this one belongs to, an integer ≥ 0 (default 0): the stateful strategies (ZClip,
   * AutoClip) keep separate statistics per stream. Pass the window's position in the sequence under truncated BPTT,
   * where each window is an update but the windows' norms differ by orders of magnitude (the window that holds the
   * targets against those that only carry state): pooled, the small norms drag the statistics down and every large
   * one is clipped to nothing.
   */
  stream?: number;
}

/**
 * What one `apply` did. Norms are always the Euclidean norm of all gradient elements together, so that every
 * strategy can be compared on one scale; `threshold` is in the strategy's own unit (see each strategy).
 */
export interface ClipStats {
  /** The canonical spec of the strategy, e.g. `"norm:1"` (parse it back with `parseClipSpec`). */
  strategy: string;
  /** ‖g‖₂ over all elements before clipping (NaN or Infinity when some element is). */
  normBefore: number;
  /** ‖g‖₂ over all elements after clipping. */
  normAfter: number;
  /** The bound applied this step in the strategy's unit, or null when it has none (policies, warm-up). */
  threshold: number | null;
  /** True when some gradient element was changed. */
  clipped: boolean;
  /** The things this strategy judges one by one: elements, tensors, rows (AGC) or 1 for the whole gradient. */
  units: number;
  /** How many of them it changed. */
  clippedUnits: number;
  /** clippedUnits / units (0 when there are no units). */
  clippedFraction: number;
  /** Non-finite elements before clipping. */
  nonFinite: NonFiniteCounts;
  /** Non-finite elements after clipping (a NaN here with `skip: false` means the update would poison the weights). */
  nonFiniteAfter: NonFiniteCounts;
  /** True when the caller must skip this optimiser step (the `skip` and `applyIfFinite` policies). */
  skip: boolean;
  /** Strategy-specific numbers, e.g. ZClip's `{ z, mean, std }` or the p-norm of `norm:1:type=1`. */
  details?: Record<string, number>;
  /** For a chain: the stats of each stage that ran, in order. */
  stages?: ClipStats[];
}

/** The plain-data state of a stateful strategy (JSON-safe; `setState` restores it exactly). */
export type ClipState =
  | { type: "skip"; skipped: number }
  | { type: "applyIfFinite"; consecutive: number; total: number }
  | { type: "autoclip"; history: number[]; streams?: number[][] }
  | { type: "zclip"; warmup: number[]; mean: number | null; variance: number | null; streams?: ZClipStreamState[] }
  | { type: "chain"; stages: (ClipState | null)[] };

/** ZClip's statistics of one stream (streams 1, 2, … of its state; stream 0's are the state's own fields). */
export interface ZClipStreamState {
  warmup: number[];
  mean: number | null;
  variance: number | null;
}

/** The JSON form of one strategy (see `parseClipSpec`); an array of them is a chain. */
export type ClipSpecObject =
  | { type: "value"; clipValue: number }
  | { type: "norm"; maxNorm: number; normType?: 1 | 2 | "inf"; errorIfNonfinite?: boolean }
  | { type: "tensornorm"; maxNorm: number }
  | { type: "tfglobalnorm"; clipNorm: number }
  | { type: "blockrms"; threshold: number }
  | { type: "agc"; clipping?: number; eps?: number; exclude?: (number | string)[] }
  | { type: "autoclip"; percentile?: number; historyLength?: number }
  | { type: "zclip"; alpha?: number; zThreshold?: number; warmupSteps?: number; eps?: number; maxNorm?: number }
  | { type: "error" }
  | { type: "skip" }
  | { type: "zeroNans" }
  | { type: "applyIfFinite"; maxConsecutiveFailures: number };

/** Every clipping strategy, policy and chain: one object interface. */
export interface ClipStrategy {
  /** The spec kind, e.g. `"norm"`. */
  readonly kind: string;
  /** The canonical spec string, e.g. `"agc:0.01"`; `parseClipSpec(s.spec)` rebuilds an equivalent strategy. */
  readonly spec: string;
  /** Clips `grads` in place and says what it did. */
  apply(grads: GradList, context?: ClipContext): ClipStats;
  /** The JSON form of the spec. */
  toJSON(): ClipSpecObject | ClipSpecObject[];
  /** The state as plain data, or null for a stateless strategy. */
  getState(): ClipState | null;
  /** Restores what `getState` returned (exactly; accepts the same data after a JSON round trip). */
  setState(state: ClipState | null): void;
  /** Forgets all state (a stateless strategy does nothing). */
  reset(): void;
}

/** What a strategy's clipping step reports to the shared bookkeeping in {@link ClipStrategyBase}. */
export interface ClipOutcome {
  threshold: number | null;
  units: number;
  clippedUnits: number;
  skip?: boolean;
  details?: Record<string, number>;
}

const EMPTY_CONTEXT: ClipContext = Object.freeze({});

/**
 * Shared bookkeeping for the built-in strategies: validates once, measures the norm and non-finite counts before,
 * lets the subclass clip, and measures again only when something changed.
 */
export abstract class ClipStrategyBase implements ClipStrategy {
  abstract readonly kind: string;
  /** The class name used in error messages (kept explicit so that minifiers cannot change it). */
  protected abstract readonly label: string;
  abstract get spec(): string;
  abstract toJSON(): ClipSpecObject;
  /** Clips in place. `before` holds the Euclidean norm and the non-finite counts of `grads`. */
  protected abstract clip(grads: GradList, context: ClipContext, before: Measurement): ClipOutcome;

  apply(grads: GradList, context: ClipContext = EMPTY_CONTEXT): ClipStats {
    const fn = `${this.label}.apply`;
    checkGrads(fn, "grads", grads);
    checkContext(fn, context);
    return this.run(grads, context, measure(grads));
  }

  /** @internal Clips gradients already validated and measured (chains pass each stage's result to the next). */
  run(grads: GradList, context: ClipContext, before: Measurement): ClipStats {
    const o = this.clip(grads, context, before);
    const after = o.clippedUnits === 0 ? before : measure(grads);
    const stats: ClipStats = {
      strategy: this.spec,
      normBefore: before.norm,
      normAfter: after.norm,
      threshold: o.threshold,
      clipped: o.clippedUnits > 0,
      units: o.units,
      clippedUnits: o.clippedUnits,
      clippedFraction: o.units === 0 ? 0 : o.clippedUnits / o.units,
      nonFinite: { nan: before.nan, posInf: before.posInf, negInf: before.negInf },
      nonFiniteAfter: { nan: after.nan, posInf: after.posInf, negInf: after.negInf },
      skip: o.skip ?? false,
    };
    if (o.details) stats.details = o.details;
    return stats;
  }

  getState(): ClipState | null {
    return null;
  }

  setState(state: ClipState | null): void {
    if (state !== null) {
      throw new TypeError(`${this.label}.setState: a ${this.kind} strategy has no state, so state must be null, got ${describe(state)}`);
    }
  }

  reset(): void {}

  toString(): string {
    return `${this.label}(${this.spec})`;
  }
}

/** Throws unless `context` is an object with array `params`/`names` when given. */
export function checkContext(fn: string, context: unknown): asserts context is ClipContext {
  if (typeof context !== "object" || context === null) {
    throw new TypeError(`${fn}: context must be an object like { params, names }, got ${describe(context)}`);
  }
  const c = context as ClipContext;
  if (c.params !== undefined && !Array.isArray(c.params)) {
    throw new TypeError(`${fn}: context.params must be an array of Tensors, got ${describe(c.params)}`);
  }
  if (c.names !== undefined && !Array.isArray(c.names)) {
    throw new TypeError(`${fn}: context.names must be an array of strings, got ${describe(c.names)}`);
  }
  if (c.stream !== undefined && !(Number.isInteger(c.stream) && c.stream >= 0 && c.stream <= MAX_STREAM)) {
    throw new RangeError(`${fn}: context.stream must be an integer in [0, ${MAX_STREAM}], got ${describe(c.stream)}`);
  }
}

/** The largest `context.stream` (streams are kept in an array indexed by stream). */
export const MAX_STREAM = 65535;
