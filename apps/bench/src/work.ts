import { gateCount, type CellType } from "@vanish/rnn";

/** The sizes behind one unit of training work. */
export interface WorkShape {
  cell: CellType;
  steps: number;
  hiddenSize: number;
  inputSize: number;
  /** Head outputs. */
  outputSize: number;
  /** Steps that read the head: 1 for a loss from the last state, T for a loss at every step. */
  headSteps: number;
}

/**
 * The unit of work used to compare implementations that do not run the same batch shape (brain.js trains
 * one sequence at a time with a loss at every step): forward multiply-adds per sequence,
 * T·G·H·(I + H) for the cell plus headSteps·O·H for the head. Backward costs about twice the forward for
 * every implementation and is not counted. Work per second = sequences per second × this.
 */
export function macPerSequence({ cell, steps, hiddenSize: H, inputSize: I, outputSize: O, headSteps }: WorkShape): number {
  return steps * gateCount(cell) * H * (I + H) + headSteps * O * H;
}
