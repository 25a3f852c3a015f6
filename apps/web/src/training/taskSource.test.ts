import { Random } from "@vanish/core";
import { AgreementGenerator, agreementConfig } from "@vanish/datasets";
import { DEMO_AGREEMENT } from "../../../cli/src/experiments/demoPlan";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type LabConfig } from "../config/labConfig";
import { agreementOptions, EMBEDDING_SIZE, lmOptions, spread, taskSource, TEST_PER_BUCKET } from "./taskSource";

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

describe("taskSource: agreement as a language model", () => {
  const lm: LabConfig = { ...DEFAULT_CONFIG, task: "agreement", preset: "easy", framing: "lm", distance: 40, batchSize: 8 };

  it("uses the demo's design (the CLI's DEMO_AGREEMENT), with plain determiners", () => {
    // the CLI demo's agreement task, knob for knob (so the walk-through and `pnpm demo` cannot drift apart)
    expect(lmOptions(lm)).toEqual({ preset: DEMO_AGREEMENT.preset, ...DEMO_AGREEMENT.knobs, determiners: "plain" });
    const { preset, determiners: _plain, ...knobs } = lmOptions(lm);
    expect(preset).toBe(DEMO_AGREEMENT.preset);
    expect(knobs).toEqual(DEMO_AGREEMENT.knobs);
    expect(agreementConfig(DEMO_AGREEMENT.knobs).determiners).toBe("plain");
    expect(lmOptions({ preset: "default", distance: 30 }).distance).toEqual([9, 30]);
    // no more attractors than the longest gap holds
    expect(lmOptions({ preset: "easy", distance: 12 }).attractors).toEqual([0, 3]);
    expect(lmOptions({ preset: "easy", distance: 1 }).attractors).toEqual([0, 0]);
  });

  it("emits lm batches: <bos> + sentence in, sentence + <eos> out at every real step, a probe at each verb", () => {
    const s = taskSource(lm, new Random(1), 5);
    expect([s.kind, s.framing, s.inputSize, s.window]).toEqual(["classification", "lm", EMBEDDING_SIZE, 40]);
    expect(s.outputSize).toBe(s.vocabSize);
    expect(s.baseline).toBeCloseTo(Math.log(s.vocabSize), 12);
    const b = s.nextBatch() as { ids: Int32Array; lengths: Int32Array; mask: Float32Array; targets: Int32Array; loss: string; batchSize: number };
    const B = 8;
    const T = Math.max(...Array.from(b.lengths));
    expect([b.loss, b.batchSize, b.ids.length, b.targets.length, b.mask.length]).toEqual(["all", B, T * B, T * B, T * B]);
    const p = s.probe!;
    for (let k = 0; k < B; k++) {
      expect(b.ids[k]).toBe(2); // <bos>
      // the input at step t + 1 is the target at step t: the next word
      for (let t = 0; t + 1 < b.lengths[k]; t++) expect(b.ids[(t + 1) * B + k]).toBe(b.targets[t * B + k]);
      expect(b.targets[(b.lengths[k] - 1) * B + k]).toBe(3); // <eos>
      // the probe's step is where the verb is the target, with its wrong form beside it
      expect(b.targets[p.steps[k] * B + k]).toBe(p.correct[k]);
      expect(p.wrong[k]).not.toBe(p.correct[k]);
      for (let t = 0; t < T; t++) expect(b.mask[t * B + k]).toBe(t < b.lengths[k] ? 1 : 0);
    }
  });

  it("draws distances log-uniformly (∝ 1/d): more sentences at 1–2 than at 17–40, and none beyond 40", () => {
    const generator = new AgreementGenerator(lmOptions(lm));
    const rng = new Random(3);
    const d = Array.from({ length: 2000 }, () => generator.sample(rng).meta.distance);
    const share = (lo: number, hi: number) => d.filter((x) => x >= lo && x <= hi).length / d.length;
    expect(Math.min(...d)).toBe(1);
    expect(Math.max(...d)).toBe(40);
    // ∝ 1/d: P(1–2) = 1.5 / H₄₀ ≈ 0.35, P(17–40) ≈ 0.21 (a uniform draw would give 0.05 and 0.6)
    expect(share(1, 2)).toBeGreaterThan(0.28);
    expect(share(17, 40)).toBeGreaterThan(0.14);
    expect(share(17, 40)).toBeLessThan(0.3);
  });

  it("holds out 128 sentences per log-spaced bucket, half plural, cut at the verb, none of them in training", () => {
    const s = taskSource(lm, new Random(1), 5);
    expect(s.testSets.map((t) => t.distance)).toEqual([[1, 1], [2, 2], [3, 4], [5, 8], [9, 16], [17, 32], [33, 40]]);
    for (const t of s.testSets) {
      expect(t.readout.batch.batchSize).toBe(TEST_PER_BUCKET);
      expect(t.readout.batch.loss).toBe("last");
      expect(Array.from(t.readout.batch.lengths)).toEqual(Array.from(t.readout.probe.steps, (v) => v + 1));
    }
    // the read-out batch of the gradient charts: every sentence at the longest distance
    const r = s.readout!;
    expect(r.batchSize).toBe(8);
    expect(r.loss).toBe("last");
  });

  it("shows sentences spread over the distances, with the verb's two forms", () => {
    const { views, batches, probes } = taskSource(lm, new Random(1), 5).samples(4);
    expect(views.map((v) => v.kind === "agreement" && v.distance)).toEqual([2, 5, 15, 40]);
    views.forEach((v, i) => {
      if (v.kind !== "agreement") throw new Error("expected agreement");
      expect(v.framing).toBe("lm");
      expect(v.words[v.verb]).toBe(v.correct);
      expect(Array.from(batches[i].targets as Int32Array)).toEqual([probes![i].correct[0]]);
      expect(batches[i].lengths).toEqual(Int32Array.of(v.verb + 1));
    });
  });
});

describe("spread", () => {
  it("spreads integers geometrically, both ends included", () => {
    expect(spread(2, 40, 4)).toEqual([2, 5, 15, 40]);
    expect(spread(9, 9, 3)).toEqual([9, 9, 9]);
  });
});
