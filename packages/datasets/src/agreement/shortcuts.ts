import type { AgreementExample } from "./generator";
import type { Lexicon } from "./lexicon";

/**
 * Memory-free strategies for guessing the target number from the words before the target verb. A model that scores
 * no better than these has not learned to hold the right subject's number. Linzen et al. (2016) discuss the
 * "last noun" heuristic; REFERENCE §5 the first-noun latch that solves agreement with a subject at position 0.
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
