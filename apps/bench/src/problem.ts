import { Random } from "@vanish/core";
import { createModel, modelToJSON, type BatchJSON, type CellType, type ModelJSON } from "@vanish/rnn";

/** The training problem every implementation of one benchmark case starts from, as plain JSON. */
export interface Problem {
  /** Weights in PyTorch layout (docs/interchange.md#model), drawn once as float32 values. */
  model: ModelJSON;
  /** Inputs `x` `[T][B][I]` and class ids `y` `[B]` read from the last state (docs/interchange.md#batch). */
  batch: BatchJSON;
  /** SGD learning rate used by every implementation. */
  learningRate: number;
}

/** The sizes of a training case. */
export interface ProblemShape {
  cell: CellType;
  /** Sequence length T. */
  steps: number;
  hiddenSize: number;
  /** Default 32. */
  batchSize?: number;
  /** Default 16. */
  inputSize?: number;
  /** Classes read from the last state; default 2. */
  classes?: number;
  /** Default 0.1. */
  learningRate?: number;
}

/**
 * One seeded problem: weights from `createModel` (PyTorch's default U(−1/√H, 1/√H) init, float32) and inputs
 * U(−1, 1) rounded to float32, so that float32 and float64 implementations read exactly the same numbers.
 */
export function makeProblem(shape: ProblemShape, seed = 1): Problem {
  const { cell, steps: T, hiddenSize: H, batchSize: B = 32, inputSize: I = 16, classes = 2, learningRate = 0.1 } = shape;
  const rng = new Random(seed);
  const model = modelToJSON(createModel({ cell, inputSize: I, hiddenSize: H, outputSize: classes }, rng));
  const x = Array.from({ length: T }, () => Array.from({ length: B }, () => Array.from({ length: I }, () => Math.fround(rng.uniform() * 2 - 1))));
  const y = Array.from({ length: B }, () => rng.int(classes));
  return { model, batch: { x, y, loss: "last" }, learningRate };
}

/** The name of a case in tables, e.g. "T50 H64". */
export function caseName(steps: number, hiddenSize: number): string {
  return `T${steps} H${hiddenSize}`;
}
