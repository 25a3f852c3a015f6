import { describe, expect, it } from "vitest";
import { macPerSequence } from "./work";

describe("macPerSequence", () => {
  it("counts the cell's G·H·(I+H) per step and the head per step that reads it", () => {
    // tanh RNN, T50 H64 I16, 2 classes from the last state: 50·64·80 + 2·64.
    expect(macPerSequence({ cell: "rnn_tanh", steps: 50, hiddenSize: 64, inputSize: 16, outputSize: 2, headSteps: 1 })).toBe(256_128);
    // LSTM (G = 4) with a 16-wide head at every step, as brain.js trains: 50·4·64·80 + 50·16·64.
    expect(macPerSequence({ cell: "lstm", steps: 50, hiddenSize: 64, inputSize: 16, outputSize: 16, headSteps: 50 })).toBe(1_075_200);
    // GRU: G = 3.
    expect(macPerSequence({ cell: "gru", steps: 1, hiddenSize: 2, inputSize: 1, outputSize: 1, headSteps: 0 })).toBe(18);
  });
});
