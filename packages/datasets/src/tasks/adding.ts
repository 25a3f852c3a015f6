// The adding problem. "hochreiter": Hochreiter & Schmidhuber (1997), "Long short-term memory", Neural Computation
// 9(8), experiment 4. "modern": the fixed-length U[0, 1] form used since Le, Jaitly & Hinton (2015), "A simple way to
// initialize recurrent networks of rectified linear units" — one marker in each half, target = the sum.
import type { Random } from "@vanish/core";
import { checkInt, checkOneOf } from "../validate";
import { type Baseline, type TaskBatch, type SequenceTask, allocateBatch } from "./sequenceTask";

export interface AddingOptions {
  /** T: the sequence length ("modern", ≥ 2) or the minimal length ("hochreiter", ≥ 20; lengths T … T + ⌊T/10⌋). */
  readonly length: number;
  readonly variant?: "modern" | "hochreiter";
}

/**
 * The adding problem. Inputs `[T, B, 2]`: feature 0 the value, feature 1 the marker. Targets Float32Array `[B]`,
 * read at the last real step.
 * - `"modern"`: values U[0, 1]; markers 1 at one step of `[0, ⌊T/2⌋)` and one of `[⌊T/2⌋, T)`, else 0;
 *   target X1 + X2. Baseline: predicting 1 gives MSE 1/6 ≈ 0.167.
 * - `"hochreiter"`: length uniform in `[T, T + ⌊T/10⌋]`; values U[−1, 1]; X1 marked among the first 10 steps, X2
 *   among the first ⌊T/2⌋ − 1 steps still unmarked; the first and last markers are −1 when not marked; a marked
 *   first step has value 0 (H&S: "X1 is set to zero in the rare case where the first pair got marked");
 *   target 0.5 + (X1 + X2)/4; "correct" if |error| < 0.04. Baseline: predicting 0.5 gives MSE
 *   (1.9 − 0.9/(⌊T/2⌋ − 1))/48 ≈ 1/24 (exactly 1/24 if the first step were never zeroed).
 */
export function addingProblem(options: AddingOptions): SequenceTask {
  const fn = "addingProblem";
  const variant = checkOneOf(fn, "options.variant", options?.variant ?? "modern", ["modern", "hochreiter"]);
  const T = checkInt(fn, "options.length", options.length, variant === "modern" ? 2 : 20);
  const half = Math.floor(T / 2);
  const baseline: Baseline =
    variant === "modern"
      ? { metric: "mse", value: 1 / 6, predictor: "constant 1" }
      : { metric: "mse", value: (1.9 - 0.9 / (half - 1)) / 48, predictor: "constant 0.5" };
  const maxLength = variant === "modern" ? T : T + Math.floor(T / 10);
  return {
    name: `adding-${variant}-${T}`,
    inputSize: 2,
    outputSize: 1,
    kind: "regression",
    targetLayout: "last",
    maxLength,
    baseline,
    sample(rng: Random, batchSize: number): TaskBatch {
      const B = checkInt(`${fn}.sample`, "batchSize", batchSize, 1);
      const lengths = new Int32Array(B);
      for (let b = 0; b < B; b++) lengths[b] = variant === "modern" ? T : T + rng.int(maxLength - T + 1);
      const batch = allocateBatch(lengths, 2, new Float32Array(B), {
        kind: "regression",
        targetLayout: "last",
        classes: 0,
      });
      const x = batch.inputs;
      const y = batch.targets as Float32Array;
      const at = (t: number, b: number) => (t * B + b) * 2;
      for (let b = 0; b < B; b++) {
        const L = lengths[b];
        if (variant === "modern") {
          for (let t = 0; t < L; t++) x[at(t, b)] = rng.uniform();
          const p1 = rng.int(half);
          const p2 = half + rng.int(L - half);
          x[at(p1, b) + 1] = 1;
          x[at(p2, b) + 1] = 1;
          y[b] = x[at(p1, b)] + x[at(p2, b)];
        } else {
          for (let t = 0; t < L; t++) x[at(t, b)] = rng.uniform() * 2 - 1;
          x[at(0, b) + 1] = -1;
          x[at(L - 1, b) + 1] = -1;
          const p1 = rng.int(10);
          const k = rng.int(half - 1);
          const p2 = k < p1 ? k : k + 1;
          x[at(p1, b) + 1] = 1;
          x[at(p2, b) + 1] = 1;
          if (p1 === 0 || p2 === 0) x[at(0, b)] = 0;
          y[b] = 0.5 + (x[at(p1, b)] + x[at(p2, b)]) / 4;
        }
      }
      return batch;
    },
  };
}
