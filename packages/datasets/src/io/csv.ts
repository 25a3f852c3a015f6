import type { AgreementExample } from "../agreement/generator";
import type { Vocabulary } from "../vocabulary";
import { show } from "../validate";
import { AGREEMENT_COLUMNS, type ParseRowOptions, agreementRow, parseAgreementRow } from "./agreementRow";
import { rowError } from "./rowError";

/**
 * RFC 4180 CSV with a header row of `AGREEMENT_COLUMNS`; booleans as `true`/`false`, `pairs` as JSON text.
 * Fields with a comma, quote or line break are quoted (quotes doubled).
 */
export function toCSV(examples: Iterable<AgreementExample>, vocabulary: Vocabulary): string {
  let out = AGREEMENT_COLUMNS.join(",") + "\n";
  for (const e of examples) {
    const row = agreementRow(e, vocabulary) as unknown as Record<string, unknown>;
    out +=
      AGREEMENT_COLUMNS.map((c) => csvField(c === "pairs" ? JSON.stringify(row[c]) : String(row[c]))).join(",") + "\n";
  }
  return out;
}

/**
 * Parses and validates CSV text from {@link toCSV} (columns in any order). Throws a `RowError` naming the line
 * (of the record's first character, header = line 1) and the column at fault; no record is skipped.
 */
export function fromCSV(text: string, vocabulary: Vocabulary, options: ParseRowOptions = {}): AgreementExample[] {
  const fn = "fromCSV";
  if (typeof text !== "string") throw new TypeError(`${fn}: text must be a string, got ${show(text)}`);
  const records = parseCSV(text, fn);
  if (records.length === 0) throw rowError("range", fn, 1, "(header)", "the header row is missing");
  const header = records[0];
  for (const column of header.fields) {
    if (!(AGREEMENT_COLUMNS as readonly string[]).includes(column)) {
      throw rowError(
        "type",
        fn,
        header.line,
        column,
        `is not a known column (expected ${AGREEMENT_COLUMNS.join(", ")})`,
      );
    }
  }
  for (const column of AGREEMENT_COLUMNS) {
    if (!header.fields.includes(column)) throw rowError("type", fn, header.line, column, "the column is missing");
    if (header.fields.indexOf(column) !== header.fields.lastIndexOf(column)) {
      throw rowError("type", fn, header.line, column, "the column is repeated");
    }
  }
  const out: AgreementExample[] = [];
  for (let r = 1; r < records.length; r++) {
    const { fields, line } = records[r];
    if (fields.length !== header.fields.length) {
      throw rowError("range", fn, line, "(row)", `expected ${header.fields.length} fields, got ${fields.length}`);
    }
    const raw: Record<string, string> = {};
    header.fields.forEach((column, i) => (raw[column] = fields[i]));
    out.push(parseAgreementRow(raw, vocabulary, { fn, line, text: true }, options));
  }
  return out;
}

/** One CSV record and the 1-based line its first character is on. */
export interface CSVRecord {
  readonly fields: string[];
  readonly line: number;
}

/** Splits RFC 4180 text into records (accepts "\n" and "\r\n"; a final line break is optional; empty lines are skipped). */
export function parseCSV(text: string, fn = "parseCSV"): CSVRecord[] {
  const records: CSVRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let start = 1;
  let i = 0;
  let quotedField = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "" && !quotedField)) records.push({ fields, line: start });
    fields = [];
    field = "";
    quotedField = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (field === "" && ch === '"' && !quotedField) {
      // A quoted field: read to the closing quote; "" is a literal quote.
      const open = line;
      quotedField = true;
      i++;
      for (;;) {
        if (i >= text.length) throw rowError("range", fn, open, "(row)", "a quoted field is not closed");
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") line++;
        field += c;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        throw rowError("range", fn, line, "(row)", `unexpected ${show(next)} after a closing quote`);
      }
      continue;
    }
    if (ch === ",") {
      fields.push(field);
      field = "";
      quotedField = false;
      i++;
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      start = line;
    } else {
      if (ch === '"') throw rowError("range", fn, line, "(row)", "a quote inside an unquoted field");
      field += ch;
      i++;
    }
  }
  if (field !== "" || fields.length > 0 || quotedField) endRecord();
  return records;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
