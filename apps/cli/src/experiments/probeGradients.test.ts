import { Random, randn } from "@vanish/core";
import { createModel, lossAndGrad } from "@vanish/rnn";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { probeGradients } from "./probeGradients";

const T = 6;
const B = 3;

describe("probeGradients", () => {
  const model = createModel({ cell: "rnn_tanh", inputSize: 2, hiddenSize: 4, outputSize: 2, dtype: "float64" }, new Random(1));
  const x = randn([T, B, 2], new Random(2), { dtype: "float64" });

  it("for equal lengths, is the per-step norm reversed and divided by √B", () => {
    const p = probeGradients(model, { x, targets: [0, 1, 1] });
    const r = lossAndGrad(model, { x, targets: [0, 1, 1] }, { record: { hiddenGradNorms: true } });
    const perStep = Array.from(r.layers[0]!.hiddenGradNorms!.perStep);
    expectClose(p.values, perStep.reverse().map((v) => v / Math.sqrt(B)), { rtol: 1e-12 });
    expect(p.counts).toEqual([3, 3, 3, 3, 3, 3]);
    expect(p.loss).toBe(r.loss);
  });

  it("aligns sequences of different lengths on their read-out step", () => {
    const lengths = [6, 3, 1];
    const batch = { x, targets: [0, 1, 1], lengths };
    const p = probeGradients(model, batch);
    const r = lossAndGrad(model, batch, { record: { hiddenGradNorms: true } });
    const e = r.layers[0]!.hiddenGradNorms!.perExample;
    const at = (t: number, b: number) => e[t * B + b]!;
    expect(p.counts).toEqual([3, 2, 2, 1, 1, 1]);
    expectClose(p.values[0]!, Math.sqrt((at(5, 0) ** 2 + at(2, 1) ** 2 + at(0, 2) ** 2) / 3), { rtol: 1e-12 });
    expectClose(p.values[2]!, Math.sqrt((at(3, 0) ** 2 + at(0, 1) ** 2) / 2), { rtol: 1e-12 });
    expectClose(p.values[5]!, at(0, 0), { rtol: 1e-12 });
  });

  it("leaves the model's gradients at zero", () => {
    probeGradients(model, { x, targets: [0, 1, 1] });
    for (const p of model.parameters()) expect(p.grad!.toTypedArray().every((v) => v === 0)).toBe(true);
  });

  it("needs the loss at the last step", () => {
    expect(() => probeGradients(model, { x, targets: [0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1], loss: "all" })).toThrow(
      'probeGradients: batch.loss must be "last" (one read-out per sequence), got "all"',
    );
  });
});
