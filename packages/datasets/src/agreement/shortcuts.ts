import { checkInt, checkOneOf } from "../validate";
import type { AgreementExample } from "./generator";
import type { Lexicon } from "./lexicon";

/**
 * Memory-free strategies for guessing the target number from the words before the target verb. A model that scores
 * no better than these has not learned to hold the right subject's number. Linzen et al. (2016) discuss the
 * "last noun" heuristic; docs/tasks.md#trap the first-noun latch that solves agreement with a subject at position 0.
 */
export const SHORTCUTS = ["firstNoun", "lastNoun", "nounMajority", "mainSubject", "majorityLabel"] as const;
export type Shortcut = (typeof SHORTCUTS)[number];

/** Accuracy of each shortcut in [0, 1], against the target number (`meta.number`), over `count` examples. */
export type ShortcutAccuracy = { readonly [K in Shortcut]: number } & { readonly count: number };

/**
 * The guesses of each shortcut for one example (0/1; −1 when it has no numbered noun to go on):
 * `firstNoun` the first singular/plural noun, `lastNoun` the last one before the verb, `nounMajority` the majority
 * number of those nouns (ties → singular), `mainSubject` the main clause's subject (one latched bit).
 */
export function shortcutGuesses(
  example: AgreementExample,
  lexicon: Lexicon,
): Omit<{ [K in Shortcut]: number }, "majorityLabel"> {
  const { sentence, meta } = example;
  let first = -1;
  let last = -1;
  let plural = 0;
  let numbered = 0;
  for (let i = 0; i < meta.verb; i++) {
    const id = sentence[i];
    const n = lexicon.isNoun[id] ? lexicon.numberOf[id] : -1;
    if (n < 0) continue;
    if (first < 0) first = n;
    last = n;
    numbered++;
    plural += n;
  }
  const main = meta.pairs.find((p) => p.role === "main");
  return {
    firstNoun: first,
    lastNoun: last,
    nounMajority: numbered === 0 ? -1 : plural * 2 > numbered ? 1 : 0,
    mainSubject: main === undefined ? -1 : main.number,
  };
}

/** Accuracy of every shortcut, and of always answering the most frequent number (`majorityLabel`). */
export function agreementShortcuts(examples: Iterable<AgreementExample>, lexicon: Lexicon): ShortcutAccuracy {
  let count = 0;
  let plural = 0;
  const hits = { firstNoun: 0, lastNoun: 0, nounMajority: 0, mainSubject: 0 };
  for (const e of examples) {
    const guesses = shortcutGuesses(e, lexicon);
    const target = e.meta.number;
    count++;
    plural += target;
    for (const k of Object.keys(hits) as (keyof typeof hits)[]) if (guesses[k] === target) hits[k]++;
  }
  const rate = (h: number) => (count === 0 ? 0 : h / count);
  return {
    count,
    firstNoun: rate(hits.firstNoun),
    lastNoun: rate(hits.lastNoun),
    nounMajority: rate(hits.nounMajority),
    mainSubject: rate(hits.mainSubject),
    majorityLabel: rate(Math.max(plural, count - plural)),
  };
}

/**
 * The memory-free strategies of {@link shortcutAudit}, each a lookup table from what it sees to the label:
 * - `firstWord`: the sentence's first word (catches determiners or openers that carry number);
 * - `lastNoun`: the number of the last singular/plural noun before the verb (number-neutral nouns skipped);
 * - `nounMajority`: which number most of the other nouns before the verb have (or a tie);
 * - `nounCounts`: the pair (singular nouns, plural nouns) before the verb, the subject's own noun not counted;
 * - `position`: the subject's and the verb's positions (which also fix the distance), no words;
 * - `bigramBeforeVerb`: the two words right before the verb;
 * - `majorityLabel`: nothing — always the more frequent label.
 *
 * The first noun and the main subject are not on the list: when the subject comes first, remembering the first noun
 * *is* the memory under test (they stay in {@link agreementShortcuts}). For the same reason the two counting
 * strategies leave the target subject's own noun out: counted in, it is one vote for the right answer that a model
 * can only use by carrying it from the subject to the verb, and no gap can outvote it where the subject is the only
 * numbered noun (an example with no attractor and nothing before the subject is solved by counting it). With it,
 * the counts score 60–68% on the presets although the gap is label-free (`agreementShortcuts`' `nounMajority`).
 */
export const AUDIT_SHORTCUTS = [
  "firstWord",
  "lastNoun",
  "nounMajority",
  "nounCounts",
  "position",
  "bigramBeforeVerb",
  "majorityLabel",
] as const;
export type AuditShortcut = (typeof AUDIT_SHORTCUTS)[number];

/** One row of {@link shortcutAudit}: a strategy's accuracy on `count` test examples. */
export interface ShortcutScore {
  readonly name: AuditShortcut;
  readonly accuracy: number;
  readonly count: number;
}

export interface AuditOptions {
  /** Only agreement pairs at least this far from subject to verb count (default 4: closer in, the last noun is the subject, which is short memory, not a shortcut). */
  readonly minDistance?: number;
  /**
   * `"target"` (default): the pair the label asks about (`meta.subject`, `meta.verb`, `meta.number`); `"all"`: every
   * agreement pair of the sentence (`meta.pairs`), as the language-model framing scores every agreeing verb. The gap
   * rule balances the target pair only, so other pairs can show shortcuts.
   */
  readonly pairs?: "target" | "all";
}

/** One agreement pair to audit: the words before `verb` are what a strategy sees, `number` is the answer. */
interface Case {
  readonly sentence: Int32Array;
  readonly subject: number;
  readonly verb: number;
  readonly number: number;
}

/** The cases of `examples` at distance ≥ `minDistance`: each example's target pair, or every pair. */
function* cases(examples: Iterable<AgreementExample>, all: boolean, minDistance: number): Generator<Case> {
  for (const { sentence, meta } of examples) {
    if (!all) {
      if (meta.distance >= minDistance) yield { sentence, subject: meta.subject, verb: meta.verb, number: meta.number };
      continue;
    }
    for (const p of meta.pairs) {
      if (p.verb - p.subject >= minDistance) yield { sentence, subject: p.subject, verb: p.verb, number: p.number };
    }
  }
}

/** What each strategy looks at, as a lookup key. */
function auditKeys({ sentence, subject, verb }: Case, lexicon: Lexicon): string[] {
  let last = -1;
  let singular = 0;
  let plural = 0;
  for (let i = 0; i < verb; i++) {
    const id = sentence[i];
    const n = lexicon.isNoun[id] ? lexicon.numberOf[id] : -1;
    if (n < 0) continue;
    last = n;
    if (i === subject) continue;
    if (n === 1) plural++;
    else singular++;
  }
  return [
    String(sentence[0]),
    String(last),
    String(Math.sign(plural - singular)),
    `${singular},${plural}`,
    `${subject},${verb}`,
    `${verb >= 2 ? sentence[verb - 2] : -1},${sentence[verb - 1]}`,
    "",
  ];
}

/**
 * Audits a dataset for shortcuts: fits each memory-free strategy of {@link AUDIT_SHORTCUTS} (a table from what it
 * sees to the more frequent number) on the `fit` examples and scores it on the `test` examples, both counted only
 * for agreement pairs at distance ≥ `minDistance` (the target pair of each example, or every pair with
 * `pairs: "all"`). Fitting on separate examples keeps sparse keys (positions, bigrams) from scoring by memorising
 * the test set. A key the fit never saw, or saw equally often with both numbers, gets the fit's more frequent
 * number. The answer is the pair's subject number in every framing. A dataset that teaches memory keeps every row
 * near 50%.
 *
 * @example
 * const gen = new AgreementGenerator("default");
 * shortcutAudit(generateAgreement(1, "default", 4000), generateAgreement(2, "default", 4000), gen.lexicon);
 * // [{ name: "firstWord", accuracy: 0.50, count: 4000 }, …]
 */
export function shortcutAudit(
  fit: Iterable<AgreementExample>,
  test: Iterable<AgreementExample>,
  lexicon: Lexicon,
  options: AuditOptions = {},
): ShortcutScore[] {
  const fn = "shortcutAudit";
  const minDistance = checkInt(fn, "options.minDistance", options.minDistance ?? 4, 0);
  const all = checkOneOf(fn, "options.pairs", options.pairs ?? "target", ["target", "all"]) === "all";
  const tables = AUDIT_SHORTCUTS.map(() => new Map<string, [number, number]>());
  const labels = [0, 0];
  for (const c of cases(fit, all, minDistance)) {
    const number = c.number;
    labels[number]++;
    auditKeys(c, lexicon).forEach((key, s) => {
      const row = tables[s].get(key);
      if (row === undefined) tables[s].set(key, number === 0 ? [1, 0] : [0, 1]);
      else row[number]++;
    });
  }
  const fallback = labels[1] > labels[0] ? 1 : 0;
  const hits = AUDIT_SHORTCUTS.map(() => 0);
  let count = 0;
  for (const c of cases(test, all, minDistance)) {
    count++;
    auditKeys(c, lexicon).forEach((key, s) => {
      const row = tables[s].get(key);
      const guess = row === undefined || row[0] === row[1] ? fallback : row[1] > row[0] ? 1 : 0;
      if (guess === c.number) hits[s]++;
    });
  }
  return AUDIT_SHORTCUTS.map((name, s) => ({ name, accuracy: count === 0 ? 0 : hits[s] / count, count }));
}
