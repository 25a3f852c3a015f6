// The copy memory task: Arjovsky, Shah & Bengio (2016), "Unitary evolution recurrent neural networks", ICML.
import type { Random } from "@vanish/core";
import { checkInt } from "../validate";
import { type TaskBatch, type SequenceTask, allocateBatch } from "./sequenceTask";

export interface CopyMemoryOptions {
  /** T: blanks between the data and the recall (the paper's T; at least 1). */
  readonly delay: number;
  /** Alphabet size of the data (default 8). */
  readonly symbols?: number;
  /** Symbols to copy (default 10). */
  readonly count?: number;
}

/**
 * Copy memory. Symbol ids: 0 blank, 1 … symbols data, symbols + 1 the delimiter. A sequence (length
 * delay + 2·count) is `count` random data symbols, delay − 1 blanks, the delimiter, `count` blanks; the target is
 * blank everywhere except the last `count` steps, which repeat the data. Inputs `[L, B, symbols + 2]` one-hot;
 * targets Int32Array `[L, B]` over `symbols + 1` classes (blank and data). Baseline: blanks then a uniform guess,
 * cross-entropy count·ln(symbols)/(delay + 2·count) per step (10·ln 8/(T + 20) in the paper).
 */
export function copyMemory(options: CopyMemoryOptions): SequenceTask {
  const fn = "copyMemory";
  const delay = checkInt(fn, "options.delay", options?.delay, 1);
  const symbols = checkInt(fn, "options.symbols", options.symbols ?? 8, 2);
  const count = checkInt(fn, "options.count", options.count ?? 10, 1);
  const L = delay + 2 * count;
  const F = symbols + 2;
  return {
    name: `copy-memory-${delay}`,
    inputSize: F,
    outputSize: symbols + 1,
    kind: "classification",
    targetLayout: "all",
    maxLength: L,
    baseline: {
      metric: "crossEntropy",
      value: (count * Math.log(symbols)) / L,
      predictor: "blank, then uniform over the data symbols",
    },
    sample(rng: Random, batchSize: number): TaskBatch {
      const B = checkInt(`${fn}.sample`, "batchSize", batchSize, 1);
      const lengths = new Int32Array(B).fill(L);
      const batch = allocateBatch(lengths, F, new Int32Array(L * B), {
        kind: "classification",
        targetLayout: "all",
        classes: symbols + 1,
      });
      const x = batch.inputs;
      const y = batch.targets as Int32Array;
      for (let b = 0; b < B; b++) {
        for (let t = 0; t < L; t++) {
          let id = 0;
          if (t < count) {
            id = 1 + rng.int(symbols);
            y[(L - count + t) * B + b] = id;
          } else if (t === count + delay - 1) id = symbols + 1;
          x[(t * B + b) * F + id] = 1;
        }
      }
      return batch;
    },
  };
}
