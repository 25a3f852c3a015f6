import { describe, expect, it } from "vitest";
import { generateAgreement } from "./dataset";
import { agreementEncoder, encodeAgreement } from "./encode";

describe("encodeAgreement", () => {
  it("number framing: the words before the verb, label read at the last step", () => {
    const xs = generateAgreement(1, "default", 8);
    const batch = encodeAgreement(xs);
    expect(batch.B).toBe(8);
    expect(batch.T).toBe(Math.max(...xs.map((x) => x.meta.verb)));
    xs.forEach((x, b) => {
      expect(batch.lengths[b]).toBe(x.meta.verb);
      expect(batch.ids[(batch.lengths[b] - 1) * batch.B + b]).toBe(x.sentence[x.meta.verb - 1]);
      expect(batch.labels![b]).toBe(x.meta.number);
    });
    expect(batch.targets).toBeUndefined();
    expect(batch.meta[3]).toBe(xs[3].meta);
  });

  it("lm framing: with <bos>, the target at step meta.verb is the correct verb for every pair", () => {
    const xs = generateAgreement(1, { preset: "hard", framing: "lm" }, 6);
    const batch = encodeAgreement(xs);
    xs.forEach((x, b) => {
      expect(batch.lengths[b]).toBe(x.meta.length + 1);
      for (const p of x.meta.pairs) {
        expect(batch.targets![p.verb * batch.B + b]).toBe(p.correct);
        expect(batch.ids[p.verb * batch.B + b]).toBe(x.sentence[p.verb - 1]);
      }
      expect(batch.targets![x.meta.length * batch.B + b]).toBe(3);
    });
  });

  it("grammaticality framing: whole sentences, labels 1/0", () => {
    const xs = generateAgreement(1, { preset: "default", framing: "grammaticality" }, 20);
    const batch = encodeAgreement(xs, { eos: true });
    xs.forEach((x, b) => {
      expect(batch.lengths[b]).toBe(x.meta.length + 1);
      expect(batch.ids[x.meta.verb * batch.B + b]).toBe(x.meta.grammatical ? x.meta.correct : x.meta.wrong);
      expect(batch.labels![b]).toBe(x.meta.grammatical ? 1 : 0);
    });
  });

  it("reuses an encoder's buffers with identical results", () => {
    const xs = generateAgreement(2, { preset: "default", framing: "lm" }, 16);
    const encoder = agreementEncoder("lm", 16, 200);
    const reused = encodeAgreement(xs, { encoder });
    const fresh = encodeAgreement(xs);
    expect(Array.from(reused.ids)).toEqual(Array.from(fresh.ids));
    expect(Array.from(reused.targets!)).toEqual(Array.from(fresh.targets!));
    expect(Array.from(reused.labels!)).toEqual(Array.from(fresh.labels!));
  });

  it("refuses mixed framings", () => {
    const xs = [...generateAgreement(1, "easy", 1), ...generateAgreement(1, { preset: "easy", framing: "lm" }, 1)];
    expect(() => encodeAgreement(xs)).toThrow(
      new TypeError('encodeAgreement: examples must share one framing, got "number" at 0 and "lm" at 1'),
    );
  });
});
