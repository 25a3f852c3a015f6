// What the agreement generator returns: one example, its metadata and its agreement pairs, and the per-example
// overrides `AgreementGenerator.sample` accepts.
import type { IntRangeLike } from "../validate";
import type { Framing } from "./config";

/** One subject–verb agreement pair of a sentence (positions index `sentence`). */
export interface AgreementPair {
  /** Position of the subject's head noun. */
  readonly subject: number;
  /** Position of the agreeing verb. */
  readonly verb: number;
  /** 0 singular, 1 plural. */
  readonly number: 0 | 1;
  /** −1 for a prefix clause, 0 for the main clause, k for the k-th nested object relative clause. */
  readonly depth: number;
  readonly role: "prefix" | "main" | "relative";
  /** Opposite-number nouns strictly between subject and verb. */
  readonly attractors: number;
  /** Vocabulary ids of the right and the wrong verb form. */
  readonly correct: number;
  readonly wrong: number;
}

/** What every example records about itself. Positions index `sentence`. */
export interface AgreementMeta {
  readonly framing: Framing;
  /** Number of the target subject: 0 singular, 1 plural. */
  readonly number: 0 | 1;
  /** Position of the target subject's head noun. */
  readonly subject: number;
  /** Position of the target verb. */
  readonly verb: number;
  /** `verb − subject`. */
  readonly distance: number;
  /** Opposite-number nouns strictly between the target subject and verb. */
  readonly attractors: number;
  /** Nesting level of the target pair (0 = main clause). */
  readonly depth: number;
  /** Levels of object relative clauses in the sentence. */
  readonly nesting: number;
  /** Tokens before the main subject's noun phrase. */
  readonly prefix: number;
  /** Tokens in the full sentence. */
  readonly length: number;
  /** Ids of the right and wrong target verb forms. */
  readonly correct: number;
  readonly wrong: number;
  /** False only for grammaticality examples whose target verb was swapped. */
  readonly grammatical: boolean;
  /** Whether the target subject is one of the held-out nouns. */
  readonly heldOut: boolean;
  /**
   * The clause structure: prefix chunks (`adv,` `pp,` `sub,` `comp` `adv`), subjects `S`, verbs `V`, the target pair
   * starred, `[` … `]` an object relative clause, `pp` a prepositional phrase, `rc` a number-neutral relative clause,
   * `adv` a pre-verbal adverb.
   */
  readonly structure: string;
  /** Every agreement pair of the sentence, in verb order. */
  readonly pairs: readonly AgreementPair[];
}

/** One generated example. */
export interface AgreementExample {
  /**
   * The complete, grammatical sentence (vocabulary ids, ending with "."). Generated examples' arrays are views into
   * shared slabs, never overlapping; `.slice()` one to detach it from its slab.
   */
  readonly sentence: Int32Array;
  /**
   * What the model reads: `"number"` the words before the target verb (a view of `sentence`); `"lm"` the sentence;
   * `"grammaticality"` the sentence with the target verb possibly swapped.
   */
  readonly ids: Int32Array;
  /** `"number"` and `"lm"`: the target number (0/1); `"grammaticality"`: 1 grammatical, 0 not. */
  readonly label: number;
  readonly meta: AgreementMeta;
}

/** Per-example overrides (used for bucketed test sets and splits). */
export interface SampleOptions {
  /** Distance of the target pair: exact or a range (must lie inside what the structure allows). */
  readonly distance?: IntRangeLike;
  /** Exact or ranged attractor count of the target pair. */
  readonly attractors?: IntRangeLike;
  /** Force the target subject's number. */
  readonly number?: 0 | 1;
  /** Draw the target subject from the held-out nouns (the generalisation split). */
  readonly heldOut?: boolean;
}
