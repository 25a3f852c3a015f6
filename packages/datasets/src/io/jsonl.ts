import type { AgreementExample } from "../agreement/generator";
import type { Vocabulary } from "../vocabulary";
import { show } from "../validate";
import { type ParseRowOptions, agreementRow, parseAgreementRow } from "./agreementRow";
import { rowError } from "./rowError";

/** One JSON object per line, each ending with "\n" (see `AgreementRow` for the fields). */
export function toJSONL(examples: Iterable<AgreementExample>, vocabulary: Vocabulary): string {
  let out = "";
  for (const line of jsonlLines(examples, vocabulary)) out += line + "\n";
  return out;
}

/** The lines of {@link toJSONL} one at a time (for writing a stream to a file). */
export function* jsonlLines(
  examples: Iterable<AgreementExample>,
  vocabulary: Vocabulary,
): Generator<string, void, undefined> {
  for (const e of examples) yield JSON.stringify(agreementRow(e, vocabulary));
}

/**
 * Parses and validates JSONL text. Blank lines are allowed (and carry no data); every other line must be a valid row,
 * or the call throws a `RowError` naming the line and the field — nothing is skipped.
 */
export function fromJSONL(text: string, vocabulary: Vocabulary, options: ParseRowOptions = {}): AgreementExample[] {
  const fn = "fromJSONL";
  if (typeof text !== "string") throw new TypeError(`${fn}: text must be a string, got ${show(text)}`);
  const out: AgreementExample[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      throw rowError("type", fn, i + 1, "(row)", `not valid JSON: ${(e as Error).message}`);
    }
    out.push(parseAgreementRow(raw, vocabulary, { fn, line: i + 1, text: false }, options));
  }
  return out;
}
