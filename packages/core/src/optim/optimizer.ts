import { allocate, type TypedArray } from "../dtype";
import { fmt } from "../shape";
import { isTensor } from "../brand";
import { Tensor } from "../tensor/Tensor";

/** An optimiser's state as plain JSON-safe data (for checkpoints). */
export interface OptimizerState {
  type: string;
  step: number;
  /** Per-parameter named buffers, e.g. `[{ exp_avg: [...], exp_avg_sq: [...] }, ...]`. */
  buffers: Record<string, number[]>[];
}

/**
 * Base of the `torch.optim`-style optimisers: holds the parameters and their per-parameter buffers, and
 * updates `param.data` in place from `param.grad` in plain loops (no allocation in `step`).
 */
export abstract class Optimizer {
  readonly params: readonly Tensor[];
  /** Number of completed `step` calls. */
  stepCount = 0;
  protected readonly buffers: Map<string, TypedArray>[];
  protected abstract readonly type: string;

  constructor(params: readonly Tensor[]) {
    if (!Array.isArray(params) || params.length === 0) {
      throw new TypeError(`${new.target.name}: params must be a non-empty array of Tensors`);
    }
    params.forEach((p, i) => {
      if (!isTensor(p, new.target.name, "params", i)) throw new TypeError(`${new.target.name}: params[${i}] must be a Tensor, got ${String(p)}`);
      if (!p.isContiguous() || p.offset !== 0) {
        throw new TypeError(`${new.target.name}: params[${i}] must be a dense tensor that owns its data (not a view)`);
      }
    });
    this.params = params;
    this.buffers = params.map(() => new Map());
  }

  /** A zero-initialised buffer for parameter `i`, created on first use. */
  protected buffer(i: number, name: string): TypedArray {
    let b = this.buffers[i].get(name);
    if (!b) {
      b = allocate(this.params[i].dtype, this.params[i].size);
      this.buffers[i].set(name, b);
    }
    return b;
  }

  /** Applies one update from the parameters' `grad`; parameters without a grad are skipped. */
  step(): void {
    this.stepCount++;
    this.params.forEach((p, i) => {
      const g = p.grad;
      if (!g) return;
      if (g.size !== p.size) throw new RangeError(`${this.constructor.name}.step: params[${i}].grad has shape ${fmt(g.shape)}, expected ${fmt(p.shape)}`);
      const gc = g.contiguous();
      this.update(i, p.data, gc.data, gc.offset, p.size);
    });
  }

  /** The update rule for one parameter (`p` and `g` dense; `g` starts at `gOff`). */
  protected abstract update(i: number, p: TypedArray, g: TypedArray, gOff: number, n: number): void;

  /** Zeroes every parameter's grad in place (keeping the buffer, so training loops do not allocate). */
  zeroGrad(): void {
    for (const p of this.params) {
      if (p.grad) p.grad.data.fill(0, p.grad.offset, p.grad.offset + p.grad.size);
    }
  }

  getState(): OptimizerState {
    return {
      type: this.type,
      step: this.stepCount,
      buffers: this.buffers.map((m) => Object.fromEntries([...m].map(([k, v]) => [k, Array.from(v)]))),
    };
  }

  /** Restores {@link getState} output exactly (float64 values survive JSON unchanged). */
  setState(state: OptimizerState): void {
    const name = `${this.constructor.name}.setState`;
    if (!state || state.type !== this.type) {
      throw new TypeError(`${name}: state.type must be ${JSON.stringify(this.type)}, got ${JSON.stringify(state?.type)}`);
    }
    if (!Number.isInteger(state.step) || state.step < 0) throw new RangeError(`${name}: state.step must be an integer >= 0, got ${state.step}`);
    if (!Array.isArray(state.buffers) || state.buffers.length !== this.params.length) {
      throw new RangeError(`${name}: state.buffers must have one entry per parameter (${this.params.length}), got ${state.buffers?.length}`);
    }
    state.buffers.forEach((bufs, i) => {
      for (const [k, v] of Object.entries(bufs)) {
        if (!Array.isArray(v) || v.length !== this.params[i].size) {
          throw new RangeError(`${name}: state.buffers[${i}].${k} must have ${this.params[i].size} values, got ${Array.isArray(v) ? v.length : typeof v}`);
        }
      }
    });
    this.stepCount = state.step;
    state.buffers.forEach((bufs, i) => {
      this.buffers[i].clear();
      for (const [k, v] of Object.entries(bufs)) this.buffer(i, k).set(v);
    });
  }
}

export function checkHyper(fn: string, name: string, v: number, min: number, max = Infinity, minInclusive = true): number {
  const ok = typeof v === "number" && (minInclusive ? v >= min : v > min) && v <= max && !Number.isNaN(v);
  if (!ok) {
    throw new RangeError(`${fn}: ${name} must be a number in ${minInclusive ? "[" : "("}${min}, ${max}${max === Infinity ? ")" : "]"}, got ${v}`);
  }
  return v;
}
