// The temporal order problem: Hochreiter & Schmidhuber (1997), "Long short-term memory", experiments 6a (two relevant
// symbols, 4 classes) and 6b (three, 8 classes), with the relevant positions scaled to the length knob.
import type { Random } from "@vanish/core";
import { checkInt, checkNumber, checkOneOf } from "../validate";
import { type TaskBatch, type SequenceTask, allocateBatch } from "./sequenceTask";

export interface TemporalOrderOptions {
  /** Minimal length T (default 100, at least 10). */
  readonly length?: number;
  /** 4 (task 6a, default) or 8 (task 6b). */
  readonly classes?: 4 | 8;
  /** Lengths are uniform in `[T, T + ⌊jitter·T⌋]` (default 0.1, as in the paper; 0 for fixed length). */
  readonly jitter?: number;
}

/** The symbols, in one-hot order (F = 8). */
export const TEMPORAL_ORDER_SYMBOLS = ["a", "b", "c", "d", "X", "Y", "E", "B"] as const;

/** Relevant-symbol windows as fractions of T (for T = 100: 6a 10–20, 50–60; 6b 10–20, 33–43, 66–76). */
const WINDOWS: Record<4 | 8, readonly (readonly [number, number])[]> = {
  4: [
    [0.1, 0.2],
    [0.5, 0.6],
  ],
  8: [
    [0.1, 0.2],
    [0.33, 0.43],
    [0.66, 0.76],
  ],
};

/**
 * Temporal order. A sequence starts with E (step 0), ends with B, and is otherwise random a–d except at the relevant
 * steps (one per window, 0-based), which are X or Y. The class is the X/Y pattern read as a binary number, X = 0,
 * first symbol most significant (6a: XX→0 "Q", XY→1 "R", YX→2 "S", YY→3 "U"). Inputs `[T, B, 8]` one-hot;
 * targets Int32Array `[B]` read at the last real step. Baseline: chance error 1 − 1/classes (75 %, 87.5 %).
 */
export function temporalOrder(options: TemporalOrderOptions = {}): SequenceTask {
  const fn = "temporalOrder";
  const T = checkInt(fn, "options.length", options.length ?? 100, 10);
  const classes = checkOneOf(fn, "options.classes", options.classes ?? 4, [4, 8]);
  const jitter = checkNumber(fn, "options.jitter", options.jitter ?? 0.1, 0, 10);
  const extra = Math.floor(jitter * T);
  const windows = WINDOWS[classes].map(([lo, hi]) => [Math.round(lo * T), Math.round(hi * T)] as const);
  const F = TEMPORAL_ORDER_SYMBOLS.length;
  return {
    name: `temporal-order-${classes}-${T}`,
    inputSize: F,
    outputSize: classes,
    kind: "classification",
    targetLayout: "last",
    maxLength: T + extra,
    baseline: { metric: "error", value: 1 - 1 / classes, predictor: "chance" },
    sample(rng: Random, batchSize: number): TaskBatch {
      const B = checkInt(`${fn}.sample`, "batchSize", batchSize, 1);
      const lengths = new Int32Array(B);
      for (let b = 0; b < B; b++) lengths[b] = T + rng.int(extra + 1);
      const batch = allocateBatch(lengths, F, new Int32Array(B), {
        kind: "classification",
        targetLayout: "last",
        classes,
      });
      const x = batch.inputs;
      const y = batch.targets as Int32Array;
      for (let b = 0; b < B; b++) {
        const L = lengths[b];
        x[b * F + 6] = 1; // E
        x[((L - 1) * B + b) * F + 7] = 1; // B
        for (let t = 1; t < L - 1; t++) x[(t * B + b) * F + rng.int(4)] = 1;
        let label = 0;
        for (const [lo, hi] of windows) {
          const t = lo + rng.int(hi - lo + 1);
          const bit = rng.int(2);
          const row = (t * B + b) * F;
          x.fill(0, row, row + F);
          x[row + 4 + bit] = 1;
          label = label * 2 + bit;
        }
        y[b] = label;
      }
      return batch;
    },
  };
}
