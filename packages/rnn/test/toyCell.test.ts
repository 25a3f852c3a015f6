import { Random, SGD, randn, setBackend, wasmSupported } from "@vanish/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cell } from "../src/cells/Cell";
import { CELLS, type CellType } from "../src/cells/registry";
import { createModel, jacobianNorms, lossAndGrad, modelFromJSON, modelToJSON, referenceLoss, truncatedBptt, type ModelConfig } from "../src/index";
import { expectClose, expectFastMatchesReference, expectGradcheck, finiteDifference, randomBatch, smallModel } from "./helpers";
import { softsignCell } from "./toyCell";

// "A new cell needs one cell file and one registry line": test/toyCell.ts is the file, and the line below is the
// line registry.ts would get (`softsign: softsignCell,` in CELLS) — added here at run time so that the toy cell
// stays out of the package. Nothing else in src/ knows about it.
beforeAll(() => {
  (CELLS as Record<string, Cell>).softsign = softsignCell;
});
afterAll(() => {
  delete (CELLS as Record<string, Cell>).softsign;
  setBackend("auto");
});

const cell = "softsign" as CellType;
const config: ModelConfig = { cell, inputSize: 3, hiddenSize: 4, outputSize: 2, dtype: "float64" };

describe("a toy cell registered with one line", () => {
  it.each(wasmSupported() ? (["js", "wasm"] as const) : (["js"] as const))("fast path equals its reference steps and both pass gradcheck in float64 (%s backend)", (backend) => {
    setBackend(backend);
    expectFastMatchesReference(smallModel({ ...config, numLayers: 2 }, 3), randomBatch(config, 9, 3, new Random(4), { loss: "all" }));
    expectGradcheck(smallModel(config, 5), randomBatch(config, 6, 2, new Random(6)));
  });

  it("trains through the fast path: SGD lowers the loss of a fixed batch", () => {
    const model = smallModel(config, 7);
    const batch = randomBatch(config, 8, 16, new Random(8));
    const sgd = new SGD(model.parameters(), { lr: 0.5 });
    const losses: number[] = [];
    for (let step = 0; step < 60; step++) {
      sgd.zeroGrad();
      losses.push(lossAndGrad(model, batch).loss);
      sgd.step();
    }
    expect(losses[59]).toBeLessThan(0.5 * losses[0]);
  });

  it("gets the instrumentation, truncated BPTT, the interchange format and its checks for free", () => {
    const model = createModel({ ...config, hiddenSize: 3 }, new Random(9));
    const batch = randomBatch({ ...config, hiddenSize: 3 }, 5, 2, new Random(10));
    // Exact Jacobian norms through the cell's jacobianStep equal central differences of h_T in h_t.
    const jac = jacobianNorms(model, batch, { method: "exact" });
    for (const [t, b] of [[0, 0], [2, 1], [4, 1]]) expectClose(jac.perExample[t * 2 + b], finiteDifference(model, batch.x!, b, t, 4), { rtol: 1e-6, atol: 1e-9 });
    const r = lossAndGrad(model.clone(), batch, { record: { hiddenGradNorms: true } });
    const ref = referenceLoss(model, batch, { probeHidden: true });
    ref.loss.backward();
    const perStep = ref.hiddenProbes[0].map((p) => Math.hypot(...p.grad!.data));
    expectClose(r.layers[0].hiddenGradNorms!.perStep, perStep);
    const truncated = truncatedBptt(model.clone(), batch, { k1: 5 });
    expectClose(truncated.loss, r.loss);
    expect(modelToJSON(modelFromJSON(modelToJSON(model), { dtype: "float64" }))).toEqual(modelToJSON(model));
    expect(model.layers[0].weightIh.shape).toEqual([3, 3]);
    expect(() => lossAndGrad(model, batch, { omega: { weight: 1 } })).toThrow(
      'lossAndGrad: options.omega (Pascanu\'s Ω) is defined for the vanilla RNN ("rnn_tanh", "rnn_relu"), got a "softsign" model',
    );
    expect(() => lossAndGrad(model, { ...batch, c0: randn([1, 2, 3], new Random(0), { dtype: "float64" }) })).toThrow(
      "lossAndGrad: batch.c0 is the LSTM cell state; a softsign model has none",
    );
  });
});
