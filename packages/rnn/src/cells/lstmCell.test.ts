import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose, expectFastMatchesReference, expectGradcheck, randomBatch, smallModel } from "../../test/helpers";
import { createModel } from "../model/createModel";
import type { ModelConfig } from "../model/config";
import { lstmBackwardStep, lstmForwardStep } from "./lstmCell";

const sig = (v: number) => 1 / (1 + Math.exp(-v));

describe("lstmForwardStep / lstmBackwardStep", () => {
  // One unit, one row: pre-activations (i, f, g, o) = (0.2, −0.4, 0.7, 1.1), c_{t−1} = 0.3.
  const pre = [0.2, -0.4, 0.7, 1.1];
  const [i, f, g, o] = [sig(0.2), sig(-0.4), Math.tanh(0.7), sig(1.1)];
  const c = f * 0.3 + i * g;

  it("adds the bias and computes the gates in i, f, g, o order, c_t and h_t", () => {
    const bias = Float64Array.of(0.1, 0.1, 0.4, 0.1);
    const gates = Float64Array.from(pre, (v, k) => v - bias[k]);
    const out = { c: new Float64Array(1), tc: new Float64Array(1), h: new Float64Array(1) };
    lstmForwardStep(1, 1, gates, 0, bias, Float64Array.of(0.3), 0, out.c, 0, out.tc, 0, out.h, 0);
    expectClose(gates, [i, f, g, o]);
    expectClose(out.c, [c]);
    expectClose(out.h, [o * Math.tanh(c)]);
  });

  it("backpropagates dh = 2 and a carried dc = −3 by hand", () => {
    const tc = Math.tanh(c);
    const dc = -3 + 2 * o * (1 - tc * tc);
    const dG = new Float64Array(4);
    const dcOut = new Float64Array(1);
    const dcPrev = new Float64Array(1);
    lstmBackwardStep(1, 1, Float64Array.of(i, f, g, o), 0, 4, Float64Array.of(0.3), 0, Float64Array.of(tc), 0, 1, Float64Array.of(2), 0, Float64Array.of(-3), 0, dcOut, 0, dcPrev, 0, dG, 0);
    expectClose(dcOut, [dc]);
    expectClose(dcPrev, [dc * f]);
    expectClose(dG, [dc * g * i * (1 - i), dc * 0.3 * f * (1 - f), dc * i * (1 - g * g), 2 * tc * o * (1 - o)]);
  });
});

describe("lstm through time", () => {
  const config: ModelConfig = { cell: "lstm", inputSize: 3, hiddenSize: 4, outputSize: 2 };

  it.each([
    ["last", 1],
    ["last", 30],
    ["all", 1],
    ["all", 12],
  ] as const)("fast path equals the reference path (loss %s, T = %i)", (loss, T) => {
    expectFastMatchesReference(smallModel(config, 8), randomBatch({ ...config, dtype: "float64" }, T, 3, new Random(T), { loss }));
  });

  it.each([
    ["last", 1],
    ["last", 7],
    ["all", 5],
  ] as const)("both paths pass gradcheck (loss %s, T = %i)", (loss, T) => {
    expectGradcheck(smallModel(config, 5), randomBatch({ ...config, dtype: "float64" }, T, 2, new Random(20 + T), { loss }));
  });

  it("sets the forget-gate bias on request (bias_ih f block = value, bias_hh f block = 0)", () => {
    const m = createModel({ ...config, hiddenSize: 3 }, new Random(0), { forgetBias: 1 });
    expect(Array.from(m.layers[0].biasIh.data.subarray(3, 6))).toEqual([1, 1, 1]);
    expect(Array.from(m.layers[0].biasHh.data.subarray(3, 6))).toEqual([0, 0, 0]);
    expect(m.layers[0].biasIh.data.subarray(0, 3).every((v) => Math.abs(v) <= 1 / Math.sqrt(3) && v !== 1)).toBe(true);
  });
});
