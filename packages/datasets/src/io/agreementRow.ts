import type { AgreementExample, AgreementMeta, AgreementPair } from "../agreement/generator";
import type { Framing } from "../agreement/config";
import { show } from "../validate";
import { Vocabulary, splitTokens } from "../vocabulary";
import { rowError } from "./rowError";

/** A row field: how it is read off an example (`word` turns a token id into its word). */
interface Field<T> {
  readonly get: (example: AgreementExample, word: (id: number) => string, vocabulary: Vocabulary) => T;
}
const field = <T>(get: Field<T>["get"]): Field<T> => ({ get });

/**
 * The row schema, written once: each column in export order with how it is taken from an example. The row type,
 * the column list and {@link agreementRow} all derive from it; {@link parseAgreementRow} checks the same keys.
 */
const ROW_FIELDS = {
  framing: field((e) => e.meta.framing),
  label: field((e) => e.label),
  /** The full, grammatical sentence, words separated by single spaces. */
  sentence: field((e, _w, v) => v.decode(e.sentence).join(" ")),
  number: field((e) => e.meta.number),
  grammatical: field((e) => e.meta.grammatical),
  subject: field((e) => e.meta.subject),
  verb: field((e) => e.meta.verb),
  distance: field((e) => e.meta.distance),
  attractors: field((e) => e.meta.attractors),
  depth: field((e) => e.meta.depth),
  nesting: field((e) => e.meta.nesting),
  prefix: field((e) => e.meta.prefix),
  heldOut: field((e) => e.meta.heldOut),
  correct: field((e, w) => w(e.meta.correct)),
  wrong: field((e, w) => w(e.meta.wrong)),
  structure: field((e) => e.meta.structure),
  pairs: field((e, w): readonly PairRow[] => e.meta.pairs.map((p) => ({ ...p, correct: w(p.correct), wrong: w(p.wrong) }))),
};

/**
 * One agreement example as plain text fields (a JSONL object or a CSV record), the columns of
 * {@link AGREEMENT_COLUMNS}. Positions index `sentence` words.
 */
export type AgreementRow = { readonly [K in keyof typeof ROW_FIELDS]: ReturnType<(typeof ROW_FIELDS)[K]["get"]> };

/** An {@link AgreementPair} with words for the verb forms. */
export type PairRow = Readonly<Omit<AgreementPair, "correct" | "wrong"> & { correct: string; wrong: string }>;

/** The columns of a row, in export order. */
export const AGREEMENT_COLUMNS: readonly (keyof AgreementRow)[] = Object.freeze(Object.keys(ROW_FIELDS) as (keyof AgreementRow)[]);

/** The keys of a pair, in export order (the compiler checks that they are exactly PairRow's). */
const PAIR_FIELDS = Object.keys({
  subject: 0,
  verb: 0,
  number: 0,
  depth: 0,
  role: 0,
  attractors: 0,
  correct: 0,
  wrong: 0,
} satisfies Record<keyof PairRow, 0>) as (keyof PairRow)[];
const FRAMINGS: readonly Framing[] = ["number", "grammaticality", "lm"];
const ROLES: readonly AgreementPair["role"][] = ["prefix", "main", "relative"];

/** The row of an example (words through `vocabulary`). */
export function agreementRow(example: AgreementExample, vocabulary: Vocabulary): AgreementRow {
  const word = (id: number) => vocabulary.word(id);
  const row: Record<string, unknown> = {};
  for (const column of AGREEMENT_COLUMNS) row[column] = ROW_FIELDS[column].get(example, word, vocabulary);
  return row as AgreementRow;
}

export interface ParseRowOptions {
  /** `"error"` (default): an unknown word fails the row; `"unk"`: it becomes `<unk>`. */
  readonly unknown?: "error" | "unk";
}

/**
 * Validates one parsed row and rebuilds its example. `text` says that values are CSV strings to convert.
 * Throws a {@link RowError} naming `line` and the field at fault.
 */
export function parseAgreementRow(
  raw: unknown,
  vocabulary: Vocabulary,
  where: { readonly fn: string; readonly line: number; readonly text: boolean },
  options: ParseRowOptions = {},
): AgreementExample {
  const { fn, line, text } = where;
  const fail = (kind: "type" | "range", field: string, message: string): never => {
    throw rowError(kind, fn, line, field, message);
  };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    fail("type", "(row)", `must be an object, got ${show(raw)}`);
  const row = raw as Record<string, unknown>;
  checkKeys(row, AGREEMENT_COLUMNS, "", fail);

  const r = new FieldReader(row, "", text, fail);
  const framing = r.oneOf("framing", FRAMINGS);
  const sentenceText = r.string("sentence");
  const words = splitTokens(sentenceText);
  if (words.length === 0) fail("range", "sentence", "must contain at least one word, got an empty string");
  const sentence = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const id = vocabulary.id(words[i]);
    if (id === Vocabulary.UNK && words[i] !== "<unk>" && options.unknown !== "unk") {
      fail("range", "sentence", `unknown word ${show(words[i])} at word ${i}`);
    }
    sentence[i] = id;
  }
  const n = words.length;
  const label = r.int("label", 0, 1);
  const number = r.int("number", 0, 1) as 0 | 1;
  const grammatical = r.bool("grammatical");
  const subject = r.int("subject", 0, n - 1);
  const verb = r.int("verb", 0, n - 1);
  if (subject >= verb) fail("range", "subject", `must be before verb ${verb}, got ${subject}`);
  const distance = r.int("distance", 1);
  if (distance !== verb - subject)
    fail("range", "distance", `must equal verb − subject = ${verb - subject}, got ${distance}`);
  const attractors = r.int("attractors", 0, Math.max(0, distance - 1));
  const nesting = r.int("nesting", 0);
  const depth = r.int("depth", 0, nesting);
  const prefix = r.int("prefix", 0, subject);
  const heldOut = r.bool("heldOut");
  const correct = r.word("correct", vocabulary);
  const wrong = r.word("wrong", vocabulary);
  if (sentence[verb] !== correct) {
    fail(
      "range",
      "correct",
      `must be the sentence's word at verb ${verb} (${show(words[verb])}), got ${show(row.correct)}`,
    );
  }
  if (wrong === correct) fail("range", "wrong", `must differ from correct, got ${show(row.wrong)}`);
  if (framing !== "grammaticality" && !grammatical)
    fail("range", "grammatical", `must be true for framing "${framing}", got false`);
  const expected = framing === "grammaticality" ? (grammatical ? 1 : 0) : number;
  if (label !== expected) {
    const rule = framing === "grammaticality" ? "1 if grammatical else 0" : "number";
    fail("range", "label", `must equal ${rule} (${expected}) for framing "${framing}", got ${label}`);
  }
  const structure = r.string("structure");

  const pairsRaw = text ? r.json("pairs") : row.pairs;
  if (!Array.isArray(pairsRaw)) fail("type", "pairs", `must be an array, got ${show(pairsRaw)}`);
  const pairs: AgreementPair[] = (pairsRaw as unknown[]).map((p, i) => {
    const path = `pairs[${i}]`;
    if (p === null || typeof p !== "object" || Array.isArray(p))
      fail("type", path, `must be an object, got ${show(p)}`);
    const obj = p as Record<string, unknown>;
    checkKeys(obj, PAIR_FIELDS, `${path}.`, fail);
    const pr = new FieldReader(obj, `${path}.`, false, fail);
    const ps = pr.int("subject", 0, n - 1);
    const pv = pr.int("verb", 0, n - 1);
    if (ps >= pv) fail("range", `${path}.subject`, `must be before verb ${pv}, got ${ps}`);
    const pair: AgreementPair = {
      subject: ps,
      verb: pv,
      number: pr.int("number", 0, 1) as 0 | 1,
      depth: pr.int("depth", -1, nesting),
      role: pr.oneOf("role", ROLES),
      attractors: pr.int("attractors", 0, Math.max(0, pv - ps - 1)),
      correct: pr.word("correct", vocabulary),
      wrong: pr.word("wrong", vocabulary),
    };
    if (sentence[pv] !== pair.correct) {
      fail(
        "range",
        `${path}.correct`,
        `must be the sentence's word at verb ${pv} (${show(words[pv])}), got ${show(obj.correct)}`,
      );
    }
    return pair;
  });
  if (!pairs.some((p) => p.subject === subject && p.verb === verb)) {
    fail("range", "pairs", `must contain the target pair (subject ${subject}, verb ${verb})`);
  }

  let ids = sentence;
  if (framing === "number") ids = sentence.subarray(0, verb);
  else if (!grammatical) {
    ids = sentence.slice();
    ids[verb] = wrong;
  }
  const meta: AgreementMeta = {
    framing,
    number,
    subject,
    verb,
    distance,
    attractors,
    depth,
    nesting,
    prefix,
    length: n,
    correct,
    wrong,
    grammatical,
    heldOut,
    structure,
    pairs,
  };
  return { sentence, ids, label, meta };
}

type Fail = (kind: "type" | "range", field: string, message: string) => never;

function checkKeys(obj: Record<string, unknown>, expected: readonly string[], prefix: string, fail: Fail): void {
  for (const key of expected) if (!(key in obj)) fail("type", `${prefix}${key}`, "is missing");
  for (const key of Object.keys(obj)) {
    if (!expected.includes(key))
      fail("type", `${prefix}${key}`, `is not a known field (expected ${expected.join(", ")})`);
  }
}

/** Typed access to a row's fields; in text mode (CSV) values are strings and are converted strictly. */
class FieldReader {
  constructor(
    private readonly row: Record<string, unknown>,
    private readonly prefix: string,
    private readonly text: boolean,
    private readonly fail: Fail,
  ) {}

  private value(key: string): unknown {
    return this.row[key];
  }

  string(key: string): string {
    const v = this.value(key);
    if (typeof v !== "string") this.fail("type", this.prefix + key, `must be a string, got ${show(v)}`);
    return v as string;
  }

  int(key: string, min = -Infinity, max = Infinity): number {
    let v = this.value(key);
    if (this.text && typeof v === "string" && /^-?\d+$/.test(v)) v = Number(v);
    if (typeof v !== "number" || !Number.isInteger(v))
      this.fail("type", this.prefix + key, `must be an integer, got ${show(v)}`);
    const x = v as number;
    if (x < min || x > max) {
      const range = max === Infinity ? `≥ ${min}` : `in [${min}, ${max}]`;
      this.fail("range", this.prefix + key, `must be ${range}, got ${x}`);
    }
    return x;
  }

  bool(key: string): boolean {
    let v = this.value(key);
    if (this.text && (v === "true" || v === "false")) v = v === "true";
    if (typeof v !== "boolean") this.fail("type", this.prefix + key, `must be true or false, got ${show(v)}`);
    return v as boolean;
  }

  oneOf<T extends string>(key: string, options: readonly T[]): T {
    const v = this.value(key);
    if (!options.includes(v as T)) {
      this.fail("type", this.prefix + key, `must be one of ${options.map((o) => `"${o}"`).join(", ")}, got ${show(v)}`);
    }
    return v as T;
  }

  word(key: string, vocabulary: Vocabulary): number {
    const w = this.string(key);
    if (!vocabulary.has(w)) this.fail("range", this.prefix + key, `unknown word ${show(w)}`);
    return vocabulary.id(w);
  }

  json(key: string): unknown {
    const s = this.string(key);
    try {
      return JSON.parse(s);
    } catch (e) {
      return this.fail("type", this.prefix + key, `must be JSON, ${(e as Error).message}`);
    }
  }
}
