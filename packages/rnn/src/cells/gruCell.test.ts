import { Random } from "@vanish/core";
import { describe, it } from "vitest";
import { expectClose, expectFastMatchesReference, expectGradcheck, randomBatch, smallModel } from "../../test/helpers";
import type { ModelConfig } from "../model/config";
import { gruBackwardStep, gruForwardStep } from "./gruCell";

const sig = (v: number) => 1 / (1 + Math.exp(-v));

describe("gruForwardStep / gruBackwardStep", () => {
  // One unit, one row: x-side (r, z, n) = (0.3, −0.2, 0.5), h-side (0.1, 0.4, −0.6), h_{t−1} = 0.8.
  const r = sig(0.3 + 0.1);
  const z = sig(-0.2 + 0.4);
  const n = Math.tanh(0.5 + r * -0.6);

  it("uses the reset-after form: n = tanh(x W_inᵀ + b_in + r⊙(h W_hnᵀ + b_hn)), keeping h W_hnᵀ + b_hn", () => {
    // Projections without biases, then the biases b_ih = (0.1, −0.1, 0.1), b_hh = (0.1, −0.1, −0.1).
    const gi = Float64Array.of(0.2, -0.1, 0.4);
    const gh = Float64Array.of(0, 0.5, -0.5);
    const h = new Float64Array(1);
    gruForwardStep(1, 1, gi, 0, Float64Array.of(0.1, -0.1, 0.1), gh, 0, Float64Array.of(0.1, -0.1, -0.1), Float64Array.of(0.8), 0, h, 0);
    expectClose(gi, [r, z, n]);
    expectClose(gh[2], -0.6);
    expectClose(h, [(1 - z) * n + z * 0.8]);
  });

  it("backpropagates dh = 1.5 by hand and adds z⊙dh to dL/dh_{t−1}", () => {
    const dGi = new Float64Array(3);
    const dGh = new Float64Array(3);
    const dhPrev = Float64Array.of(10);
    gruBackwardStep(1, 1, Float64Array.of(r, z, n), 0, Float64Array.of(0.1, 0.4, -0.6), 0, 3, Float64Array.of(0.8), 0, 1, Float64Array.of(1.5), 0, dGi, 0, dGh, 0, dhPrev, 0);
    const dnp = 1.5 * (1 - z) * (1 - n * n);
    const dzp = 1.5 * (0.8 - n) * z * (1 - z);
    const drp = dnp * -0.6 * r * (1 - r);
    expectClose(dGi, [drp, dzp, dnp]);
    expectClose(dGh, [drp, dzp, dnp * r]);
    expectClose(dhPrev, [10 + 1.5 * z]);
  });
});

describe("gru through time", () => {
  const config: ModelConfig = { cell: "gru", inputSize: 3, hiddenSize: 4, outputSize: 2 };

  it.each([
    ["last", 1],
    ["last", 30],
    ["all", 1],
    ["all", 12],
  ] as const)("fast path equals the reference path (loss %s, T = %i)", (loss, T) => {
    expectFastMatchesReference(smallModel(config, 9), randomBatch({ ...config, dtype: "float64" }, T, 3, new Random(T), { loss }));
  });

  it.each([
    ["last", 1],
    ["last", 7],
    ["all", 5],
  ] as const)("both paths pass gradcheck (loss %s, T = %i)", (loss, T) => {
    expectGradcheck(smallModel(config, 6), randomBatch({ ...config, dtype: "float64" }, T, 2, new Random(30 + T), { loss }));
  });
});
