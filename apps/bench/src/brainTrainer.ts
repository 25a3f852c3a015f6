import type { CellType } from "@vanish/rnn";
import type { Problem } from "./problem";
import type { Trainer } from "./tfjsTrainer";

/** The parts of brain.js's recurrent time-step networks the benchmark uses. */
export interface BrainTimeStep {
  initialize(): void;
  /** Trains on one sequence: predicts `input[t + 1]` from steps ≤ t (a loss at every step), then updates. */
  trainPattern(input: Float32Array[], logErrorRate?: boolean): number;
}
type BrainTimeStepClass = new (options: { inputSize: number; hiddenLayers: number[]; outputSize: number; learningRate: number }) => BrainTimeStep;

/** The `brain.js` module, passed in so that only the brain.js worker loads it. */
export interface BrainModule {
  recurrent: { RNNTimeStep: BrainTimeStepClass; LSTMTimeStep: BrainTimeStepClass; GRUTimeStep: BrainTimeStepClass };
}

/** brain.js's class for a Vanish cell: its RNN is relu, its GRU reset-before, its LSTM as docs/speed.md#alternatives notes. */
export function brainClass(brain: BrainModule, cell: CellType): BrainTimeStepClass {
  return cell === "lstm" ? brain.recurrent.LSTMTimeStep : cell === "gru" ? brain.recurrent.GRUTimeStep : brain.recurrent.RNNTimeStep;
}

/**
 * brain.js's nearest equivalent of a training case: the same sizes and input sequences, one sequence per
 * update (brain.js has no batches), a loss at every step (a time-step network predicts the next vector). Its
 * own initialisation and update rule (RMSprop-like, per sequence) — it cannot load PyTorch weights — so it is
 * compared per unit of work, never by its loss.
 *
 * brain.js's `end()` feeds a zero vector of `outputSize` back as an input, so training only runs when
 * outputSize = inputSize: the network predicts all I features (the first two stand for the classes).
 * Each `step()` trains on the next of the batch's B sequences, `x[0..T−1][b]` plus a final zero vector.
 */
export function createBrainTrainer(brain: BrainModule, problem: Problem, learningRate: number): Trainer & { outputSize: number } {
  const { cell, inputSize: I, hiddenSize: H } = problem.model;
  const net = new (brainClass(brain, cell))({ inputSize: I, hiddenLayers: [H], outputSize: I, learningRate });
  net.initialize();
  const x = problem.batch.x;
  const T = x.length;
  const B = x[0].length;
  const sequences = Array.from({ length: B }, (_, b) => [...Array.from({ length: T }, (_, t) => Float32Array.from(x[t][b])), new Float32Array(I)]);
  let next = 0;
  return {
    step: () => {
      const loss = net.trainPattern(sequences[next], true);
      next = (next + 1) % B;
      return loss;
    },
    pytorchUpdate: false,
    weights: () => [],
    outputSize: I,
    dispose: () => undefined,
  };
}
