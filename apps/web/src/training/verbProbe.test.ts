import { Random } from "@vanish/core";
import { AgreementGenerator, encodeAgreement } from "@vanish/datasets";
import { describe, expect, it } from "vitest";
import { countVerbAgreement, verbProbe, verbReadout, type VerbProbe } from "./verbProbe";

const generator = new AgreementGenerator({ preset: "easy", framing: "lm", distance: [2, 6] });
const examples = (n: number, seed = 1) => {
  const rng = new Random(seed);
  return Array.from({ length: n }, () => generator.sample(rng));
};

describe("verbProbe", () => {
  it("reads each sentence's verb position and its two forms from the metadata", () => {
    const ex = examples(3);
    const p = verbProbe(ex.map((e) => e.meta));
    expect(Array.from(p.steps)).toEqual(ex.map((e) => e.meta.verb));
    expect(Array.from(p.correct)).toEqual(ex.map((e) => e.meta.correct));
    expect(Array.from(p.wrong)).toEqual(ex.map((e) => e.meta.wrong));
    // with <bos>, the target at step meta.verb is the verb itself
    const t = encodeAgreement(ex);
    ex.forEach((e, b) => expect(t.targets![e.meta.verb * 3 + b]).toBe(e.meta.correct));
  });

  it("refuses sentences of another framing", () => {
    const number = new AgreementGenerator({ preset: "easy" }).sample(new Random(1));
    expect(() => verbProbe([number.meta])).toThrow('verbProbe: meta[0].framing must be "lm", got "number"');
  });
});

describe("verbReadout", () => {
  it("cuts each sentence at the verb: <bos> and the words before it, the correct form as the last step's target", () => {
    const ex = examples(4, 2);
    const { batch, probe } = verbReadout(ex);
    const B = 4;
    const T = Math.max(...ex.map((e) => e.meta.verb)) + 1;
    expect(batch.ids.length).toBe(T * B);
    expect(batch.loss).toBe("last");
    expect(Array.from(batch.lengths)).toEqual(ex.map((e) => e.meta.verb + 1));
    expect(Array.from(batch.targets)).toEqual(Array.from(probe.correct));
    ex.forEach((e, b) => {
      expect(batch.ids[b]).toBe(2); // <bos>
      for (let t = 1; t <= e.meta.verb; t++) expect(batch.ids[t * B + b]).toBe(e.sentence[t - 1]);
      // the subject's noun is read `distance` steps before the step that predicts the verb, counting that one
      expect(batch.ids[(e.meta.verb + 1 - e.meta.distance) * B + b]).toBe(e.sentence[e.meta.subject]);
    });
  });
});

describe("countVerbAgreement", () => {
  it("counts the rows at each sequence's verb step whose correct logit is strictly greater (hand-made case)", () => {
    // B = 2, V = 4; sequence 0 predicts its verb at step 1, sequence 1 at step 2
    const probe: VerbProbe = { steps: Int32Array.of(1, 2), correct: Int32Array.of(2, 3), wrong: Int32Array.of(3, 2) };
    const rows = Int32Array.of(0, 1, 2, 3, 4, 5); // t·B + b for t = 0, 1, 2
    const V = 4;
    const logits = new Float64Array(6 * V);
    // row 2 = (t 1, b 0): its verb step, correct 2 beats wrong 3 → right
    logits[2 * V + 2] = 1.5;
    logits[2 * V + 3] = 0.5;
    // row 5 = (t 2, b 1): its verb step, correct 3 ties wrong 2 → wrong
    logits[5 * V + 3] = 0.7;
    logits[5 * V + 2] = 0.7;
    // row 3 = (t 1, b 1): not b 1's verb step, ignored although its correct logit is larger
    logits[3 * V + 3] = 9;
    expect(countVerbAgreement(logits, rows, V, probe)).toEqual({ right: 1, seen: 2 });
    logits[5 * V + 3] = 0.8;
    expect(countVerbAgreement(logits, rows, V, probe)).toEqual({ right: 2, seen: 2 });
    // only the rows given count: a "last" read-out has one row per sequence
    expect(countVerbAgreement(logits.subarray(5 * V), Int32Array.of(5), V, probe)).toEqual({ right: 1, seen: 1 });
  });
});
