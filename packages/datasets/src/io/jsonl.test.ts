import { describe, expect, it } from "vitest";
import { AgreementGenerator } from "../agreement/generator";
import { generateAgreement } from "../agreement/dataset";
import type { AgreementExample } from "../agreement/generator";
import { fromJSONL, jsonlLines, toJSONL } from "./jsonl";

const vocab = new AgreementGenerator("default").vocabulary;
const plain = (xs: AgreementExample[]) =>
  xs.map((x) => ({ sentence: Array.from(x.sentence), ids: Array.from(x.ids), label: x.label, meta: x.meta }));

describe("JSONL", () => {
  it("round-trips examples of every framing exactly", () => {
    for (const framing of ["number", "grammaticality", "lm"] as const) {
      const xs = generateAgreement(6, { preset: "hard", framing }, 30);
      const text = toJSONL(xs, vocab);
      expect(text.split("\n")).toHaveLength(31);
      expect(plain(fromJSONL(text, vocab))).toEqual(plain(xs));
    }
  });

  it("writes one readable object per line", () => {
    const [line] = [...jsonlLines(generateAgreement(1, "easy", 1), vocab)];
    expect(JSON.parse(line)).toMatchInlineSnapshot(`
      {
        "attractors": 0,
        "correct": "walks",
        "depth": 0,
        "distance": 4,
        "framing": "number",
        "grammatical": true,
        "heldOut": false,
        "label": 0,
        "nesting": 0,
        "number": 0,
        "pairs": [
          {
            "attractors": 0,
            "correct": "walks",
            "depth": 0,
            "number": 0,
            "role": "main",
            "subject": 2,
            "verb": 6,
            "wrong": "walk",
          },
        ],
        "prefix": 0,
        "sentence": "the odd farmer in the hill walks again .",
        "structure": "S* pp V*",
        "subject": 2,
        "verb": 6,
        "wrong": "walk",
      }
    `);
  });

  it("allows blank lines and maps unknown words to <unk> on request", () => {
    const line = toJSONL(generateAgreement(1, "easy", 1), vocab).trim();
    expect(fromJSONL(`\n${line}\n\n${line}\n`, vocab)).toHaveLength(2);
    const odd = line.replace(/"sentence":"(\w+) /, '"sentence":"zorp ');
    expect(fromJSONL(odd, vocab, { unknown: "unk" })[0].sentence[0]).toBe(1);
  });

  it("names the line and field of a bad row", () => {
    const good = toJSONL(generateAgreement(1, "default", 2), vocab).trim().split("\n");
    const row = JSON.parse(good[1]);
    const bad = (patch: object, drop?: string) => {
      const copy = { ...row, ...patch };
      if (drop) delete copy[drop];
      return `${good[0]}\n${JSON.stringify(copy)}\n`;
    };
    const cases: [string, string, string][] = [
      [`${good[0]}\n{oops\n`, "(row)", "TypeError"],
      [bad({}, "label"), "label", "TypeError"],
      [bad({ extra: 1 }), "extra", "TypeError"],
      [bad({ label: "1" }), "label", "TypeError"],
      [bad({ framing: "cloze" }), "framing", "TypeError"],
      [bad({ sentence: row.sentence.replace(/ \w+ /, " zorp ") }), "sentence", "RangeError"],
      [bad({ distance: row.distance + 1 }), "distance", "RangeError"],
      [bad({ verb: 999 }), "verb", "RangeError"],
      [bad({ label: 1 - row.label }), "label", "RangeError"],
      [bad({ correct: row.wrong }), "correct", "RangeError"],
      [bad({ pairs: "none" }), "pairs", "TypeError"],
      [bad({ pairs: [] }), "pairs", "RangeError"],
      [bad({ pairs: [{ ...row.pairs[0], role: "boss" }] }), "pairs[0].role", "TypeError"],
    ];
    for (const [text, field, kind] of cases) {
      let error: unknown;
      try {
        fromJSONL(text, vocab);
      } catch (e) {
        error = e;
      }
      expect(error, field).toBeInstanceOf(kind === "TypeError" ? TypeError : RangeError);
      expect(error).toMatchObject({ line: 2, field });
      expect((error as Error).message.startsWith(`fromJSONL: line 2, field "${field}": `)).toBe(true);
    }
    expect(() => fromJSONL(bad({ distance: row.distance + 1 }), vocab)).toThrow(
      `fromJSONL: line 2, field "distance": must equal verb − subject = ${row.distance}, got ${row.distance + 1}`,
    );
    expect(() => fromJSONL(bad({}, "label"), vocab)).toThrow('fromJSONL: line 2, field "label": is missing');
  });
});
