import { Random, SGD, Tensor, randn, tensor } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose, expectFastMatchesReference, expectGradcheck, fastGrads, randomBatch, smallModel } from "../../test/helpers";
import { CELL_TYPES } from "../cells/registry";
import type { ModelConfig } from "../model/config";
import { createModel } from "../model/createModel";
import { referenceLoss } from "../reference/referenceLoss";
import { lossAndGrad } from "./lossAndGrad";
import { cachedWorkspace } from "./Workspace";

const base = { inputSize: 3, hiddenSize: 4, outputSize: 3, dtype: "float64" } as const;

describe.each(CELL_TYPES)("lossAndGrad with %s", (cell) => {
  const config: ModelConfig = { ...base, cell };

  it("stacked layers (3) match the reference path, and 2 layers pass gradcheck", () => {
    expectFastMatchesReference(smallModel({ ...config, numLayers: 3 }, 2), randomBatch(config, 9, 3, new Random(1), { loss: "all" }));
    expectGradcheck(smallModel({ ...config, numLayers: 2, hiddenSize: 3 }, 3), randomBatch(config, 4, 2, new Random(2)));
  });

  it("token input through an embedding matches the reference path and passes gradcheck", () => {
    const c = { ...config, vocabSize: 7, inputSize: 2 };
    const batch = randomBatch(c, 6, 3, new Random(3), { loss: "all" });
    expectFastMatchesReference(smallModel(c, 4), batch);
    expectGradcheck(smallModel({ ...c, hiddenSize: 3 }, 5), randomBatch(c, 4, 2, new Random(4)));
  });

  it("a padded variable-length batch: loss at each example's last step (lengths) and masked loss at every step", () => {
    const T = 7;
    const lengths = [7, 3, 1, 5];
    const mask = Float32Array.from({ length: T * 4 }, (_, k) => (Math.floor(k / 4) < lengths[k % 4] ? 1 : 0));
    const model = smallModel(config, 6);
    expectFastMatchesReference(model, randomBatch(config, T, 4, new Random(5), { lengths }));
    const all = randomBatch(config, T, 4, new Random(6), { loss: "all", mask, lengths });
    // Padding may hold any class id: rows of weight 0 are never read.
    (all.targets as Int32Array)[6 * 4 + 2] = -100;
    expectFastMatchesReference(model, all);
    expectGradcheck(smallModel({ ...config, hiddenSize: 3 }, 7), { ...randomBatch(config, 4, 2, new Random(7), { loss: "all" }), mask: [1, 1, 1, 1, 1, 0, 0.5, 0] });
  });

  it("loss at chosen steps, with a mask", () => {
    const batch = randomBatch(config, 8, 3, new Random(8), { loss: [0, 3, 7] });
    expectFastMatchesReference(smallModel(config, 9), batch);
    expectFastMatchesReference(smallModel(config, 9), { ...batch, mask: Float64Array.from({ length: 24 }, (_, k) => (k % 5) / 4) });
  });

  it.each([["last"], ["all"], [[1, 2]]] as const)("MSE regression targets (loss %j) match the reference and pass gradcheck", (loss) => {
    const rng = new Random(10);
    const T = 4;
    const B = 2;
    const rows = loss === "last" ? [B] : loss === "all" ? [T, B] : [2, B];
    const batch = { x: randn([T, B, 3], rng, { dtype: "float64" }), targets: randn([...rows, 3], rng, { dtype: "float64" }), loss };
    expectFastMatchesReference(smallModel(config, 11), batch);
    expectGradcheck(smallModel({ ...config, hiddenSize: 3 }, 12), batch);
  });

  it("starts from given initial states h0 (and c0)", () => {
    const rng = new Random(13);
    const c = { ...config, numLayers: 2 };
    const h0 = randn([2, 3, 4], rng, { dtype: "float64" });
    const c0 = cell === "lstm" ? { c0: randn([2, 3, 4], rng, { dtype: "float64" }) } : {};
    const batch = randomBatch(c, 5, 3, rng, { h0, ...c0 });
    expectFastMatchesReference(smallModel(c, 14), batch);
    expect(fastGrads(smallModel(c, 14), batch).loss).not.toBe(fastGrads(smallModel(c, 14), { ...batch, h0: undefined, c0: undefined }).loss);
  });

  it("float32 agrees with the float64 reference to float32 precision", () => {
    const c32: ModelConfig = { ...config, dtype: "float32" };
    const m32 = createModel(c32, new Random(15));
    const m64 = createModel(config, new Random(15));
    const batch64 = randomBatch(config, 20, 4, new Random(16), { loss: "all" });
    const batch32 = { ...batch64, x: tensor(Float32Array.from(batch64.x!.data), { shape: batch64.x!.shape }) };
    const f32 = fastGrads(m32, batch32);
    const f64 = fastGrads(m64, batch64);
    expectClose(f32.loss, f64.loss, { rtol: 1e-5, atol: 1e-6 });
    for (const [n, g] of f64.grads) expectClose(f32.grads.get(n)!, g, { rtol: 1e-3, atol: 1e-5 });
  });
});

describe("lossAndGrad", () => {
  const config: ModelConfig = { ...base, cell: "rnn_tanh" };

  it("T = 1 and B = 1", () => {
    expectFastMatchesReference(smallModel(config), randomBatch(config, 1, 1, new Random(1), { loss: "all" }));
  });

  it("an all-zero mask gives loss 0 and zero gradients", () => {
    const { loss, grads } = fastGrads(smallModel(config), randomBatch(config, 3, 2, new Random(2), { loss: "all", mask: new Float32Array(6) }));
    expect(loss).toBe(0);
    for (const g of grads.values()) expect(g.every((v) => v === 0)).toBe(true);
  });

  it("adds to grad like PyTorch (two calls give twice the gradient) and feeds core's SGD unchanged", () => {
    const model = smallModel(config);
    const batch = randomBatch(config, 5, 2, new Random(3));
    lossAndGrad(model, batch);
    const once = Float64Array.from(model.layers[0].weightHh.grad!.data);
    lossAndGrad(model, batch);
    expectClose(model.layers[0].weightHh.grad!.data, once.map((v) => 2 * v));
    const sgd = new SGD(model.parameters(), { lr: 0.1 });
    const before = Float64Array.from(model.layers[0].weightHh.data);
    sgd.step();
    expectClose(model.layers[0].weightHh.data, before.map((w, k) => w - 0.1 * 2 * once[k]));
    sgd.zeroGrad();
    expect(model.parameters().every((p) => p.grad!.data.every((v) => v === 0))).toBe(true);
  });

  it("training lowers the loss", () => {
    const model = createModel({ ...config, dtype: "float32", hiddenSize: 8 }, new Random(4));
    const batch = randomBatch({ ...config, dtype: "float32" }, 6, 8, new Random(5));
    const sgd = new SGD(model.parameters(), { lr: 0.5 });
    const first = lossAndGrad(model, batch).loss;
    for (let i = 0; i < 50; i++) {
      sgd.zeroGrad();
      lossAndGrad(model, batch);
      sgd.step();
    }
    expect(lossAndGrad(model, batch, { grad: false }).loss).toBeLessThan(first / 2);
  });

  it("grad: false runs forward and loss only, leaving grads alone", () => {
    const model = smallModel(config);
    const batch = randomBatch(config, 4, 2, new Random(6));
    const r = lossAndGrad(model, batch, { grad: false });
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
    expectClose(r.loss, referenceLoss(model, batch).loss.item());
  });

  it("reports the weighted accuracy for class targets and NaN for MSE", () => {
    const model = smallModel({ ...config, outputSize: 2 });
    const x = randn([3, 4, 3], new Random(7), { dtype: "float64" });
    const r0 = lossAndGrad(model, { x, targets: [0, 0, 0, 0] }, { grad: false }).accuracy;
    const r1 = lossAndGrad(model, { x, targets: [1, 1, 1, 1] }, { grad: false }).accuracy;
    expect(r0 + r1).toBeCloseTo(1, 12);
    expect(r0 * 4).toBe(Math.round(r0 * 4));
    expect(lossAndGrad(model, { x, targets: randn([4, 2], new Random(8), { dtype: "float64" }) }, { grad: false }).accuracy).toBeNaN();
  });

  it("reuses one workspace across calls of the same or a smaller shape, and grows it once for a larger one", () => {
    const model = smallModel(config);
    lossAndGrad(model, randomBatch(config, 10, 4, new Random(9)));
    const ws = cachedWorkspace(model)!;
    const arena = ws.arena;
    lossAndGrad(model, randomBatch(config, 10, 4, new Random(10)));
    lossAndGrad(model, randomBatch(config, 3, 2, new Random(11), { loss: "all" }));
    expect(cachedWorkspace(model)).toBe(ws);
    expect(cachedWorkspace(model)!.arena).toBe(arena);
    lossAndGrad(model, randomBatch(config, 12, 2, new Random(12)));
    const grown = cachedWorkspace(model)!;
    expect(grown).not.toBe(ws);
    expect([grown.dims.steps, grown.dims.batch]).toEqual([12, 4]);
    lossAndGrad(model, randomBatch(config, 10, 4, new Random(13)));
    expect(cachedWorkspace(model)).toBe(grown);
    // A smaller shape after a larger one still gives exact results from the reused buffers.
    expectFastMatchesReference(model, randomBatch(config, 2, 3, new Random(14), { loss: "all" }));
  });

  it("keeps the parameter and grad tensors it was given (so optimisers hold the same objects)", () => {
    const model = smallModel(config);
    const params = model.parameters();
    lossAndGrad(model, randomBatch(config, 3, 2, new Random(15)));
    const grads = params.map((p) => p.grad);
    lossAndGrad(model, randomBatch(config, 3, 2, new Random(16)));
    expect(model.parameters()).toEqual(params);
    params.forEach((p, i) => expect(p.grad).toBe(grads[i]));
    expect(params.every((p) => p instanceof Tensor && p.requiresGrad)).toBe(true);
  });
});
