import { Random, randn, tensor, zeros } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { createModel } from "../model/createModel";
import { lossAndGrad } from "../fast/lossAndGrad";
import type { SequenceBatch } from "./SequenceBatch";

const model = createModel({ cell: "lstm", inputSize: 3, hiddenSize: 4, outputSize: 2, numLayers: 2, dtype: "float64" }, new Random(0));
const tokens = createModel({ cell: "gru", inputSize: 3, hiddenSize: 4, outputSize: 2, vocabSize: 5, dtype: "float64" }, new Random(0));
const x = randn([5, 2, 3], new Random(1), { dtype: "float64" });
const ok: SequenceBatch = { x, targets: [0, 1] };

function nanInX(): unknown {
  const bad = x.clone();
  bad.data[(3 * 2 + 1) * 3 + 2] = NaN;
  return lossAndGrad(model, { x: bad, targets: [0, 1] });
}

describe("batch validation (lossAndGrad)", () => {
  it.each<[string, () => unknown, string]>([
    ["no batch", () => lossAndGrad(model, null as never), "lossAndGrad: batch must be an object {x or ids, targets, …}, got null"],
    ["x not a tensor", () => lossAndGrad(model, { ...ok, x: [[[1, 2, 3]]] as never }), "lossAndGrad: batch.x must be a Tensor [T, B, 3], got an array of length 1"],
    ["x of the wrong width", () => lossAndGrad(model, { ...ok, x: zeros([5, 2, 4], { dtype: "float64" }) }), "lossAndGrad: batch.x must have shape [T, B, 3] (inputSize 3), got [5,2,4]"],
    ["x batch-major by mistake", () => lossAndGrad(model, { ...ok, x: zeros([2, 3], { dtype: "float64" }) }), "lossAndGrad: batch.x must have shape [T, B, 3] (inputSize 3), got [2,3]"],
    ["x of the wrong dtype", () => lossAndGrad(model, { ...ok, x: zeros([5, 2, 3]) }), "lossAndGrad: batch.x must be float64 like the model, got float32"],
    ["an empty sequence", () => lossAndGrad(model, { ...ok, x: zeros([0, 2, 3], { dtype: "float64" }) }), "lossAndGrad: the sequence is empty (T = 0); a batch needs at least one step"],
    ["an empty batch", () => lossAndGrad(model, { x: zeros([4, 0, 3], { dtype: "float64" }), targets: [] }), "lossAndGrad: the batch is empty (B = 0); a batch needs at least one example"],
    ["NaN in x", nanInX, "lossAndGrad: batch.x must be finite, got NaN at [3, 1, 2]"],
    ["too few class ids", () => lossAndGrad(model, { ...ok, targets: [0] }), 'lossAndGrad: batch.targets (loss "last") must hold [B] = 2 class ids, got 1'],
    ["class ids [B] for loss all", () => lossAndGrad(model, { ...ok, loss: "all" }), 'lossAndGrad: batch.targets (loss "all") must hold [T, B] = 10 class ids, got 2'],
    ["a class id out of range", () => lossAndGrad(model, { ...ok, targets: [0, 2] }), "lossAndGrad: batch.targets[1] must be a class id in [0, 1], got 2"],
    ["a fractional class id at step 3", () => lossAndGrad(model, { ...ok, loss: "all", targets: [0, 1, 0, 1, 0, 1, 0.5, 1, 0, 0] }), "lossAndGrad: batch.targets[6] (t=3, b=0) must be a class id in [0, 1], got 0.5"],
    ["targets of the wrong kind", () => lossAndGrad(model, { ...ok, targets: "01" as never }), 'lossAndGrad: batch.targets must be class ids (Int32Array or number[]) or a Tensor for MSE, got the string "01"'],
    ["MSE targets of the wrong shape", () => lossAndGrad(model, { ...ok, targets: zeros([2, 3], { dtype: "float64" }) }), 'lossAndGrad: batch.targets (MSE, loss "last") must have shape [2,2], got [2,3]'],
    ["MSE targets of the wrong dtype", () => lossAndGrad(model, { ...ok, targets: zeros([2, 2]) }), "lossAndGrad: batch.targets must be float64 like the model, got float32"],
    ["NaN in MSE targets", () => lossAndGrad(model, { ...ok, targets: tensor([[0, 1], [NaN, 0]], { dtype: "float64" }) }), "lossAndGrad: batch.targets must be finite, got NaN at flat index 2"],
    ["a mask of the wrong size", () => lossAndGrad(model, { ...ok, loss: "all", targets: new Int32Array(10), mask: [1, 1] }), "lossAndGrad: batch.mask must hold T·B = 10 weights (T = 5, B = 2), got 2"],
    ["a negative mask weight", () => lossAndGrad(model, { ...ok, mask: [1, 1, 1, -1, 1, 1, 1, 1, 1, 1] }), "lossAndGrad: batch.mask[3] must be finite and >= 0, got -1"],
    ["lengths of the wrong size", () => lossAndGrad(model, { ...ok, lengths: [5] }), "lossAndGrad: batch.lengths must have B = 2 entries, got 1"],
    ["a zero length", () => lossAndGrad(model, { ...ok, lengths: [5, 0] }), "lossAndGrad: batch.lengths[1] must be an integer in [1, 5] (T = 5; an empty sequence has no step to learn from), got 0"],
    ["a length beyond T", () => lossAndGrad(model, { ...ok, lengths: [6, 2] }), "lossAndGrad: batch.lengths[0] must be an integer in [1, 5] (T = 5; an empty sequence has no step to learn from), got 6"],
    ["an unknown loss", () => lossAndGrad(model, { ...ok, loss: "first" as never }), 'lossAndGrad: batch.loss must be "last", "all" or an array of steps, got the string "first"'],
    ["no loss steps", () => lossAndGrad(model, { ...ok, loss: [] }), "lossAndGrad: batch.loss must list at least one step, got []"],
    ["loss steps out of order", () => lossAndGrad(model, { ...ok, loss: [3, 1], targets: [0, 0, 0, 0] }), "lossAndGrad: batch.loss[1] must be a step in [0, 4] greater than the one before, got 1"],
    ["a loss step beyond T", () => lossAndGrad(model, { ...ok, loss: [5], targets: [0, 0] }), "lossAndGrad: batch.loss[0] must be a step in [0, 4] greater than the one before, got 5"],
    ["h0 of the wrong shape", () => lossAndGrad(model, { ...ok, h0: zeros([1, 2, 4], { dtype: "float64" }) }), "lossAndGrad: batch.h0 must have shape [numLayers, B, H] = [2,2,4], got [1,2,4]"],
    ["c0 for a GRU", () => lossAndGrad(tokens, { ids: [1, 2], batchSize: 2, targets: [0, 1], c0: zeros([1, 2, 4], { dtype: "float64" }) }), "lossAndGrad: batch.c0 is the LSTM cell state; a gru model has none"],
    ["x for a token model", () => lossAndGrad(tokens, { ...ok }), "lossAndGrad: this model embeds token ids (vocabSize 5); pass batch.ids [T·B], not batch.x"],
    ["ids for a dense model", () => lossAndGrad(model, { ...ok, ids: [1] }), "lossAndGrad: batch.ids needs a model with vocabSize; this model reads dense batch.x [T, B, 3]"],
    ["ids without B", () => lossAndGrad(tokens, { ids: [1, 2], targets: [0] }), "lossAndGrad: batch.batchSize (or batch.lengths) is needed to read batch.ids as [T, B]"],
    ["ids not a multiple of B", () => lossAndGrad(tokens, { ids: [1, 2, 3], batchSize: 2, targets: [0, 1] }), "lossAndGrad: batch.ids must hold T·B values with B = 2, got 3 (not a multiple of 2)"],
    ["a token id out of range", () => lossAndGrad(tokens, { ids: [1, 2, 3, 5], batchSize: 2, targets: [0, 1] }), "lossAndGrad: batch.ids[3] (t=1, b=1) must be a token id in [0, 4], got 5"],
    ["not a model", () => lossAndGrad({} as never, ok), "lossAndGrad: model must be a RecurrentModel, got an object"],
  ])("%s", (_, run, message) => {
    expect(run).toThrow(message);
  });

  it("uses TypeError for the wrong kind and RangeError for the wrong size", () => {
    expect(() => lossAndGrad(model, { ...ok, x: zeros([5, 2, 3]) })).toThrow(TypeError);
    expect(() => lossAndGrad(model, { ...ok, targets: [0, 2] })).toThrow(RangeError);
  });

  it("reads nested [T][B] class ids like the flat form", () => {
    const flat = lossAndGrad(model, { ...ok, loss: "all", targets: [0, 1, 1, 1, 0, 0, 1, 0, 0, 1] }, { grad: false }).loss;
    const nested = lossAndGrad(model, { ...ok, loss: "all", targets: [[0, 1], [1, 1], [0, 0], [1, 0], [0, 1]] }, { grad: false }).loss;
    expect(nested).toBe(flat);
    expect(() => lossAndGrad(model, { ...ok, loss: "all", targets: [[0, 1], [1]] })).toThrow("lossAndGrad: batch.targets[1] must be an array of B = 2 class ids, got an array of length 1");
  });
});
