import { Random } from "@vanish/core";
import { checkInt } from "../validate";

/**
 * A padded, time-major batch of real-valued input sequences for the classic long-memory tasks.
 * Sequences are left-aligned; padded steps have zero inputs and `mask` 0.
 */
export interface TaskBatch {
  /** Time steps (the longest sequence in the batch). */
  readonly T: number;
  readonly B: number;
  /** Features per step. */
  readonly F: number;
  /** `[T, B, F]`: `inputs[(t * B + b) * F + f]`. */
  readonly inputs: Float32Array;
  /**
   * `"regression"` + `"last"`: Float32Array `[B]`; `"classification"` + `"last"`: Int32Array `[B]` of classes;
   * `"classification"` + `"all"`: Int32Array `[T, B]`.
   */
  readonly targets: Float32Array | Int32Array;
  readonly kind: "regression" | "classification";
  /** `"last"`: one target per sequence, read at step `lengths[b] − 1`; `"all"`: one per step. */
  readonly targetLayout: "last" | "all";
  /** Number of classes (0 for regression). */
  readonly classes: number;
  /** `[B]` real lengths. */
  readonly lengths: Int32Array;
  /** `[T, B]`: 1 at real steps. */
  readonly mask: Float32Array;
}

/** What a predictor that ignores the inputs' memory achieves: the bar a model must beat. */
export interface Baseline {
  readonly metric: "mse" | "error" | "crossEntropy";
  readonly value: number;
  /** The trivial predictor. */
  readonly predictor: string;
}

/** A synthetic task with a fixed configuration; `sample` draws one batch from `rng`. */
export interface SequenceTask {
  readonly name: string;
  readonly inputSize: number;
  /** Output units a model needs (1 for regression, the class count otherwise). */
  readonly outputSize: number;
  readonly kind: "regression" | "classification";
  readonly targetLayout: "last" | "all";
  /** The longest sequence `sample` can produce. */
  readonly maxLength: number;
  readonly baseline: Baseline;
  sample(rng: Random, batchSize: number): TaskBatch;
}

/**
 * `count` batches (endless when omitted) of a task from `new Random(seed)`: a pure function of
 * `(task configuration, seed, batchSize)`.
 */
export function* taskBatches(
  task: SequenceTask,
  seed: number,
  options: { readonly batchSize: number; readonly count?: number },
): Generator<TaskBatch, void, undefined> {
  const batchSize = checkInt("taskBatches", "options.batchSize", options?.batchSize, 1);
  const count = options.count === undefined ? Infinity : checkInt("taskBatches", "options.count", options.count, 0);
  const rng = new Random(checkInt("taskBatches", "seed", seed));
  for (let i = 0; i < count; i++) yield task.sample(rng, batchSize);
}

/** Allocates a batch whose sequence b has length `lengths[b]`, with its mask filled in. */
export function allocateBatch(
  lengths: Int32Array,
  F: number,
  targets: Float32Array | Int32Array,
  shape: Pick<TaskBatch, "kind" | "targetLayout" | "classes">,
): TaskBatch {
  const B = lengths.length;
  let T = 0;
  for (let b = 0; b < B; b++) T = Math.max(T, lengths[b]);
  const mask = new Float32Array(T * B);
  for (let b = 0; b < B; b++) for (let t = 0; t < lengths[b]; t++) mask[t * B + b] = 1;
  return { T, B, F, inputs: new Float32Array(T * B * F), targets, lengths, mask, ...shape };
}
