import { Vocabulary } from "../vocabulary";
import { checkInt } from "../validate";
import * as W from "./words";

/** How many entries of each word list the grammar uses (a prefix of each list): the vocabulary-size knob. */
export interface LexiconSizes {
  /** People and animals (subjects and attractors). */
  readonly animate: number;
  /** Places, objects and food (objects of prepositions and verbs). */
  readonly inanimate: number;
  /** Attributive adjectives. */
  readonly adjectives: number;
  /** Entries kept from each verb list (copulas excepted). */
  readonly verbs: number;
}

/** The largest and smallest accepted {@link LexiconSizes}. */
export const LEXICON_LIMITS: { readonly [K in keyof LexiconSizes]: readonly [number, number] } = {
  animate: [2, W.ANIMATE_NOUNS.length],
  inanimate: [3, W.INANIMATE_NOUNS.length],
  adjectives: [1, W.ADJECTIVES.length],
  verbs: [1, Math.max(W.TRANSITIVE_VERBS.length, W.PAST_TRANSITIVE_VERBS.length, W.PAST_INTRANSITIVE_VERBS.length)],
};

/** Bit flags of noun kinds; a verb's or preposition's allowed objects are an OR of them. */
export const KIND = { animate: 1, place: 2, object: 4, food: 8 } as const;

/** Grammatical number of a token: 0 singular, 1 plural, −1 neither (not a noun or verb, or number-neutral). */
export type TokenNumber = 0 | 1 | -1;

/**
 * The id tables the generator works from: every word of the active word lists, in a {@link Vocabulary} whose order
 * is fixed by the sizes (so a configuration always yields the same ids).
 */
export class Lexicon {
  readonly vocabulary: Vocabulary;
  readonly sizes: LexiconSizes;
  /** Countable nouns ("lemmas"): animate ones first (`0 … animate−1`), then inanimate ones. */
  readonly nounSingular: Int32Array;
  readonly nounPlural: Int32Array;
  readonly nounKind: Uint8Array;
  /** Number-neutral nouns (ids) and their kind bits. */
  readonly neutral: Int32Array;
  readonly neutralKind: Uint8Array;
  readonly adjectives: Int32Array;
  readonly predicateAdjectives: Int32Array;
  readonly copulaSingular: Int32Array;
  readonly copulaPlural: Int32Array;
  readonly transitiveSingular: Int32Array;
  readonly transitivePlural: Int32Array;
  readonly transitiveObjects: Uint8Array;
  /**
   * Indices into the transitive lists of verbs whose object may be animate (used in object relative clauses);
   * never empty, since the list starts with "chases".
   */
  readonly relativeVerbs: Int32Array;
  readonly intransitiveSingular: Int32Array;
  readonly intransitivePlural: Int32Array;
  readonly complementSingular: Int32Array;
  readonly complementPlural: Int32Array;
  readonly pastTransitive: Int32Array;
  readonly pastTransitiveObjects: Uint8Array;
  readonly pastIntransitive: Int32Array;
  readonly pastInanimate: Int32Array;
  /** Kind bits of the nouns each `pastInanimate` verb fits as its subject. */
  readonly pastInanimateSubjects: Uint8Array;
  /** Per entry of `adjectives`: its {@link W.ADJECTIVE_CLASS} (opinion 0, size 1, age 2, colour 3). */
  readonly adjectiveClass: Uint8Array;
  /** Predicate adjectives that read well before a noun (the second adjective of a one-adjective lexicon). */
  readonly attributivePredicates: Int32Array;
  readonly prepositions: Int32Array;
  readonly prepositionObjects: Uint8Array;
  readonly clauseAdverbs: Int32Array;
  readonly preverbalAdverbs: Int32Array;
  readonly mannerAdverbs: Int32Array;
  readonly sentenceAdverbs: Int32Array;
  readonly bareOpeners: Int32Array;
  readonly subordinators: Int32Array;
  readonly animateRelatives: Int32Array;
  readonly inanimateRelatives: Int32Array;
  /** "that": relative pronoun and complementiser alike. */
  readonly that: number;
  readonly comma: number;
  readonly period: number;
  readonly the: number;
  readonly a: number;
  readonly an: number;
  readonly this: number;
  readonly some: number;
  readonly these: number;
  /** Per vocabulary id: 1 if the word starts with a vowel letter (takes "an"). */
  readonly vowelInitial: Uint8Array;
  /** Per vocabulary id: the grammatical number of a noun or agreeing verb form, −1 otherwise. */
  readonly numberOf: Int8Array;
  /** Per vocabulary id: the other-number form of an agreeing verb ("is" ↔ "are"), −1 otherwise. */
  readonly otherForm: Int32Array;
  /** Per vocabulary id: 1 for nouns (countable or neutral). */
  readonly isNoun: Uint8Array;

  constructor(sizes: LexiconSizes) {
    for (const key of Object.keys(LEXICON_LIMITS) as (keyof LexiconSizes)[]) {
      const [lo, hi] = LEXICON_LIMITS[key];
      checkInt("Lexicon", `sizes.${key}`, sizes?.[key], lo, hi);
    }
    this.sizes = { ...sizes };
    const animate = W.ANIMATE_NOUNS.slice(0, sizes.animate);
    const inanimate = W.INANIMATE_NOUNS.slice(0, sizes.inanimate);
    const take = <T>(list: readonly T[]) => list.slice(0, sizes.verbs);
    const transitive = take(W.TRANSITIVE_VERBS);
    const intransitive = take(W.INTRANSITIVE_VERBS);
    const complement = take(W.COMPLEMENT_VERBS);
    const pastTransitive = take(W.PAST_TRANSITIVE_VERBS);
    const pastIntransitive = take(W.PAST_INTRANSITIVE_VERBS);
    const pastInanimate = take(W.PAST_INANIMATE_VERBS);
    const adjectives = W.ADJECTIVES.slice(0, sizes.adjectives);

    // Every word once, in a fixed order: the vocabulary is a pure function of the sizes.
    const words: string[] = [];
    const seen = new Set<string>();
    const add = (w: string) => {
      if (!seen.has(w)) {
        seen.add(w);
        words.push(w);
      }
    };
    [",", ".", "the", "a", "an", "this", "some", "these"].forEach(add);
    [...W.ANIMATE_RELATIVES, ...W.INANIMATE_RELATIVES].forEach(add);
    [...W.SUBORDINATORS, ...W.SENTENCE_ADVERBS, ...W.BARE_OPENERS].forEach(add);
    [...W.CLAUSE_ADVERBS, ...W.PREVERBAL_ADVERBS, ...W.MANNER_ADVERBS].forEach(add);
    W.PREPOSITIONS.forEach(([p]) => add(p));
    [...adjectives, ...W.PREDICATE_ADJECTIVES].forEach(add);
    animate.forEach(([s, p]) => (add(s), add(p)));
    inanimate.forEach(([s, p]) => (add(s), add(p)));
    W.NEUTRAL_NOUNS.forEach(([w]) => add(w));
    W.COPULAS.forEach(([s, p]) => (add(s), add(p)));
    [...transitive, ...intransitive, ...complement].forEach(([s, p]) => (add(s), add(p)));
    pastTransitive.forEach(([v]) => add(v));
    pastIntransitive.forEach(add);
    pastInanimate.forEach(([v]) => add(v));
    const vocab = new Vocabulary(words);
    this.vocabulary = vocab;
    const ids = (list: readonly string[]) => Int32Array.from(list, (w) => vocab.id(w));
    const kinds = (list: readonly W.NounKind[]) => list.reduce((m, k) => m | KIND[k], 0);

    this.nounSingular = ids([...animate.map((n) => n[0]), ...inanimate.map((n) => n[0])]);
    this.nounPlural = ids([...animate.map((n) => n[1]), ...inanimate.map((n) => n[1])]);
    this.nounKind = Uint8Array.from([...animate.map(() => KIND.animate), ...inanimate.map((n) => KIND[n[2]])]);
    this.neutral = ids(W.NEUTRAL_NOUNS.map((n) => n[0]));
    this.neutralKind = Uint8Array.from(W.NEUTRAL_NOUNS, (n) => KIND[n[1]]);
    this.adjectives = ids(adjectives);
    this.predicateAdjectives = ids(W.PREDICATE_ADJECTIVES);
    this.copulaSingular = ids(W.COPULAS.map((v) => v[0]));
    this.copulaPlural = ids(W.COPULAS.map((v) => v[1]));
    this.transitiveSingular = ids(transitive.map((v) => v[0]));
    this.transitivePlural = ids(transitive.map((v) => v[1]));
    this.transitiveObjects = Uint8Array.from(transitive, (v) => kinds(v[2]));
    this.relativeVerbs = Int32Array.from(transitive.flatMap((v, i) => ((kinds(v[2]) & KIND.animate) !== 0 ? [i] : [])));
    this.intransitiveSingular = ids(intransitive.map((v) => v[0]));
    this.intransitivePlural = ids(intransitive.map((v) => v[1]));
    this.complementSingular = ids(complement.map((v) => v[0]));
    this.complementPlural = ids(complement.map((v) => v[1]));
    this.pastTransitive = ids(pastTransitive.map((v) => v[0]));
    this.pastTransitiveObjects = Uint8Array.from(pastTransitive, (v) => kinds(v[1]));
    this.pastIntransitive = ids(pastIntransitive);
    this.pastInanimate = ids(pastInanimate.map((v) => v[0]));
    this.pastInanimateSubjects = Uint8Array.from(pastInanimate, (v) => kinds(v[1]));
    this.adjectiveClass = Uint8Array.from(adjectives, (a) => W.ADJECTIVE_CLASS[a]);
    this.attributivePredicates = ids(W.ATTRIBUTIVE_PREDICATES);
    this.prepositions = ids(W.PREPOSITIONS.map((p) => p[0]));
    this.prepositionObjects = Uint8Array.from(W.PREPOSITIONS, (p) => kinds(p[1]));
    this.clauseAdverbs = ids(W.CLAUSE_ADVERBS);
    this.preverbalAdverbs = ids(W.PREVERBAL_ADVERBS);
    this.mannerAdverbs = ids(W.MANNER_ADVERBS);
    this.sentenceAdverbs = ids(W.SENTENCE_ADVERBS);
    this.bareOpeners = ids(W.BARE_OPENERS);
    this.subordinators = ids(W.SUBORDINATORS);
    this.animateRelatives = ids(W.ANIMATE_RELATIVES);
    this.inanimateRelatives = ids(W.INANIMATE_RELATIVES);
    [this.that, this.comma, this.period, this.the, this.a, this.an, this.this, this.some, this.these] = Array.from(
      ids(["that", ",", ".", "the", "a", "an", "this", "some", "these"]),
    );

    const n = vocab.size;
    this.vowelInitial = new Uint8Array(n);
    for (let id = 4; id < n; id++) this.vowelInitial[id] = "aeiou".includes(vocab.word(id)[0]) ? 1 : 0;
    this.numberOf = new Int8Array(n).fill(-1);
    this.otherForm = new Int32Array(n).fill(-1);
    this.isNoun = new Uint8Array(n);
    for (let i = 0; i < this.nounSingular.length; i++) {
      this.numberOf[this.nounSingular[i]] = 0;
      this.numberOf[this.nounPlural[i]] = 1;
      this.isNoun[this.nounSingular[i]] = 1;
      this.isNoun[this.nounPlural[i]] = 1;
    }
    for (const id of this.neutral) this.isNoun[id] = 1;
    const pairs: [Int32Array, Int32Array][] = [
      [this.copulaSingular, this.copulaPlural],
      [this.transitiveSingular, this.transitivePlural],
      [this.intransitiveSingular, this.intransitivePlural],
      [this.complementSingular, this.complementPlural],
    ];
    for (const [sg, pl] of pairs) {
      for (let i = 0; i < sg.length; i++) {
        this.numberOf[sg[i]] = 0;
        this.numberOf[pl[i]] = 1;
        this.otherForm[sg[i]] = pl[i];
        this.otherForm[pl[i]] = sg[i];
      }
    }
  }
}

/** The full word lists. */
export const FULL_LEXICON: LexiconSizes = {
  animate: LEXICON_LIMITS.animate[1],
  inanimate: LEXICON_LIMITS.inanimate[1],
  adjectives: LEXICON_LIMITS.adjectives[1],
  verbs: LEXICON_LIMITS.verbs[1],
};
