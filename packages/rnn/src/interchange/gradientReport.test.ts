import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose, randomBatch } from "../../test/helpers";
import { createModel } from "../model/createModel";
import { referenceLoss } from "../reference/referenceLoss";
import { gradientReport } from "./gradientReport";

describe("gradientReport", () => {
  it("gives the loss, nested grads and the top layer's ‖dL/dh_t‖ per step, leaving the model untouched", () => {
    const config = { cell: "lstm", inputSize: 2, hiddenSize: 3, outputSize: 2, numLayers: 2, dtype: "float64" } as const;
    const model = createModel(config, new Random(0));
    const batch = randomBatch(config, 5, 2, new Random(1), { loss: "all" });
    const r = gradientReport(model, batch);
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
    const ref = referenceLoss(model.clone(), batch, { probeHidden: true });
    ref.loss.backward();
    expectClose(r.loss, ref.loss.item());
    expect(Object.keys(r.grads)).toEqual(model.namedParameters().map(([n]) => n));
    expect(r.grads["weight_hh_l1"]).toHaveLength(12);
    expectClose(r.hiddenGradNorms, ref.hiddenProbes[1].map((p) => Math.hypot(...Array.from(p.grad!.data))));
  });
});
