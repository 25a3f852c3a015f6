import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose, randomBatch, smallModel } from "../../test/helpers";
import type { ModelConfig } from "../model/config";
import type { RecurrentModel } from "../model/RecurrentModel";
import { referenceLoss } from "../reference/referenceLoss";
import { truncatedBptt } from "../truncated/truncatedBptt";
import type { SequenceBatch } from "../batch/SequenceBatch";
import { lossAndGrad } from "./lossAndGrad";

const config: ModelConfig = { cell: "gru", inputSize: 2, hiddenSize: 4, outputSize: 5, numLayers: 2, vocabSize: 6, dtype: "float64" };

/** W·h_t[b] + bias from the reference path's top-layer hidden states, computed by hand: `[O]`. */
function expectedLogits(model: RecurrentModel, batch: SequenceBatch, t: number, b: number): number[] {
  const top = referenceLoss(model, batch).hidden.at(-1)![t].toArray() as number[][];
  const W = model.headWeight.toArray() as number[][];
  const bias = model.headBias.toArray() as number[];
  return W.map((row, o) => bias[o] + row.reduce((s, w, j) => s + w * top[b][j], 0));
}

describe("lossAndGrad returnLogits", () => {
  it("returns the head's logits at every loss row of loss 'all', with their positions t·B + b", () => {
    const model = smallModel(config, 1);
    const batch = randomBatch(config, 4, 3, new Random(2), { loss: "all", mask: Float64Array.from({ length: 12 }, (_, k) => (k === 11 ? 0 : 1)) });
    const r = lossAndGrad(model, batch, { grad: false, returnLogits: true });
    expect(r.logits!.shape).toEqual([12, 5]);
    expect(Array.from(r.logitRows!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const [t, b] of [[0, 0], [2, 1], [3, 2]]) {
      const row = t * 3 + b;
      expectClose(r.logits!.data.subarray(row * 5, row * 5 + 5), expectedLogits(model, batch, t, b));
    }
  });

  it("reads loss 'last' at each example's last step, and leaves loss and gradients as without it", () => {
    const model = smallModel(config, 3);
    const batch = randomBatch(config, 5, 2, new Random(4), { lengths: [5, 2] });
    const plain = model.clone();
    const a = lossAndGrad(model, batch, { returnLogits: true });
    const b = lossAndGrad(plain, batch);
    expect(a.loss).toBe(b.loss);
    model.parameters().forEach((p, i) => expect(p.grad!.data).toEqual(plain.parameters()[i].grad!.data));
    expect(Array.from(a.logitRows!)).toEqual([4 * 2 + 0, 1 * 2 + 1]);
    expectClose(a.logits!.data.subarray(5, 10), expectedLogits(model, batch, 1, 1));
    expect(b.logits).toBeUndefined();
  });

  it("returns a copy that the next call does not overwrite", () => {
    const model = smallModel(config, 5);
    const r = lossAndGrad(model, randomBatch(config, 3, 2, new Random(6), { loss: "all" }), { returnLogits: true });
    const kept = Float64Array.from(r.logits!.data);
    lossAndGrad(model, randomBatch(config, 3, 2, new Random(7), { loss: "all" }), { returnLogits: true });
    expect(r.logits!.data).toEqual(kept);
  });

  it("truncated BPTT: each window's rows are its own loss steps, numbered in batch steps", () => {
    const model = smallModel(config, 8);
    const batch = randomBatch(config, 5, 2, new Random(9), { loss: "all" });
    const full = lossAndGrad(model.clone(), batch, { grad: false, returnLogits: true });
    const r = truncatedBptt(model.clone(), batch, { k1: 2, k2: 3, returnLogits: true });
    expect(r.windows.map((w) => Array.from(w.logitRows!))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    // The first window starts from zeros like the full pass, so its logits are the full pass's.
    expectClose(r.windows[0].logits!.data, full.logits!.data.subarray(0, 4 * 5));
  });

  it("rejects a non-boolean", () => {
    expect(() => lossAndGrad(smallModel(config), randomBatch(config, 2, 1, new Random(0)), { returnLogits: 1 as never })).toThrow(
      "lossAndGrad: options.returnLogits must be a boolean, got 1",
    );
  });
});
