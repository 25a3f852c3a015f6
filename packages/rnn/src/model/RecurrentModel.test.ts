import { Random, Tensor, concat, slice, zeros } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { createModel } from "./createModel";
import { RecurrentModel } from "./RecurrentModel";

describe("RecurrentModel", () => {
  it("names and shapes its parameters as PyTorch's state_dict, in order", () => {
    const m = createModel({ cell: "lstm", inputSize: 3, hiddenSize: 4, outputSize: 2, numLayers: 2, vocabSize: 10 }, new Random(0));
    expect(m.namedParameters().map(([n, t]) => `${n} [${t.shape}]`)).toMatchInlineSnapshot(`
      [
        "embedding.weight [10,3]",
        "weight_ih_l0 [16,3]",
        "weight_hh_l0 [16,4]",
        "bias_ih_l0 [16]",
        "bias_hh_l0 [16]",
        "weight_ih_l1 [16,4]",
        "weight_hh_l1 [16,4]",
        "bias_ih_l1 [16]",
        "bias_hh_l1 [16]",
        "head.weight [2,4]",
        "head.bias [2]",
      ]
    `);
    expect(m.parameters().every((p) => p.requiresGrad && p.grad === null)).toBe(true);
  });

  it("uses the given tensors, copying only views", () => {
    const src = createModel({ cell: "gru", inputSize: 2, hiddenSize: 3, outputSize: 2 }, new Random(1)).stateDict();
    // Rows 1..9 of a [10, 3] tensor: a view with an offset into a larger buffer.
    const view = slice(concat([zeros([1, 3]), src["weight_hh_l0"]]), [1, 0], [9, 3]);
    const m = new RecurrentModel({ cell: "gru", inputSize: 2, hiddenSize: 3, outputSize: 2 }, { ...src, weight_hh_l0: view });
    expect(m.layers[0].weightIh).toBe(src["weight_ih_l0"]);
    expect(m.layers[0].weightHh).not.toBe(view);
    expect(Array.from(m.layers[0].weightHh.data)).toEqual(Array.from(src["weight_hh_l0"].data));
  });

  it("lists every mismatch at once", () => {
    const src = createModel({ cell: "rnn_tanh", inputSize: 2, hiddenSize: 3, outputSize: 2 }, new Random(2)).stateDict();
    const bad = { ...src, weight_hh_l0: zeros([3, 2]), extra: zeros([1]) } as Record<string, Tensor>;
    delete bad["head.bias"];
    expect(() => new RecurrentModel({ cell: "rnn_tanh", inputSize: 2, hiddenSize: 3, outputSize: 2 }, bad)).toThrow(
      "RecurrentModel: parameters do not match the config (rnn_tanh, 1 layer(s), I=2, H=3, O=2): weight_hh_l0 must have shape [3,3], got [3,2]; missing head.bias [2]; unexpected extra",
    );
    expect(() => new RecurrentModel({ cell: "rnn_tanh", inputSize: 2, hiddenSize: 3, outputSize: 2, dtype: "float64" }, src)).toThrow(
      "RecurrentModel: parameters do not match the config (rnn_tanh, 1 layer(s), I=2, H=3, O=2): weight_ih_l0 must be float64, got float32; weight_hh_l0 must be float64, got float32; bias_ih_l0 must be float64, got float32; bias_hh_l0 must be float64, got float32; head.weight must be float64, got float32; head.bias must be float64, got float32",
    );
  });

  it("clones deeply and zeroes grads in place", () => {
    const m = createModel({ cell: "rnn_tanh", inputSize: 2, hiddenSize: 3, outputSize: 2 }, new Random(3));
    const c = m.clone();
    c.layers[0].weightHh.data[0] += 1;
    expect(c.layers[0].weightHh.data[0]).not.toBe(m.layers[0].weightHh.data[0]);
    m.ensureGrads();
    const g = m.layers[0].weightHh.grad!;
    g.data.fill(3);
    m.zeroGrad();
    expect(m.layers[0].weightHh.grad).toBe(g);
    expect(g.data.every((v) => v === 0)).toBe(true);
  });
});
