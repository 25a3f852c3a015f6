import { describe, expect, it } from "vitest";
import { generateAgreement } from "../agreement/dataset";
import { AgreementGenerator } from "../agreement/generator";
import type { AgreementExample } from "../agreement/generator";
import { AGREEMENT_COLUMNS } from "./agreementRow";
import { fromCSV, parseCSV, toCSV } from "./csv";

const vocab = new AgreementGenerator("default").vocabulary;
const plain = (xs: AgreementExample[]) =>
  xs.map((x) => ({ sentence: Array.from(x.sentence), ids: Array.from(x.ids), label: x.label, meta: x.meta }));

describe("CSV", () => {
  it("round-trips examples of every framing exactly, quoting sentences with commas", () => {
    for (const framing of ["number", "grammaticality", "lm"] as const) {
      const xs = generateAgreement(8, { preset: "default", framing }, 40);
      const text = toCSV(xs, vocab);
      expect(text.split("\n")[0]).toBe(AGREEMENT_COLUMNS.join(","));
      expect(plain(fromCSV(text, vocab))).toEqual(plain(xs));
      expect(text).toMatch(/"[^"\n]* , [^"\n]*"/);
    }
  });

  it("accepts columns in any order and CRLF line ends", () => {
    const xs = generateAgreement(8, "default", 3);
    const records = parseCSV(toCSV(xs, vocab));
    const order = [...AGREEMENT_COLUMNS.keys()].reverse();
    const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const text = records.map((r) => order.map((i) => quote(r.fields[i])).join(",")).join("\r\n");
    expect(plain(fromCSV(text, vocab))).toEqual(plain(xs));
  });

  it("names the line and column of a bad record", () => {
    const text = toCSV(generateAgreement(8, "default", 3), vocab);
    const lines = text.split("\n");
    const at = (i: number, column: string, value: string) => {
      const fields = parseCSV(lines[i])[0].fields;
      fields[AGREEMENT_COLUMNS.indexOf(column as never)] = value;
      const copy = [...lines];
      copy[i] = fields.map((f) => (/[",]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",");
      return copy.join("\n");
    };
    expect(() => fromCSV(at(2, "attractors", "x"), vocab)).toThrow(
      'fromCSV: line 3, field "attractors": must be an integer, got "x"',
    );
    expect(() => fromCSV(at(3, "heldOut", "yes"), vocab)).toThrow(
      'fromCSV: line 4, field "heldOut": must be true or false, got "yes"',
    );
    expect(() => fromCSV(at(1, "pairs", "[{"), vocab)).toThrow(/^fromCSV: line 2, field "pairs": must be JSON, /);
    expect(() => fromCSV(at(1, "number", "2"), vocab)).toThrow(
      'fromCSV: line 2, field "number": must be in [0, 1], got 2',
    );
    expect(() => fromCSV(text.replace("framing,", "kind,"), vocab)).toThrow(
      /^fromCSV: line 1, field "kind": is not a known column/,
    );
    expect(() => fromCSV(text.replace(",pairs", ""), vocab)).toThrow(
      'fromCSV: line 1, field "pairs": the column is missing',
    );
    const short = `${lines[0]}\n${lines[1]}\nnumber,1\n`;
    expect(() => fromCSV(short, vocab)).toThrow('fromCSV: line 3, field "(row)": expected 17 fields, got 2');
    expect(() => fromCSV("", vocab)).toThrow('fromCSV: line 1, field "(header)": the header row is missing');
  });
});

describe("parseCSV", () => {
  it("reads quoted fields with commas, quotes and line breaks, counting lines from each record's start", () => {
    const records = parseCSV('a,b\n"x, ""y""","multi\nline"\nlast,\n\n"",z');
    expect(records).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ['x, "y"', "multi\nline"], line: 2 },
      { fields: ["last", ""], line: 4 },
      { fields: ["", "z"], line: 6 },
    ]);
  });

  it("rejects malformed quoting with the line", () => {
    expect(() => parseCSV('a\n"open\n')).toThrow('parseCSV: line 2, field "(row)": a quoted field is not closed');
    expect(() => parseCSV('a\nb"c\n')).toThrow('parseCSV: line 2, field "(row)": a quote inside an unquoted field');
    expect(() => parseCSV('"a"b\n')).toThrow('parseCSV: line 1, field "(row)": unexpected "b" after a closing quote');
  });
});
