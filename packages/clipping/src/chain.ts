// A chain runs strategies one after another on the same gradients and behaves as one strategy, as
// `optax.chain` composes gradient transformations: e.g. zeroNans → AGC → global norm.
import { checkGrads, describe, type GradList } from "./grads";
import { measure, type Measurement } from "./measure";
import {
  ClipStrategyBase,
  checkContext,
  type ClipContext,
  type ClipSpecObject,
  type ClipState,
  type ClipStats,
  type ClipStrategy,
} from "./strategy";

const EMPTY_CONTEXT: ClipContext = Object.freeze({});

function isStrategy(s: unknown): s is ClipStrategy {
  return typeof s === "object" && s !== null && typeof (s as ClipStrategy).apply === "function" && typeof (s as ClipStrategy).spec === "string";
}

/**
 * Strategies applied in order (spec `a>b>c`, or a JSON array). Nested chains are flattened. A stage that asks
 * to skip the update (`skip`, `applyIfFinite`) ends the chain, so later stages neither touch the gradients nor
 * record the step in their state.
 *
 * Stats: `normBefore` and `nonFinite` from before the first stage, `normAfter` and `nonFiniteAfter` from after
 * the last stage run; `clipped` and `skip` when any stage did; `threshold`, `units` and `clippedUnits` of the
 * last stage run; every stage's own stats in `stages`.
 */
export class Chain implements ClipStrategy {
  readonly kind = "chain";
  readonly stages: readonly ClipStrategy[];

  constructor(stages: readonly ClipStrategy[]) {
    if (!Array.isArray(stages) || stages.length === 0) {
      throw new TypeError(`Chain: stages must be a non-empty array of strategies, got ${describe(stages)}`);
    }
    const flat: ClipStrategy[] = [];
    stages.forEach((s, i) => {
      if (!isStrategy(s)) throw new TypeError(`Chain: stages[${i}] must be a strategy (an object with apply and spec), got ${describe(s)}`);
      if (s instanceof Chain) flat.push(...s.stages);
      else flat.push(s);
    });
    this.stages = Object.freeze(flat);
  }

  get spec(): string {
    return this.stages.map((s) => s.spec).join(">");
  }

  toJSON(): ClipSpecObject[] {
    return this.stages.flatMap((s) => s.toJSON());
  }

  apply(grads: GradList, context: ClipContext = EMPTY_CONTEXT): ClipStats {
    const fn = "Chain.apply";
    checkGrads(fn, "grads", grads);
    checkContext(fn, context);
    const first = measure(grads);
    const stats: ClipStats[] = [];
    let m: Measurement = first;
    for (const stage of this.stages) {
      const s = stage instanceof ClipStrategyBase ? stage.run(grads, context, m) : stage.apply(grads, context);
      stats.push(s);
      m = { norm: s.normAfter, ...s.nonFiniteAfter };
      if (s.skip) break;
    }
    const last = stats[stats.length - 1];
    return {
      strategy: this.spec,
      normBefore: first.norm,
      normAfter: last.normAfter,
      threshold: last.threshold,
      clipped: stats.some((s) => s.clipped),
      units: last.units,
      clippedUnits: last.clippedUnits,
      clippedFraction: last.clippedFraction,
      nonFinite: { nan: first.nan, posInf: first.posInf, negInf: first.negInf },
      nonFiniteAfter: { ...last.nonFiniteAfter },
      skip: last.skip,
      stages: stats,
    };
  }

  /** The stages' states, or null when no stage has any. */
  getState(): ClipState | null {
    const states = this.stages.map((s) => s.getState());
    return states.every((s) => s === null) ? null : { type: "chain", stages: states };
  }

  setState(state: ClipState | null): void {
    const fn = "Chain.setState";
    if (state === null) {
      this.stages.forEach((s) => s.setState(null));
      return;
    }
    if (state.type !== "chain" || !Array.isArray(state.stages)) {
      throw new TypeError(`${fn}: state must be { type: "chain", stages: [...] } or null, got type ${describe((state as { type?: unknown }).type)}`);
    }
    if (state.stages.length !== this.stages.length) {
      throw new RangeError(`${fn}: state.stages must have one entry per stage (${this.stages.length}), got ${state.stages.length}`);
    }
    // all or nothing: if a stage rejects its state, the stages already set go back to what they were
    const previous = this.stages.map((s) => s.getState());
    try {
      this.stages.forEach((s, i) => s.setState(state.stages[i]));
    } catch (error) {
      this.stages.forEach((s, i) => s.setState(previous[i]));
      throw error;
    }
  }

  reset(): void {
    for (const s of this.stages) s.reset();
  }

  toString(): string {
    return `Chain(${this.spec})`;
  }
}

/** `new Chain(stages)`: e.g. `chain(new ZeroNans(), new AGCClip(), new GlobalNormClip(1))`. */
export function chain(...stages: ClipStrategy[]): Chain {
  return new Chain(stages);
}
