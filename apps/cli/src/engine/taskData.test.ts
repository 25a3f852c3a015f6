import { SentenceSet, agreementTestSets, generateAgreement, streamAgreement } from "@vanish/datasets";
import { describe, expect, it } from "vitest";
import { resolveRunConfig } from "./config";
import { createTaskData, seedStreams } from "./taskData";

describe("createTaskData", () => {
  it("streams agreement training batches as @vanish/datasets' train split without the test side", () => {
    const config = resolveRunConfig({ task: { name: "agreement", preset: "easy" }, batchSize: 8, evalBatches: 2, seed: 5 });
    const data = createTaskData(config);
    const knobs = { ...config.task.knobs, preset: "easy" as const };
    const test = generateAgreement(5, knobs, 16, { split: "test" });
    const exclude = new SentenceSet().addAll(test).merge(agreementTestSets(5, knobs, { perBucket: 16 }).sentences);
    const expected = [...streamAgreement(5, knobs, { split: "train", exclude, count: 16 })];
    const rng = data.trainRng;
    const ids: number[][] = [];
    for (let k = 0; k < 2; k++) {
      const batch = data.next(rng);
      const T = (batch.ids as Int32Array).length / 8;
      for (let b = 0; b < 8; b++) ids.push(Array.from({ length: (batch.lengths as Int32Array)[b] }, (_, t) => (batch.ids as Int32Array)[t * 8 + b]));
      expect(T).toBe(Math.max(...Array.from(batch.lengths as Int32Array)));
    }
    expect(ids).toEqual(expected.map((e) => Array.from(e.ids)));
    expect(data.evalSet.count).toBe(16);
    expect(data.byDistance!.map((d) => d.key.distance)).toEqual([[1, 3], [4, 6], [7, 9], [10, 12], [13, 16]]);
    expect(data.byAttractors!.map((a) => [a.key.attractors, a.count, a.batches.length])).toEqual([[0, 16, 2], [1, 16, 2]]);
    expect([data.inputSize, data.outputSize, data.kind]).toEqual([config.embeddingSize, 2, "classification"]);
  });

  it("draws dense tasks from fork 2 of the seed, and evaluation from fork 3, converted to the model's dtype", () => {
    const config = resolveRunConfig({ task: { name: "copy", preset: "easy" }, batchSize: 3, evalBatches: 1, dtype: "float64" });
    const data = createTaskData(config);
    const batch = data.next(data.trainRng);
    expect(batch.x!.dtype).toBe("float64");
    expect(batch.x!.shape).toEqual([11, 3, 10]);
    expect(batch.loss).toBe("all");
    expect(data.evalSet.batches[0].x!.toArray()).not.toEqual(batch.x!.toArray());
    const again = createTaskData(config);
    const streams = seedStreams(0);
    expect(again.next(streams.train).x!.toArray()).toEqual(batch.x!.toArray());
    expect(data.baseline.metric).toBe("crossEntropy");
  });

  it("gives up with a RangeError when the knobs allow too few sentences outside the test sets", () => {
    const config = resolveRunConfig({ task: { name: "agreement", preset: "easy", knobs: { distance: 1, attractors: 0, lexicon: { animate: 2, adjectives: 1, verbs: 1 } } }, batchSize: 8, evalBatches: 32 });
    const data = createTaskData(config);
    expect(() => {
      for (let i = 0; i < 100; i++) data.next(data.trainRng);
    }).toThrow("trainRun: 10000 training examples in a row were in the test sets; the agreement knobs allow too few distinct sentences (widen distance or the lexicon)");
  });
});
