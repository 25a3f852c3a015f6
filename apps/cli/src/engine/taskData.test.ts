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
    expect(data.byDistance!.map((d) => d.key.distance)).toEqual([[1, 1], [2, 2], [3, 4], [5, 8], [9, 16]]);
    expect(data.byAttractors!.map((a) => [a.key.attractors, a.count, a.batches.length])).toEqual([[0, 16, 2], [1, 16, 2]]);
    expect([data.inputSize, data.outputSize, data.kind]).toEqual([config.embeddingSize, 2, "classification"]);
  });

  it("lm framing: <bos> + sentence in, the next token out at every real step, and where each target verb is predicted", () => {
    const config = resolveRunConfig({ task: { name: "agreement", preset: "easy", knobs: { framing: "lm" } }, batchSize: 6, evalBatches: 1, seed: 2 });
    const data = createTaskData(config);
    const knobs = { ...config.task.knobs, preset: "easy" as const };
    const test = generateAgreement(2, knobs, 6, { split: "test" });
    const exclude = new SentenceSet().addAll(test).merge(agreementTestSets(2, knobs, { perBucket: 6 }).sentences);
    const sentences = [...streamAgreement(2, knobs, { split: "train", exclude, count: 6 })];
    expect([data.languageModel, data.kind, data.outputSize]).toEqual([true, "classification", data.vocabSize]);
    for (const batch of [data.next(data.trainRng), data.evalSet.batches[0], data.byDistance![4].batches[0]]) {
      const B = 6;
      const ids = batch.ids as Int32Array;
      const targets = batch.targets as Int32Array;
      const v = batch.verbs!;
      expect(batch.loss).toBe("all");
      for (let b = 0; b < B; b++) {
        const len = (batch.lengths as Int32Array)[b];
        expect(ids[b]).toBe(2); // <bos>
        for (let t = 0; t < len; t++) expect(batch.mask![t * B + b]).toBe(1);
        for (let t = 0; t + 1 < len; t++) expect(targets[t * B + b]).toBe(ids[(t + 1) * B + b]);
        expect(targets[(len - 1) * B + b]).toBe(3); // <eos>
        // The logits at step verbs.steps[b] predict the verb: its target is the correct form, which is read next.
        expect(targets[v.steps[b] * B + b]).toBe(v.correct[b]);
        expect(ids[(v.steps[b] + 1) * B + b]).toBe(v.correct[b]);
        expect(v.wrong[b]).not.toBe(v.correct[b]);
      }
    }
    const first = data.next(createTaskData(config).trainRng);
    const read = Array.from({ length: 6 }, (_, b) => Array.from({ length: (first.lengths as Int32Array)[b] - 1 }, (_, t) => (first.ids as Int32Array)[(t + 1) * 6 + b]));
    expect(read).toEqual(sentences.map((e) => Array.from(e.ids)));
    expect(data.baseline).toEqual({ metric: "error", value: 0.5, predictor: "chance (two verb forms)" });
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
