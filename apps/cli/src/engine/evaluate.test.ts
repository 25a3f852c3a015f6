import { lossAndGrad } from "@vanish/rnn";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { resolveRunConfig } from "./config";
import { evaluate, scoreSet } from "./evaluate";
import { createTaskData } from "./taskData";
import { createRunModel } from "./trainRun";

describe("evaluate", () => {
  it("scores a set as the loss-row-weighted mean over its batches, without touching gradients", () => {
    const config = resolveRunConfig({ task: { name: "agreement", preset: "easy" }, cell: "gru", hiddenSize: 6, batchSize: 5, evalBatches: 3 });
    const data = createTaskData(config);
    const model = createRunModel(config, data);
    const rs = data.evalSet.batches.map((b) => lossAndGrad(model, b, { grad: false }));
    const w = rs.reduce((s, r) => s + r.weight, 0);
    const score = scoreSet(model, data.evalSet, false);
    expectClose(score.loss, rs.reduce((s, r) => s + r.loss * r.weight, 0) / w, { rtol: 1e-12 });
    expectClose(score.accuracy!, rs.reduce((s, r) => s + r.accuracy * r.weight, 0) / w, { rtol: 1e-12 });
    expect(score.count).toBe(15);
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
    const e = evaluate(model, data, true);
    expect(e.byDistance!.map((d) => d.count)).toEqual([15, 15, 15, 15, 15]);
    expect(e.byAttractors!.every((a) => a.accuracy! >= 0 && a.accuracy! <= 1)).toBe(true);
    expect(evaluate(model, data, false).byDistance).toBeUndefined();
  });

  it("reports MSE and no accuracy for regression", () => {
    const config = resolveRunConfig({ task: { name: "adding", preset: "easy" }, cell: "lstm", hiddenSize: 4, batchSize: 4, evalBatches: 1 });
    const data = createTaskData(config);
    const e = evaluate(createRunModel(config, data), data, true);
    expect(e.accuracy).toBeNull();
    expect(e.loss).toBeGreaterThan(0);
    expect(e.baseline.value).toBeCloseTo(1 / 6, 12);
  });
});
