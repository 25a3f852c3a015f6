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

  it("lm framing: the loss per token over all real steps, the accuracy per sentence from the verb step's two logits", () => {
    const config = resolveRunConfig({ task: { name: "agreement", preset: "easy", knobs: { framing: "lm" } }, cell: "lstm", hiddenSize: 6, batchSize: 5, evalBatches: 2, seed: 1 });
    const data = createTaskData(config);
    const model = createRunModel(config, data);
    let tokens = 0;
    let lossSum = 0;
    let right = 0;
    for (const batch of data.evalSet.batches) {
      const r = lossAndGrad(model, batch, { grad: false, returnLogits: true });
      const mask = batch.mask!;
      const realTokens = Array.from(mask).reduce((s, m) => s + m, 0);
      expect(r.weight).toBe(realTokens);
      tokens += realTokens;
      lossSum += r.loss * r.weight;
      // Loss "all" has a row for every (t, b): row t·B + b.
      const V = data.outputSize;
      const B = batch.verbs!.steps.length;
      for (let b = 0; b < B; b++) {
        const row = batch.verbs!.steps[b] * B + b;
        if (r.logits!.data[row * V + batch.verbs!.correct[b]] > r.logits!.data[row * V + batch.verbs!.wrong[b]]) right++;
      }
    }
    const score = scoreSet(model, data.evalSet, false);
    expectClose(score.loss, lossSum / tokens, { rtol: 1e-12 });
    expect(score.accuracy).toBe(right / 10);
    expect(score.count).toBe(10);
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
