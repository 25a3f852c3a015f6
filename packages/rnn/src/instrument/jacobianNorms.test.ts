import { Random, Tensor, randn } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose, randomBatch, smallModel } from "../../test/helpers";
import { CELL_TYPES } from "../cells/cellType";
import { lossAndGrad } from "../fast/lossAndGrad";
import type { ModelConfig } from "../model/config";
import { createModel } from "../model/createModel";
import type { RecurrentModel } from "../model/RecurrentModel";
import { jacobianNorms } from "./jacobianNorms";

function steps(x: Tensor, from: number, to: number): Tensor {
  const per = x.shape[1] * x.shape[2];
  return new Tensor(Float64Array.from(x.data.subarray(from * per, to * per)), [to - from, x.shape[1], x.shape[2]]);
}

/** ‖∂h_end/∂h_t‖_F of example b by central differences on the state (c_t held fixed for an LSTM). */
function finiteDifference(model: RecurrentModel, x: Tensor, b: number, t: number, end: number): number {
  const B = x.shape[1];
  const H = model.hiddenSize;
  if (t === end) return Math.sqrt(H);
  const state = lossAndGrad(model, { x: steps(x, 0, t + 1), targets: new Int32Array(B) }, { grad: false, returnState: true }).finalState!;
  const after = (h: Float64Array) =>
    lossAndGrad(model, { x: steps(x, t + 1, end + 1), targets: new Int32Array(B), h0: new Tensor(h, [1, B, H]), c0: state.c ?? undefined }, { grad: false, returnState: true }).finalState!.h.data;
  const eps = 1e-6;
  let s = 0;
  for (let j = 0; j < H; j++) {
    const plus = Float64Array.from(state.h.data);
    const minus = Float64Array.from(state.h.data);
    plus[b * H + j] += eps;
    minus[b * H + j] -= eps;
    const hp = after(plus);
    const hm = after(minus);
    for (let i = 0; i < H; i++) s += ((hp[b * H + i] - hm[b * H + i]) / (2 * eps)) ** 2;
  }
  return Math.sqrt(s);
}

describe.each(CELL_TYPES)("jacobianNorms with %s", (cell) => {
  const config: ModelConfig = { cell, inputSize: 2, hiddenSize: 3, outputSize: 2, dtype: "float64" };

  it("exact mode equals central differences of h_T with respect to h_t, for every t and example (with lengths)", () => {
    const model = smallModel(config, 1);
    const T = 6;
    const B = 2;
    const lengths = [6, 4];
    const batch = randomBatch(config, T, B, new Random(2), { lengths });
    const r = jacobianNorms(model, batch);
    expect([r.method, r.probes, r.layer]).toEqual(["exact", 3, 0]);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        const got = r.perExample[t * B + b];
        if (t >= lengths[b]) expect(got).toBeNaN();
        else expectClose(got, finiteDifference(model, batch.x!, b, t, lengths[b] - 1), { rtol: 1e-6, atol: 1e-9 });
      }
    }
    expectClose(r.mean.subarray(0, 4), Array.from({ length: 4 }, (_, t) => (r.perExample[t * 2] + r.perExample[t * 2 + 1]) / 2));
    expectClose(r.mean.subarray(4), [r.perExample[8], r.perExample[10]]);
  });

  it("the random-probe estimate is unbiased for ‖J‖_F² (many probes land within a few percent) and seeded", () => {
    const model = smallModel({ ...config, hiddenSize: 6 }, 3);
    const batch = randomBatch(config, 5, 1, new Random(4));
    const exact = jacobianNorms(model, batch, { method: "exact" });
    const estimate = jacobianNorms(model, batch, { method: "estimate", probes: 4000, seed: 1 });
    expect(estimate.method).toBe("estimate");
    expectClose(estimate.perExample, exact.perExample, { rtol: 0.06 });
    expect(jacobianNorms(model, batch, { method: "estimate", probes: 8, seed: 5 })).toEqual(jacobianNorms(model, batch, { method: "estimate", probes: 8, seed: 5 }));
  });
});

describe("jacobianNorms", () => {
  it("falls geometrically for a tanh RNN with small recurrent weights and grows for a relu RNN with large ones (REFERENCE §6)", () => {
    const rng = new Random(0);
    const tanh = createModel({ cell: "rnn_tanh", inputSize: 1, hiddenSize: 8, outputSize: 2, dtype: "float64" }, rng, { recurrent: { kind: "scaledNormal", scale: 0.5 } });
    const x = randn([50, 4, 1], new Random(1), { dtype: "float64" });
    const fall = jacobianNorms(tanh, { x, targets: [0, 1, 0, 1] }).mean;
    expect(fall[0] / fall[49]).toBeLessThan(1e-12);
    const relu = createModel({ cell: "rnn_relu", inputSize: 1, hiddenSize: 8, outputSize: 2, dtype: "float64" }, new Random(2), { recurrent: { kind: "scaledNormal", scale: 2 } });
    const grow = jacobianNorms(relu, { x: steps(x, 0, 30), targets: [0, 1, 0, 1] }).mean;
    expect(grow[0] / grow[29]).toBeGreaterThan(10);
  });

  it("uses the estimate for H > 32 unless told otherwise, and follows the chosen layer", () => {
    const config: ModelConfig = { cell: "gru", inputSize: 2, hiddenSize: 40, outputSize: 2, numLayers: 2, dtype: "float64" };
    const model = smallModel(config, 5);
    const batch = randomBatch(config, 3, 2, new Random(6));
    const auto = jacobianNorms(model, batch);
    expect([auto.method, auto.probes, auto.layer]).toEqual(["estimate", 16, 1]);
    expect(jacobianNorms(model, batch, { layer: 0, method: "exact" })).toMatchObject({ method: "exact", probes: 40, layer: 0 });
  });

  it.each<[string, object, string]>([
    ["a layer out of range", { layer: 1 }, "jacobianNorms: options.layer must be an integer in [0, 0], got 1"],
    ["an unknown method", { method: "svd" }, 'jacobianNorms: options.method must be "exact", "estimate" or "auto", got the string "svd"'],
    ["zero probes", { method: "estimate", probes: 0 }, "jacobianNorms: options.probes must be an integer >= 1, got 0"],
  ])("rejects %s", (_, options, message) => {
    const config: ModelConfig = { cell: "rnn_tanh", inputSize: 2, hiddenSize: 3, outputSize: 2, dtype: "float64" };
    expect(() => jacobianNorms(smallModel(config), randomBatch(config, 2, 1, new Random(0)), options)).toThrow(message);
  });
});
