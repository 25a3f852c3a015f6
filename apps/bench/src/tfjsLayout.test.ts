import { describe, expect, it } from "vitest";
import { batchMajor, oneHot, timeMajor, toTfjsWeights, transposed } from "./tfjsLayout";
import type { ModelJSON } from "@vanish/rnn";

describe("transposed", () => {
  it("turns [rows, cols] into flat row-major [cols, rows]", () => {
    expect(Array.from(transposed([[1, 2, 3], [4, 5, 6]], 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it("names both shapes when the matrix is not the size given", () => {
    expect(() => transposed([[1, 2], [3]], 2, 2)).toThrow("transposed: m must be [2, 2], got [2, 2]");
    expect(() => transposed([[1, 2]], 2, 2)).toThrow("transposed: m must be [2, 2], got [1, 2]");
  });
});

describe("toTfjsWeights", () => {
  // A tanh RNN with I = 2, H = 2, O = 3 whose every entry is distinct, so each one can be traced.
  const model: ModelJSON = {
    cell: "rnn_tanh",
    inputSize: 2,
    hiddenSize: 2,
    outputSize: 3,
    stateDict: {
      weight_ih_l0: [[1, 2], [3, 4]],
      weight_hh_l0: [[5, 6], [7, 8]],
      bias_ih_l0: [0.5, 0.25],
      bias_hh_l0: [10, 20],
      "head.weight": [[11, 12], [13, 14], [15, 16]],
      "head.bias": [-1, -2, -3],
    },
  };

  it("maps kernel = W_ihᵀ, recurrent_kernel = W_hhᵀ, bias = b_ih + b_hh, head kernel = head.weightᵀ", () => {
    const w = toTfjsWeights(model);
    expect(Array.from(w.kernel)).toEqual([1, 3, 2, 4]);
    expect(Array.from(w.recurrentKernel)).toEqual([5, 7, 6, 8]);
    expect(Array.from(w.bias)).toEqual([10.5, 20.25]);
    expect(Array.from(w.biasIh)).toEqual([0.5, 0.25]);
    expect(Array.from(w.biasHh)).toEqual([10, 20]);
    expect(Array.from(w.headKernel)).toEqual([11, 13, 15, 12, 14, 16]);
    expect(Array.from(w.headBias)).toEqual([-1, -2, -3]);
    expect([w.cell, w.inputSize, w.hiddenSize, w.outputSize]).toEqual(["rnn_tanh", 2, 2, 3]);
  });

  it("keeps the gate blocks of a gated cell in PyTorch's order along the columns", () => {
    // LSTM, I = 1, H = 1: W_ih is [4, 1] with rows i, f, g, o.
    const lstm: ModelJSON = {
      cell: "lstm",
      inputSize: 1,
      hiddenSize: 1,
      outputSize: 2,
      stateDict: {
        weight_ih_l0: [[1], [2], [3], [4]],
        weight_hh_l0: [[5], [6], [7], [8]],
        bias_ih_l0: [1, 2, 3, 4],
        bias_hh_l0: [0, 0, 0, 1],
        "head.weight": [[1], [2]],
        "head.bias": [0, 0],
      },
    };
    const w = toTfjsWeights(lstm);
    expect(Array.from(w.kernel)).toEqual([1, 2, 3, 4]);
    expect(Array.from(w.recurrentKernel)).toEqual([5, 6, 7, 8]);
    expect(Array.from(w.bias)).toEqual([1, 2, 3, 5]);
  });

  it("refuses a stacked model", () => {
    expect(() => toTfjsWeights({ ...model, numLayers: 2 })).toThrow("toTfjsWeights: only one-layer models are mapped, got numLayers 2");
  });
});

describe("data layouts", () => {
  // x[t][b][i] = 100t + 10b + i, T = 2, B = 3, I = 2.
  const x = [0, 1].map((t) => [0, 1, 2].map((b) => [0, 1].map((i) => 100 * t + 10 * b + i)));

  it("batchMajor puts x[t][b] at (b·T + t)·I", () => {
    expect(Array.from(batchMajor(x))).toEqual([0, 1, 100, 101, 10, 11, 110, 111, 20, 21, 120, 121]);
  });

  it("timeMajor puts x[t][b] at (t·B + b)·I", () => {
    expect(Array.from(timeMajor(x))).toEqual([0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121]);
  });

  it("oneHot sets one 1 per row", () => {
    expect(Array.from(oneHot([1, 0, 2], 3))).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 1]);
  });
});
