// The state the agreement generator's passes share: the word tables of one configuration (`GrammarTables`, built
// once) and the sentence being written (`Draft`, reused for every example: id buffer, noun-phrase and verb slots,
// words used so far). The passes are functions of a draft: layout.ts and material.ts write the structure with
// placeholders, numbers.ts picks each noun's number, realize.ts writes the words and builds the example.
import type { Random } from "@vanish/core";
import { type AgreementConfig, nounCost } from "./config";
import { KIND, type Lexicon } from "./lexicon";

/** `nounPhrases.number` of a number-neutral noun ("the sheep"). */
export const NEUTRAL = 2;
/** `verbs.role` codes, indexing {@link ROLES}. */
export const ROLE_PREFIX = 0;
export const ROLE_MAIN = 1;
export const ROLE_RELATIVE = 2;
export const ROLES = ["prefix", "main", "relative"] as const;

/** Lookup tables derived from a configuration and its lexicon, shared by every sentence. */
export class GrammarTables {
  /** Tokens per noun of the densest material (3 with PPs, 4 without). */
  readonly cost: number;
  /** Lemma indices that may head an agreeing subject (held-out nouns removed). */
  readonly subjectPool: Int32Array;
  /** The held-out lemma indices, and a mask of them by lemma. */
  readonly heldOutPool: Int32Array;
  readonly heldOutSet: Uint8Array;
  /** By kind bit: lemma indices for free (non-subject) noun slots. */
  readonly freePool: Int32Array[] = [];
  /** By kind bit: number-neutral noun ids. */
  readonly neutralPool: Int32Array[] = [];
  /** By kind mask: the kind bits it holds. */
  readonly kindsOf: Uint8Array[] = [];
  /** By kind bit: transitive verb indices whose object fits an object relative clause's head of that kind. */
  readonly relativeVerbsFor: Int32Array[] = [];
  /** By kind bit: past intransitive verbs whose subject fits it (empty for places: they take no such clause). */
  readonly inanimateVerbsFor: Int32Array[] = [];
  /** 0 … transitive verbs − 1. */
  readonly allTransitive: Int32Array;

  constructor(
    readonly config: AgreementConfig,
    readonly lexicon: Lexicon,
  ) {
    const lex = lexicon;
    this.cost = nounCost(config.material);
    const animate = config.lexicon.animate;
    const held = config.heldOutNouns;
    this.subjectPool = range(0, animate - held);
    this.heldOutPool = range(animate - held, animate);
    this.heldOutSet = new Uint8Array(lex.nounSingular.length);
    for (const i of this.heldOutPool) this.heldOutSet[i] = 1;
    for (const bit of [KIND.animate, KIND.place, KIND.object, KIND.food]) {
      const free: number[] = [];
      for (let i = 0; i < lex.nounKind.length; i++) {
        if (lex.nounKind[i] === bit && !(config.heldOutRole === "all" && this.heldOutSet[i])) free.push(i);
      }
      this.freePool[bit] = Int32Array.from(free);
      this.neutralPool[bit] = Int32Array.from(lex.neutral.filter((_, i) => lex.neutralKind[i] === bit));
      const verbs = Array.from(lex.relativeVerbs).filter((v) => (lex.transitiveObjects[v] & bit) !== 0);
      this.relativeVerbsFor[bit] = verbs.length > 0 ? Int32Array.from(verbs) : lex.relativeVerbs;
      this.inanimateVerbsFor[bit] = lex.pastInanimate.filter((_, i) => (lex.pastInanimateSubjects[i] & bit) !== 0);
    }
    this.allTransitive = range(0, lex.transitiveSingular.length);
    for (let mask = 1; mask < 16; mask++) {
      this.kindsOf[mask] = Uint8Array.from([1, 2, 4, 8].filter((b) => (mask & b) !== 0));
    }
  }
}

/** The noun-phrase slots of a draft, one entry per slot (struct of arrays). */
export class NounPhrases {
  /** Position of the determiner placeholder. */
  determinerAt = new Int32Array(0);
  /** Position of the noun placeholder. */
  nounAt = new Int32Array(0);
  /** Kind bit (`KIND`). */
  kind = new Uint8Array(0);
  /** 1 when a verb agrees with this noun (a subject). */
  agrees = new Uint8Array(0);
  /** 0 singular, 1 plural, {@link NEUTRAL}; −1 while numbers are being assigned. */
  number = new Int8Array(0);
  count = 0;

  reserve(cap: number): void {
    this.determinerAt = new Int32Array(cap);
    this.nounAt = new Int32Array(cap);
    this.kind = new Uint8Array(cap);
    this.agrees = new Uint8Array(cap);
    this.number = new Int8Array(cap);
  }
}

/** The agreeing-verb slots of a draft, one entry per verb (struct of arrays). */
export class AgreeingVerbs {
  /** Position of the verb placeholder. */
  at = new Int32Array(0);
  /** The noun-phrase slot of its subject. */
  subject = new Int32Array(0);
  /** Vocabulary ids of its two forms. */
  singularId = new Int32Array(0);
  pluralId = new Int32Array(0);
  /** −1 prefix clause, 0 main clause, k the k-th nested object relative clause. */
  depth = new Int32Array(0);
  /** `ROLE_PREFIX`, `ROLE_MAIN` or `ROLE_RELATIVE`. */
  role = new Uint8Array(0);
  count = 0;

  reserve(cap: number): void {
    this.at = new Int32Array(cap);
    this.subject = new Int32Array(cap);
    this.singularId = new Int32Array(cap);
    this.pluralId = new Int32Array(cap);
    this.depth = new Int32Array(cap);
    this.role = new Uint8Array(cap);
  }
}

/** The sentence being written: reused for every example of a generator. */
export class Draft {
  readonly lexicon: Lexicon;
  readonly config: AgreementConfig;
  rng!: Random;
  /** Whether this layout attempt packs the gap with nouns (see `LOOSE_ATTEMPTS` in generator.ts). */
  dense = false;
  /** Token ids, placeholders −1 until realize.ts writes them; `length` of them written. */
  tokens = new Int32Array(0);
  length = 0;
  /** Kind bit of the last noun written: what a relative clause or PP that follows attaches to. */
  attach: number = KIND.animate;
  /** `AgreementMeta.structure` so far. */
  structure = "";
  readonly nounPhrases = new NounPhrases();
  readonly verbs = new AgreeingVerbs();
  /** Scratch list of noun-phrase slots (the target gap's, in numbers.ts). */
  scratch = new Int32Array(0);
  /** Per enclosing level: its subject's slot, the kind its relative clause attaches to, material after it. */
  readonly enclosingSubject: Int32Array;
  readonly enclosingHead: Uint8Array;
  readonly enclosingPost: Int32Array;
  /** Words used so far (adverbs, openers, subordinators): a mask by id and the ids set in it. */
  readonly used: Uint8Array;
  readonly usedIds: Int32Array;
  usedCount = 0;
  /** Sentence adverbs ("meanwhile ,") opening chunks of the prefix so far. */
  openers = 0;
  /** Where layout.ts put the target pair: its subject's slot and its verb's slot. */
  targetSlot = 0;
  targetVerb = 0;
  /** The gap rule's draw (numbers.ts): attractors and same-number nouns in the target gap. */
  attractors = 0;
  same = 0;

  constructor(readonly tables: GrammarTables) {
    this.lexicon = tables.lexicon;
    this.config = tables.config;
    const levels = this.config.nesting[1] + 1;
    this.enclosingSubject = new Int32Array(levels);
    this.enclosingHead = new Uint8Array(levels);
    this.enclosingPost = new Int32Array(levels);
    this.used = new Uint8Array(this.lexicon.vocabulary.size);
    this.usedIds = new Int32Array(this.lexicon.vocabulary.size);
  }

  /** Sizes the buffers for sentences of up to `cap` tokens (every slot array is indexed below that). */
  reserve(cap: number): void {
    if (cap <= this.tokens.length) return;
    this.tokens = new Int32Array(cap);
    this.nounPhrases.reserve(cap);
    this.verbs.reserve(cap);
    this.scratch = new Int32Array(cap);
  }

  /** Empties the draft for a new layout attempt. */
  reset(): void {
    this.length = 0;
    this.nounPhrases.count = 0;
    this.verbs.count = 0;
    this.structure = "";
    for (let i = 0; i < this.usedCount; i++) this.used[this.usedIds[i]] = 0;
    this.usedCount = 0;
    this.openers = 0;
  }

  /** Appends a token. */
  push(id: number): void {
    this.tokens[this.length++] = id;
  }

  /** Appends a code to the structure string (V8 concatenation builds a rope: no copying per call). */
  mark(code: string): void {
    this.structure = this.structure === "" ? code : this.structure + " " + code;
  }
}

/** `from, from + 1, …, to − 1`. */
export function range(from: number, to: number): Int32Array {
  const out = new Int32Array(Math.max(0, to - from));
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  return out;
}
