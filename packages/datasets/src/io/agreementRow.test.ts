import { describe, expect, it } from "vitest";
import { generateAgreement } from "../agreement/dataset";
import { AgreementGenerator } from "../agreement/generator";
import { AGREEMENT_COLUMNS, agreementRow, parseAgreementRow } from "./agreementRow";

const vocab = new AgreementGenerator("default").vocabulary;

describe("agreementRow", () => {
  it("writes exactly the columns of AGREEMENT_COLUMNS, in order, and parses them back", () => {
    const [example] = generateAgreement(3, { preset: "hard", framing: "lm" }, 1);
    const row = agreementRow(example!, vocab);
    expect(Object.keys(row)).toEqual(AGREEMENT_COLUMNS);
    expect(row.pairs.length).toBeGreaterThan(0);
    for (const pair of row.pairs) expect(Object.keys(pair)).toEqual(["subject", "verb", "number", "depth", "role", "attractors", "correct", "wrong"]);
    const back = parseAgreementRow(JSON.parse(JSON.stringify(row)), vocab, { fn: "test", line: 1, text: false });
    expect(back.meta).toEqual(example!.meta);
  });

  it("names a missing or an unknown column", () => {
    const [example] = generateAgreement(3, "easy", 1);
    const { heldOut: _, ...missing } = agreementRow(example!, vocab);
    expect(() => parseAgreementRow(missing, vocab, { fn: "test", line: 2, text: false })).toThrow('test: line 2, field "heldOut": is missing');
    expect(() => parseAgreementRow({ ...agreementRow(example!, vocab), extra: 1 }, vocab, { fn: "test", line: 2, text: false })).toThrow(
      `test: line 2, field "extra": is not a known field (expected ${AGREEMENT_COLUMNS.join(", ")})`,
    );
  });
});
