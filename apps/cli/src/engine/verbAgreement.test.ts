import type { AgreementMeta } from "@vanish/datasets";
import { describe, expect, it } from "vitest";
import { countVerbAgreement, cutAtVerb, verbProbe, type VerbProbe } from "./verbAgreement";

// A hand-made batch: B = 3 sentences, vocabulary of V = 4 ids (0 <pad>, 1 "is", 2 "are", 3 other), T = 3 steps.
// The verb of sentence 0 is predicted at step 1 (right form "is"), of 1 at step 2 ("are"), of 2 at step 1 ("are").
const V = 4;
const B = 3;
const probe: VerbProbe = { steps: Int32Array.of(1, 2, 1), correct: Int32Array.of(1, 2, 2), wrong: Int32Array.of(2, 1, 1) };

/** Logits `[T·B, V]` for every (t, b), all 0 except those set. */
function logitsWith(set: [t: number, b: number, id: number, value: number][]): Float64Array {
  const out = new Float64Array(3 * B * V);
  for (const [t, b, id, value] of set) out[(t * B + b) * V + id] = value;
  return out;
}
const allRows = Int32Array.from({ length: 3 * B }, (_, r) => r);

describe("countVerbAgreement", () => {
  it("counts a sequence right when the correct form's logit beats the wrong form's at its verb step", () => {
    const logits = logitsWith([
      [1, 0, 1, 2.0], // sentence 0: "is" 2.0 > "are" 0 → right
      [2, 1, 1, 0.5], // sentence 1: "is" 0.5 > "are" 0 → wrong
      [1, 2, 2, 0.1], // sentence 2: "are" 0.1 > "is" 0 → right, although "other" scores higher:
      [1, 2, 3, 9.0], //   only the two verb forms are compared
      [0, 0, 2, 5.0], // other steps do not count
      [2, 0, 2, 5.0],
    ]);
    expect(countVerbAgreement(logits, allRows, V, probe)).toEqual({ right: 2, seen: 3 });
  });

  it("counts a tie as wrong", () => {
    expect(countVerbAgreement(logitsWith([]), allRows, V, probe)).toEqual({ right: 0, seen: 3 });
  });

  it("counts only the verbs among the given rows (a truncated-BPTT window), wherever they sit in the array", () => {
    // Window with steps [1, 3): rows 3…8, given in reverse order; its logits array holds only those rows.
    const full = logitsWith([[1, 0, 1, 1], [2, 1, 2, 1], [1, 2, 1, 1]]);
    const rows = Int32Array.of(8, 7, 6, 5, 4, 3);
    const logits = new Float64Array(rows.length * V);
    rows.forEach((row, r) => logits.set(full.subarray(row * V, row * V + V), r * V));
    expect(countVerbAgreement(logits, rows, V, probe)).toEqual({ right: 2, seen: 3 });
    expect(countVerbAgreement(logits.subarray(0, 3 * V), rows.subarray(0, 3), V, probe)).toEqual({ right: 1, seen: 1 });
  });
});

describe("verbProbe", () => {
  const meta = (verb: number, correct: number, wrong: number, framing: AgreementMeta["framing"] = "lm") => ({ framing, verb, correct, wrong }) as AgreementMeta;

  it("reads the verb position and both forms from lm metadata, into given arrays when asked", () => {
    const p = verbProbe([meta(4, 10, 11), meta(7, 13, 12)]);
    expect([...p.steps, ...p.correct, ...p.wrong]).toEqual([4, 7, 10, 13, 11, 12]);
    const into: VerbProbe = { steps: new Int32Array(4), correct: new Int32Array(4), wrong: new Int32Array(4) };
    const q = verbProbe([meta(2, 5, 6)], into);
    expect(q.steps.buffer).toBe(into.steps.buffer);
    expect([q.steps.length, q.steps[0], q.correct[0], q.wrong[0]]).toEqual([1, 2, 5, 6]);
  });

  it("refuses metadata of another framing", () => {
    expect(() => verbProbe([meta(1, 2, 3), meta(1, 2, 3, "number")])).toThrow('verbProbe: meta[1].framing must be "lm", got "number"');
  });
});

describe("cutAtVerb", () => {
  it("ends each sequence at its verb step and targets the correct form, in fresh arrays", () => {
    const ids = Int32Array.from({ length: 3 * B }, (_, i) => i);
    const cut = cutAtVerb(ids, probe);
    expect(cut.ids).toBe(ids);
    expect(cut.batchSize).toBe(B);
    expect(Array.from(cut.lengths)).toEqual([2, 3, 2]);
    expect(Array.from(cut.targets)).toEqual([1, 2, 2]);
    expect(cut.loss).toBe("last");
    expect(cut.targets).not.toBe(probe.correct);
  });
});
