import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose, expectFastMatchesReference, expectGradcheck, randomBatch, smallModel } from "../../test/helpers";
import type { ModelConfig } from "../model/config";
import { rnnBackwardStep, rnnForwardStep } from "./rnnCell";

describe("rnnForwardStep / rnnBackwardStep", () => {
  it("add the bias, apply tanh, and backpropagate 1 − h² elementwise with distinct upstream gradients", () => {
    const a = Float64Array.of(-1, 0, 0.5, 2);
    const h = new Float64Array(4);
    rnnForwardStep(false, 2, 2, a, 0, Float64Array.of(0.1, -0.2), h, 0);
    expectClose(h, [Math.tanh(-0.9), Math.tanh(-0.2), Math.tanh(0.6), Math.tanh(1.8)]);
    const dh = Float64Array.of(1, 2, 3, 4);
    const dG = new Float64Array(4);
    rnnBackwardStep(false, 2, 2, h, 0, 2, dh, 0, dG, 0);
    expectClose(dG, Array.from(h, (y, k) => dh[k] * (1 - y * y)));
  });

  it("relu passes the gradient only where h > 0 (0 at the kink, as PyTorch)", () => {
    const a = Float64Array.of(-1, 0, 0.5, 2);
    const h = new Float64Array(4);
    rnnForwardStep(true, 1, 4, a, 0, new Float64Array(4), h, 0);
    expect(Array.from(h)).toEqual([0, 0, 0.5, 2]);
    const dG = new Float64Array(4);
    rnnBackwardStep(true, 1, 4, h, 0, 4, Float64Array.of(1, 2, 3, 4), 0, dG, 0);
    expect(Array.from(dG)).toEqual([0, 0, 3, 4]);
  });

  it("reads one activation row for every gradient row when the stride is 0", () => {
    const h = Float64Array.of(0.5, -0.25);
    const dG = new Float64Array(4);
    rnnBackwardStep(false, 2, 2, h, 0, 0, Float64Array.of(1, 0, 0, 1), 0, dG, 0);
    expectClose(dG, [0.75, 0, 0, 0.9375]);
  });
});

describe.each(["rnn_tanh", "rnn_relu"] as const)("%s through time", (cell) => {
  const config: ModelConfig = { cell, inputSize: 3, hiddenSize: 4, outputSize: 3 };

  it.each([
    ["last", 1],
    ["last", 25],
    ["all", 1],
    ["all", 12],
  ] as const)("fast path equals the reference path (loss %s, T = %i)", (loss, T) => {
    const model = smallModel(config, 7);
    expectFastMatchesReference(model, randomBatch({ ...config, dtype: "float64" }, T, 3, new Random(T), { loss }));
  });

  it.each([
    ["last", 1],
    ["last", 8],
    ["all", 6],
  ] as const)("both paths pass gradcheck (loss %s, T = %i)", (loss, T) => {
    const model = smallModel(config, 3);
    expectGradcheck(model, randomBatch({ ...config, dtype: "float64" }, T, 2, new Random(10 + T), { loss }));
  });
});
