import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type LabConfig } from "../config/labConfig";
import { agreementOptions, EMBEDDING_SIZE, taskSource } from "./taskSource";

const agreement: LabConfig = { ...DEFAULT_CONFIG, task: "agreement", preset: "default", distance: 12, batchSize: 4 };
const adding: LabConfig = { ...DEFAULT_CONFIG, task: "adding", length: 10, batchSize: 3 };

describe("agreementOptions", () => {
  it("fixes the distance and narrows the attractors to what fits in the gap", () => {
    // default: attractors [0, 4], target "any" (best case no nested clause): (12 − 1) / 3 = 3 nouns fit
    expect(agreementOptions({ preset: "default", distance: 12 })).toEqual({ preset: "default", distance: [12, 12], attractors: [0, 3] });
    expect(agreementOptions({ preset: "easy", distance: 40 })).toEqual({ preset: "easy", distance: [40, 40], attractors: [0, 1] });
    expect(agreementOptions({ preset: "easy", distance: 1 })).toEqual({ preset: "easy", distance: [1, 1], attractors: [0, 0] });
  });
});

describe("taskSource: agreement", () => {
  it("emits token batches whose subject sits exactly `distance` words before the read-out's next word", () => {
    const s = taskSource(agreement, new Random(1), 5);
    expect([s.kind, s.inputSize, s.outputSize, s.window]).toEqual(["classification", EMBEDDING_SIZE, 2, 12]);
    expect(s.baseline).toBeCloseTo(Math.LN2, 12);
    const b = s.nextBatch();
    expect(b.batchSize).toBe(4);
    expect(Array.from(b.targets as Int32Array).every((y) => y === 0 || y === 1)).toBe(true);
    expect(b.lengths!.length).toBe(4);
    expect((b.ids as Int32Array).length).toBe(Math.max(...Array.from(b.lengths!)) * 4);
  });

  it("is a pure function of the seeds", () => {
    const a = taskSource(agreement, new Random(1), 5).nextBatch();
    const b = taskSource(agreement, new Random(1), 5).nextBatch();
    const c = taskSource(agreement, new Random(2), 5).nextBatch();
    expect(Array.from(a.ids as Int32Array)).toEqual(Array.from(b.ids as Int32Array));
    expect(Array.from(a.ids as Int32Array)).not.toEqual(Array.from(c.ids as Int32Array));
  });

  it("shows sentences with the subject, the verb in its right form, and alternating numbers", () => {
    const { views, batches } = taskSource(agreement, new Random(1), 5).samples(4);
    expect(views.map((v) => v.kind === "agreement" && v.number)).toEqual([0, 1, 0, 1]);
    for (const [i, v] of views.entries()) {
      if (v.kind !== "agreement") throw new Error("expected agreement");
      expect(v.verb - v.subject).toBe(12);
      expect(v.distance).toBe(12);
      expect(v.words[v.verb]).toBe(v.correct);
      expect(v.correct).not.toBe(v.wrong);
      // the model reads the words before the verb, and is asked for the subject's number
      expect((batches[i].ids as Int32Array).length).toBe(v.verb);
      expect(Array.from(batches[i].targets as Int32Array)).toEqual([v.number]);
    }
  });
});

describe("taskSource: adding problem", () => {
  it("emits [T, B, 2] inputs and [B, 1] targets that are the sum of the two marked values", () => {
    const s = taskSource(adding, new Random(3), 5);
    expect([s.kind, s.inputSize, s.outputSize, s.vocabSize, s.window]).toEqual(["regression", 2, 1, 0, 10]);
    expect(s.baseline).toBeCloseTo(1 / 6, 12);
    const b = s.nextBatch();
    expect(b.x!.shape).toEqual([10, 3, 2]);
    const x = b.x!.data;
    const y = (b.targets as { data: Float32Array }).data;
    for (let k = 0; k < 3; k++) {
      let sum = 0;
      for (let t = 0; t < 10; t++) if (x[(t * 3 + k) * 2 + 1] === 1) sum += x[(t * 3 + k) * 2];
      expect(y[k]).toBeCloseTo(sum, 6);
    }
  });

  it("shows sequences with one marker in each half and their target", () => {
    const { views } = taskSource(adding, new Random(3), 5).samples(2);
    for (const v of views) {
      if (v.kind !== "adding") throw new Error("expected adding");
      expect(v.values).toHaveLength(10);
      expect(v.marked[0]).toBeLessThan(5);
      expect(v.marked[1]).toBeGreaterThanOrEqual(5);
      expect(v.target).toBeCloseTo(v.values[v.marked[0]] + v.values[v.marked[1]], 6);
    }
  });
});
