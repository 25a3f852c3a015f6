import { Random, randn } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose, finiteDifference, randomBatch, smallModel, steps } from "../../test/helpers";
import { CELL_TYPES } from "../cells/registry";
import { lossAndGrad } from "../fast/lossAndGrad";
import type { ModelConfig } from "../model/config";
import { createModel } from "../model/createModel";
import { jacobianNorms } from "./jacobianNorms";

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
  it("falls geometrically for a tanh RNN with small recurrent weights and grows for a relu RNN with large ones (docs/background.md#expected-pictures)", () => {
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
