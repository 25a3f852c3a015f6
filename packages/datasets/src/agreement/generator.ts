// Subject–verb agreement sentences with controlled distance, attractors and nesting, after the number-prediction task
// of Linzen, Dupoux & Goldberg (2016, "Assessing the ability of LSTMs to learn syntax-sensitive dependencies", TACL 4)
// and their hierarchical toy language (nested S1 S2 V2 V1 agreement).
//
// A sentence is built in two passes over a reusable id buffer. Pass 1 lays out the structure with placeholders for
// determiners, nouns and agreeing verbs, to exact token budgets (prefix length, target distance). Pass 2 decides each
// noun's number — `attractors` opposite-number and as many (in distribution) same-number nouns inside the target
// gap, the rest of the gap number-neutral, so the gap says nothing about the label — and writes the words.
import type { Random } from "@vanish/core";
import { type IntRangeLike, checkOneOf, checkRange } from "../validate";
import {
  type AgreementConfig,
  type ConfigLike,
  type Framing,
  agreementConfig,
  maxAttractorsFor,
  minDistanceFor,
  nounCost,
} from "./config";
import { KIND, Lexicon } from "./lexicon";
import type { Vocabulary } from "../vocabulary";

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

const FN = "AgreementGenerator.sample";
const NEUTRAL = 2;
const ROLE_PREFIX = 0;
const ROLE_MAIN = 1;
const ROLE_RELATIVE = 2;
const ROLES = ["prefix", "main", "relative"] as const;
/** Ids per slab that example sentences are carved from (256 KB). */
const SLAB_SIZE = 65536;
/** Attempts at a structure with enough noun slots for the attractors before switching to the noun-dense layout. */
const LOOSE_ATTEMPTS = 3;
/** Joint draws of the gap's attractor and same-number counts before k′ is clamped to fit. */
const GAP_ATTEMPTS = 64;

/**
 * Generates agreement examples for one configuration. Not thread-safe; cheap to construct. Each call to
 * {@link AgreementGenerator.sample} draws from the given generator only, so a stream is a pure function of its seed.
 *
 * @example
 * const gen = new AgreementGenerator("default");
 * const ex = gen.sample(new Random(1));
 * gen.vocabulary.decode(ex.sentence).join(" ");
 */
export class AgreementGenerator {
  readonly config: AgreementConfig;
  readonly lexicon: Lexicon;
  readonly vocabulary: Vocabulary;
  /** Upper bound on the length of any sentence of this configuration (a forced longer distance adds its excess). */
  readonly maxLength: number;
  /** Tokens per noun of the densest material (3 with PPs, 4 without). */
  private readonly cost: number;

  private rng!: Random;
  private dense = false;
  private tok: Int32Array;
  private n = 0;
  private attach: number = KIND.animate;
  private structure = "";
  // Noun-phrase slots: determiner and noun positions, kind bit, agreeing subject?, number (0, 1, NEUTRAL).
  private sDet: Int32Array;
  private sNoun: Int32Array;
  private sKind: Uint8Array;
  private sAgree: Uint8Array;
  private sNum: Int8Array;
  private ns = 0;
  // Agreeing-verb slots: position, subject slot, singular and plural ids, depth, role.
  private vPos: Int32Array;
  private vSubj: Int32Array;
  private vSg: Int32Array;
  private vPl: Int32Array;
  private vDepth: Int32Array;
  private vRole: Uint8Array;
  private nv = 0;
  private slab = new Int32Array(0);
  private slabUsed = 0;
  private scratch: Int32Array;
  private readonly enclosingPost: Int32Array;
  private readonly enclosingSubj: Int32Array;
  private readonly enclosingHead: Uint8Array;
  // Pools: lemma indices for agreeing subjects (held-out nouns removed), the held-out nouns, free slots per kind bit,
  // number-neutral ids per kind bit, and the object-relative verbs whose object fits a head of each kind.
  private readonly subjectPool: Int32Array;
  private readonly heldOutPool: Int32Array;
  private readonly heldOutSet: Uint8Array;
  private readonly freePool: Int32Array[] = [];
  private readonly neutralPool: Int32Array[] = [];
  private readonly kindsOf: Uint8Array[] = [];
  private readonly relativeVerbsFor: Int32Array[] = [];
  /** 0 … transitive verbs − 1. */
  private readonly allTransitive: Int32Array;
  /** Past intransitive verbs whose subject fits each kind bit (empty for places: they take no such clause). */
  private readonly inanimateVerbsFor: Int32Array[] = [];
  // Words used so far in the sentence (adverbs, openers, subordinators): a mask by id and the ids to clear.
  private readonly used: Uint8Array;
  private readonly usedIds: Int32Array;
  private nUsed = 0;
  /** Sentence adverbs ("meanwhile ,") opening chunks of the prefix so far. */
  private openers = 0;

  /** @param config a configuration, options or preset name (validated with `agreementConfig`). */
  constructor(options: ConfigLike = "default") {
    const config = agreementConfig(options);
    this.config = config;
    const lex = new Lexicon(config.lexicon);
    this.lexicon = lex;
    this.vocabulary = lex.vocabulary;
    const { prefix, nesting, enclosing, distance } = config;
    this.maxLength = prefix[1] + nesting[1] * (enclosing[1] + 5) + distance[1] + 16;
    this.cost = nounCost(config.material);
    this.tok = new Int32Array(0);
    this.sDet = this.sNoun = this.vPos = this.vSubj = this.vSg = this.vPl = this.vDepth = this.scratch = this.tok;
    this.sKind = this.sAgree = this.vRole = new Uint8Array(0);
    this.sNum = new Int8Array(0);
    this.reserve(this.maxLength);
    this.enclosingPost = new Int32Array(nesting[1] + 1);
    this.enclosingSubj = new Int32Array(nesting[1] + 1);
    this.enclosingHead = new Uint8Array(nesting[1] + 1);

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
    this.used = new Uint8Array(this.vocabulary.size);
    this.usedIds = new Int32Array(this.vocabulary.size);
    for (let mask = 1; mask < 16; mask++) {
      this.kindsOf[mask] = Uint8Array.from([1, 2, 4, 8].filter((b) => (mask & b) !== 0));
    }
  }

  /** Sizes the per-sentence buffers for sentences of up to `cap` tokens (every slot array is indexed below that). */
  private reserve(cap: number): void {
    if (cap <= this.tok.length) return;
    this.tok = new Int32Array(cap);
    this.sDet = new Int32Array(cap);
    this.sNoun = new Int32Array(cap);
    this.sKind = new Uint8Array(cap);
    this.sAgree = new Uint8Array(cap);
    this.sNum = new Int8Array(cap);
    this.vPos = new Int32Array(cap);
    this.vSubj = new Int32Array(cap);
    this.vSg = new Int32Array(cap);
    this.vPl = new Int32Array(cap);
    this.vDepth = new Int32Array(cap);
    this.vRole = new Uint8Array(cap);
    this.scratch = new Int32Array(cap);
  }

  /** One example; draws only from `rng`. */
  sample(rng: Random, options: SampleOptions = {}): AgreementExample {
    this.rng = rng;
    const c = this.config;
    const grammatical = unit(rng) >= 0.5; // drawn in every framing, so sentences do not depend on the framing
    const forcedDistance =
      options.distance === undefined ? null : checkRange(FN, "options.distance", options.distance, 1);
    const [aLo, aHi] =
      options.attractors === undefined ? c.attractors : checkRange(FN, "options.attractors", options.attractors, 0);
    const [dLo, dHi] = forcedDistance ?? c.distance;
    // A forced distance beyond the configured range needs longer buffers than `maxLength`.
    if (dHi > c.distance[1]) this.reserve(this.maxLength - c.distance[1] + dHi);
    const label =
      options.number === undefined
        ? unit(rng) < c.pluralRate
          ? 1
          : 0
        : checkOneOf(FN, "options.number", options.number, [0, 1]);
    if (options.heldOut && this.heldOutPool.length === 0) {
      throw new RangeError(`${FN}: options.heldOut needs config.heldOutNouns > 0, got 0`);
    }

    // Nesting and target level; redrawn (a bounded number of times) when the distance range cannot hold them.
    let nesting = 0;
    let level = 0;
    let lo = 0;
    for (let attempt = 0; ; attempt++) {
      nesting = between(rng, c.nesting[0], c.nesting[1]);
      level = c.target === "main" ? 0 : c.target === "deepest" ? nesting : below(rng, nesting + 1);
      lo = Math.max(dLo, minDistanceFor(nesting - level, aLo, this.cost));
      if (lo <= dHi) break;
      if (attempt === 63) {
        throw new RangeError(
          `${FN}: distance [${dLo}, ${dHi}] cannot hold ${nesting - level} nested clause(s) and ${aLo} attractor(s) ` +
            `(needs at least ${minDistanceFor(nesting - level, aLo, this.cost)})`,
        );
      }
    }
    const distance = forcedDistance === null && c.distanceDraw === "logUniform" ? logUniformBetween(rng, lo, dHi) : between(rng, lo, dHi);
    // The gap rule (see AgreementConfig.attractors): k attractors and k′ same-number nouns, drawn independently from
    // the same range and redrawn together, so the pair is exchangeable and the gap's noun numbers do not depend on
    // the label. The gap must hold both (at most `room` nouns) and number its `nested` agreeing subjects.
    const nested = nesting - level;
    const room = maxAttractorsFor(distance, nested, this.cost);
    // At least one numbered noun whenever the range allows one, so the last numbered noun is never the subject.
    const aTop = Math.min(aHi, room);
    const need = Math.max(nested, aTop > 0 ? 1 : 0);
    let attractors = 0;
    let same = 0;
    for (let attempt = 0; ; attempt++) {
      attractors = between(rng, aLo, aTop);
      same = between(rng, aLo, aTop);
      if (attractors + same <= room && attractors + same >= need) break;
      if (attempt === GAP_ATTEMPTS - 1) {
        same = Math.min(room - attractors, Math.max(need - attractors, same));
        break;
      }
    }
    const prefix = between(rng, c.prefix[0], c.prefix[1]);

    // Pass 1: the structure, with enough noun slots in the target gap for the numbered nouns.
    const numbered = attractors + same;
    let targetSlot = 0;
    let targetVerb = 0;
    let candidates = 0;
    for (let attempt = 0; ; attempt++) {
      this.dense = attempt >= LOOSE_ATTEMPTS;
      [targetSlot, targetVerb] = this.layout(prefix, nesting, level, distance);
      candidates = this.gapSlots(this.sNoun[targetSlot], this.vPos[targetVerb], targetSlot);
      if (candidates >= numbered) break;
      if (this.dense) {
        // The dense layout holds maxAttractorsFor(distance, nested) nouns by construction; this is a bug guard.
        throw new Error(`${FN}: the dense layout of distance ${distance} held ${candidates} < ${numbered} nouns`);
      }
    }

    // Pass 2: numbers, then words.
    this.assignNumbers(targetSlot, label, candidates, attractors, same);
    const heldOut = this.realize(targetSlot, options.heldOut === true);
    return this.finish(targetVerb, nesting, prefix, grammatical, heldOut);
  }

  // ---- pass 1 -------------------------------------------------------------------------------------------------

  /** Lays out the whole sentence; returns the target subject's slot and the target verb's slot. */
  private layout(prefix: number, nesting: number, level: number, distance: number): [number, number] {
    const rng = this.rng;
    const lex = this.lexicon;
    this.n = 0;
    this.ns = 0;
    this.nv = 0;
    this.structure = "";
    for (let i = 0; i < this.nUsed; i++) this.used[this.usedIds[i]] = 0;
    this.nUsed = 0;
    this.openers = 0;
    this.prefix(prefix);
    // Enclosing levels 0 … level−1: subject, material, "that" opening the next level.
    const [eLo, eHi] = this.config.enclosing;
    for (let j = 0; j < level; j++) {
      this.enclosingSubj[j] = this.subjectPhrase(false);
      const amount = between(rng, eLo, eHi);
      let pre = below(rng, amount + 1);
      let post = amount - pre;
      if (pre === 1) (pre = 0), (post += 1);
      this.fill(pre, false, true);
      this.enclosingHead[j] = this.attach;
      this.enclosingPost[j] = post;
      this.tok[this.n++] = this.relativePronoun();
      this.mark("[");
    }
    const targetSlot = this.subjectPhrase(true);
    this.gap(distance - 1, nesting - level, level);
    const targetVerb = this.closeClause(targetSlot, level, level > 0 ? this.enclosingHead[level - 1] : 0, true);
    for (let j = level - 1; j >= 0; j--) {
      this.attach = KIND.animate;
      this.fill(this.enclosingPost[j], true, true);
      this.closeClause(this.enclosingSubj[j], j, j > 0 ? this.enclosingHead[j - 1] : 0, false);
    }
    this.tok[this.n++] = lex.period;
    return [targetSlot, targetVerb];
  }

  /** The gap of a clause: exactly `budget` tokens holding `levels` nested object relative clauses. */
  private gap(budget: number, levels: number, depth: number): void {
    if (levels === 0) {
      this.fill(budget, true, false);
      return;
    }
    const free = budget - 4 * levels;
    let pre = 0;
    let inner = free;
    let post = 0;
    if (!this.dense) {
      const a = below(this.rng, free + 1);
      const b = below(this.rng, free + 1);
      pre = Math.min(a, b);
      inner = Math.max(a, b) - pre;
      post = free - pre - inner;
      if (pre === 1) (pre = 0), (post += 1);
      // After the closed clause only a prepositional phrase (or a lone adverb) may follow, so that no relative clause
      // stacks on it; 2 tokens of that would be a bare "near water", 2 tokens inside read better.
      if (post === 2) (inner += 2), (post = 0);
    }
    this.fill(pre, false, true);
    const head = this.attach;
    this.tok[this.n++] = this.relativePronoun();
    this.mark("[");
    const slot = this.nounPhrase(true, KIND.animate, 0);
    this.mark("S");
    this.gap(inner + 4 * (levels - 1), levels - 1, depth + 1);
    const lex = this.lexicon;
    this.verb(slot, lex.transitiveSingular, lex.transitivePlural, this.relativeVerb(head), depth + 1, ROLE_RELATIVE);
    this.mark("V]");
    this.attach = head;
    this.fill(post, true, true);
  }

  /** Writes the verb closing a clause at `level` (main verb and predicate at level 0); returns its verb slot. */
  private closeClause(subjectSlot: number, level: number, head: number, target: boolean): number {
    const lex = this.lexicon;
    const rng = this.rng;
    let v: number;
    if (level > 0) {
      v = this.verb(
        subjectSlot,
        lex.transitiveSingular,
        lex.transitivePlural,
        this.relativeVerb(head),
        level,
        ROLE_RELATIVE,
      );
      this.mark(target ? "V*]" : "V]");
      return v;
    }
    const kind = unit(rng);
    if (kind < 0.4) {
      v = this.verb(
        subjectSlot,
        lex.copulaSingular,
        lex.copulaPlural,
        below(rng, lex.copulaSingular.length),
        0,
        ROLE_MAIN,
      );
      this.tok[this.n++] = pick(rng, lex.predicateAdjectives);
    } else if (kind < 0.7) {
      const t = this.otherVerb(this.allTransitive);
      v = this.verb(subjectSlot, lex.transitiveSingular, lex.transitivePlural, t, 0, ROLE_MAIN);
      this.nounPhrase(false, this.kindFrom(lex.transitiveObjects[t]), unit(rng) < 0.25 ? 1 : 0);
    } else {
      const t = below(rng, lex.intransitiveSingular.length);
      v = this.verb(subjectSlot, lex.intransitiveSingular, lex.intransitivePlural, t, 0, ROLE_MAIN);
      if (unit(rng) < 0.5) this.tok[this.n++] = this.fresh(lex.mannerAdverbs);
    }
    this.mark(target ? "V*" : "V");
    return v;
  }

  /** Exactly `budget` tokens of prefix material before the main subject. */
  private prefix(budget: number): void {
    const rng = this.rng;
    const lex = this.lexicon;
    let left = budget;
    while (left > 0) {
      if (left === 1) {
        this.tok[this.n++] = this.fresh(lex.bareOpeners);
        this.mark("adv");
        break;
      }
      // Chunk kinds that fit: sentence adverb (2), PP + comma (4–6), subordinate clause (5–7), "X says that" (4–5).
      // At most two sentence adverbs by choice ("finally , later , …" is already a lot), one more to end on.
      const fits = left >= 5 ? 4 : left >= 4 ? 3 : 1;
      let choice = below(rng, fits);
      if (choice === 0 && fits > 1 && this.openers >= 2) choice = 1 + below(rng, fits - 1);
      if (choice === 0) {
        this.openers++;
        this.tok[this.n++] = this.fresh(lex.sentenceAdverbs);
        this.tok[this.n++] = lex.comma;
        this.mark("adv,");
        left -= 2;
      } else if (choice === 1) {
        const len = Math.min(left, 4 + adjectiveCount(rng));
        const p = below(rng, lex.prepositions.length);
        this.tok[this.n++] = lex.prepositions[p];
        this.nounPhrase(false, this.kindFrom(lex.prepositionObjects[p]), len - 4);
        this.tok[this.n++] = lex.comma;
        this.mark("pp,");
        left -= len;
      } else if (choice === 2) {
        // "that" clause: subject, complement verb, "that".
        const len = Math.min(left, unit(rng) < 0.25 ? 5 : 4);
        const slot = this.nounPhrase(true, KIND.animate, len - 4);
        this.verb(
          slot,
          lex.complementSingular,
          lex.complementPlural,
          below(rng, lex.complementSingular.length),
          -1,
          ROLE_PREFIX,
        );
        this.tok[this.n++] = lex.that;
        this.mark("comp");
        left -= len;
      } else {
        // Subordinate clause: conjunction, subject, [adverb], intransitive verb, comma.
        const len = Math.min(left, 5 + (unit(rng) < 0.3 ? 1 : 0) + (unit(rng) < 0.2 ? 1 : 0));
        const extra = len - 5;
        const adverb = extra === 2 || (extra === 1 && unit(rng) < 0.5) ? 1 : 0;
        this.tok[this.n++] = this.fresh(lex.subordinators);
        const slot = this.nounPhrase(true, KIND.animate, extra - adverb);
        if (adverb) this.tok[this.n++] = this.fresh(lex.preverbalAdverbs);
        this.verb(
          slot,
          lex.intransitiveSingular,
          lex.intransitivePlural,
          below(rng, lex.intransitiveSingular.length),
          -1,
          ROLE_PREFIX,
        );
        this.tok[this.n++] = lex.comma;
        this.mark("sub,");
        left -= len;
      }
    }
  }

  /**
   * Exactly `budget` tokens of prepositional phrases and number-neutral relative clauses, chosen by the `material`
   * weights under two rules that keep the sentence readable: at most one relative clause, on the last noun (the
   * clause's subject or a PP's object), after which only PPs follow (they may attach inside it, but no relative
   * clause stacks on another or sits inside its object); and none at all with `ppOnly` (material right before or
   * after an object relative clause of the nesting knob). Two leftover tokens are "who slept" where a clause may go,
   * else a bare "near water"; a single one becomes a pre-verbal adverb, allowed only right before a verb
   * (`beforeVerb`). Without PPs (`material.pp` 0) relative clauses chain instead.
   */
  private fill(budget: number, beforeVerb: boolean, ppOnly: boolean): void {
    const rng = this.rng;
    const { pp, rc } = this.config.material;
    let left = budget;
    let clauseUsed = ppOnly || rc === 0;
    while (left > 0) {
      if (left === 1) {
        this.tok[this.n++] = this.fresh(this.lexicon.preverbalAdverbs);
        this.mark("adv");
        return;
      }
      if (this.dense && pp === 0) {
        const len = left - 4 === 1 && !beforeVerb ? 3 : Math.min(left, 4);
        this.denseClause(len);
        left -= len;
        continue;
      }
      const clauseOk = pp === 0 || (!clauseUsed && this.clauseFits());
      const usePP = !clauseOk || (left >= 3 && (this.dense || unit(rng) * (pp + rc) < pp));
      if (usePP && left === 2) {
        this.bareNounPP();
        return;
      }
      const animate = this.attach === KIND.animate;
      let max = animate ? 7 : 3;
      let len: number;
      if (usePP) {
        max = 5;
        len = this.dense ? 3 : 3 + adjectiveCount(rng);
      } else {
        len = animate ? relativeLength(rng) : 2 + (unit(rng) < 0.3 ? 1 : 0);
      }
      // Lengths drawn above lie in [min, max]; shorten to what is left, and never leave a lone token mid-clause.
      if (len > left) len = left;
      if (left - len === 1 && !beforeVerb) len = len + 1 <= max ? len + 1 : len - 1;
      if (usePP) this.prepositionalPhrase(len);
      else {
        this.relativeClause(len);
        clauseUsed = pp > 0;
      }
      left -= len;
    }
  }

  /** Whether a relative clause can attach to the last noun: people, animals, and things that have a verb here. */
  private clauseFits(): boolean {
    return this.attach === KIND.animate || this.inanimateVerbsFor[this.attach].length > 0;
  }

  /** "near the (big) (old) dogs": 3–5 tokens. */
  private prepositionalPhrase(len: number): void {
    const lex = this.lexicon;
    const p = below(this.rng, lex.prepositions.length);
    this.tok[this.n++] = lex.prepositions[p];
    this.nounPhrase(false, this.kindFrom(lex.prepositionObjects[p]), len - 3);
    this.mark("pp");
  }

  /** "near water", "with sheep": a preposition and a bare number-neutral noun (2 tokens). */
  private bareNounPP(): void {
    const lex = this.lexicon;
    const p = below(this.rng, lex.prepositions.length);
    this.tok[this.n++] = lex.prepositions[p];
    const kind = this.kindFrom(lex.prepositionObjects[p]);
    this.tok[this.n++] = pick(this.rng, this.neutralPool[kind]);
    this.attach = kind;
    this.mark("pp");
  }

  /** "that (already) ate the (big) (old) fish" on people and animals (2–7 tokens); "which (suddenly) fell" (2–3). */
  private relativeClause(len: number): void {
    const rng = this.rng;
    const lex = this.lexicon;
    const animate = this.attach === KIND.animate;
    this.tok[this.n++] = pick(rng, animate ? lex.animateRelatives : lex.inanimateRelatives);
    if (len <= 3) {
      if (len === 3) this.tok[this.n++] = this.fresh(lex.clauseAdverbs);
      this.tok[this.n++] = pick(rng, animate ? lex.pastIntransitive : this.inanimateVerbs());
    } else {
      // rel [adv] verb det [adj]* noun, with 4 + extra tokens.
      const extra = len - 4;
      const adverb = extra === 3 || (extra > 0 && unit(rng) < 0.5) ? 1 : 0;
      if (adverb) this.tok[this.n++] = this.fresh(lex.clauseAdverbs);
      const v = below(rng, lex.pastTransitive.length);
      this.tok[this.n++] = lex.pastTransitive[v];
      this.nounPhrase(false, this.kindFrom(lex.pastTransitiveObjects[v]), extra - adverb);
    }
    this.mark("rc");
  }

  /** Past intransitive verbs that fit the last noun's kind (all of them for a kind none fits: only without PPs). */
  private inanimateVerbs(): Int32Array {
    const verbs = this.inanimateVerbsFor[this.attach];
    return verbs.length > 0 ? verbs : this.lexicon.pastInanimate;
  }

  /**
   * The noun-dense relative clause when PPs are switched off: "that saw the dogs" (4 tokens, one animate noun, so
   * clauses chain), or for 2–3 leftover tokens "who (already) slept".
   */
  private denseClause(len: number): void {
    const lex = this.lexicon;
    const rng = this.rng;
    this.tok[this.n++] = pick(rng, this.attach === KIND.animate ? lex.animateRelatives : lex.inanimateRelatives);
    if (len === 4) {
      this.tok[this.n++] = lex.pastTransitive[0];
      this.nounPhrase(false, KIND.animate, 0);
    } else {
      if (len === 3) this.tok[this.n++] = this.fresh(lex.clauseAdverbs);
      this.tok[this.n++] = pick(rng, this.attach === KIND.animate ? lex.pastIntransitive : this.inanimateVerbs());
    }
    this.mark("rc");
  }

  /** A subject noun phrase (animate, agreeing), with an adjective a quarter of the time. */
  private subjectPhrase(target: boolean): number {
    const slot = this.nounPhrase(true, KIND.animate, unit(this.rng) < 0.25 ? 1 : 0);
    this.mark(target ? "S*" : "S");
    return slot;
  }

  /** Determiner placeholder, `adjectives` adjectives, noun placeholder; returns the slot. */
  private nounPhrase(agree: boolean, kind: number, adjectives: number): number {
    const s = this.ns++;
    this.sDet[s] = this.n;
    this.tok[this.n++] = -1;
    this.adjectives(adjectives);
    this.sNoun[s] = this.n;
    this.tok[this.n++] = -1;
    this.sKind[s] = kind;
    this.sAgree[s] = agree ? 1 : 0;
    this.attach = kind;
    return s;
  }

  /**
   * `count` (0–2) attributive adjectives. Two come from different classes (no "strange strange", no "big small"),
   * in English order: opinion, size, age, colour ("the funny little old dog").
   */
  private adjectives(count: number): void {
    if (count === 0) return;
    const rng = this.rng;
    const lex = this.lexicon;
    const list = lex.adjectives;
    const cls = lex.adjectiveClass;
    const a = below(rng, list.length);
    if (count === 1) {
      this.tok[this.n++] = list[a];
      return;
    }
    let others = 0;
    for (let i = 0; i < list.length; i++) if (cls[i] !== cls[a]) others++;
    if (others === 0) {
      // A lexicon whose adjectives share one class: "the tired old cat".
      this.tok[this.n++] = pick(rng, lex.attributivePredicates);
      this.tok[this.n++] = list[a];
      return;
    }
    let r = below(rng, others);
    let b = 0;
    for (let i = 0; i < list.length; i++) {
      if (cls[i] !== cls[a] && r-- === 0) {
        b = i;
        break;
      }
    }
    this.tok[this.n++] = list[cls[a] < cls[b] ? a : b];
    this.tok[this.n++] = list[cls[a] < cls[b] ? b : a];
  }

  /**
   * A word of `list` not yet used in this sentence, uniformly (any word of it once all are used): no "meanwhile ,
   * meanwhile ,", no "often … often".
   */
  private fresh(list: Int32Array): number {
    const used = this.used;
    let free = 0;
    for (let i = 0; i < list.length; i++) if (used[list[i]] === 0) free++;
    let id = list[0];
    if (free === 0) id = pick(this.rng, list);
    else {
      let r = below(this.rng, free);
      for (let i = 0; i < list.length; i++) {
        if (used[list[i]] === 0 && r-- === 0) {
          id = list[i];
          break;
        }
      }
    }
    if (used[id] === 0) {
      used[id] = 1;
      this.usedIds[this.nUsed++] = id;
    }
    return id;
  }

  /** An agreeing-verb placeholder for verb `index` of the `sg`/`pl` lists, agreeing with `subjectSlot`. */
  private verb(
    subjectSlot: number,
    sg: Int32Array,
    pl: Int32Array,
    index: number,
    depth: number,
    role: number,
  ): number {
    const v = this.nv++;
    this.vPos[v] = this.n;
    this.tok[this.n++] = -1;
    this.vSubj[v] = subjectSlot;
    this.vSg[v] = sg[index];
    this.vPl[v] = pl[index];
    this.vDepth[v] = depth;
    this.vRole[v] = role;
    return v;
  }

  /** Appends a code to the structure string (V8 concatenation builds a rope: no copying per call). */
  private mark(code: string): void {
    this.structure = this.structure === "" ? code : this.structure + " " + code;
  }

  /**
   * `n` ids carved from a shared slab: creating a view costs ~50 ns, a fresh Int32Array of a sentence's size ~600 ns
   * (its backing store lives outside the JS heap). A slab is freed once no example refers to it.
   */
  private take(n: number): Int32Array {
    if (this.slabUsed + n > this.slab.length) {
      this.slab = new Int32Array(Math.max(SLAB_SIZE, n));
      this.slabUsed = 0;
    }
    const view = this.slab.subarray(this.slabUsed, this.slabUsed + n);
    this.slabUsed += n;
    return view;
  }

  private relativePronoun(): number {
    const lex = this.lexicon;
    return pick(this.rng, this.attach === KIND.animate ? lex.animateRelatives : lex.inanimateRelatives);
  }

  /** A transitive verb whose object fits a relative clause's head of kind `head` (animate when 0). */
  private relativeVerb(head: number): number {
    return this.otherVerb(this.relativeVerbsFor[head === 0 ? KIND.animate : head]);
  }

  /**
   * An index of `indices` (into the transitive lists) whose verb differs from a transitive verb written just before
   * ("… the cats visit visit …" when nested clauses close on the same verb).
   */
  private otherVerb(indices: Int32Array): number {
    const v = this.nv - 1;
    const avoid = v >= 0 && this.vPos[v] === this.n - 1 ? this.vSg[v] : -1;
    const sg = this.lexicon.transitiveSingular;
    let m = indices.length;
    let skip = -1;
    for (let i = 0; i < indices.length; i++) if (sg[indices[i]] === avoid) skip = i;
    if (skip >= 0 && m > 1) m--;
    else skip = -1;
    const r = below(this.rng, m);
    return indices[skip >= 0 && r >= skip ? r + 1 : r];
  }

  /** A kind bit chosen uniformly from `mask`. */
  private kindFrom(mask: number): number {
    return pick(this.rng, this.kindsOf[mask]);
  }

  /** Collects the noun slots strictly between positions `from` and `to` (except `skip`) into `scratch`. */
  private gapSlots(from: number, to: number, skip: number): number {
    let m = 0;
    for (let s = 0; s < this.ns; s++) {
      if (s !== skip && this.sNoun[s] > from && this.sNoun[s] < to) this.scratch[m++] = s;
    }
    return m;
  }

  // ---- pass 2 -------------------------------------------------------------------------------------------------

  /**
   * Target subject gets `label`. Of the gap's `candidates` noun slots (in `scratch`), `attractors` get the other
   * number and `same` the label's, chosen at random except that agreeing subjects (nested clauses) are always among
   * the numbered ones; the rest of the gap is number-neutral. Nouns outside the gap: neutral with probability
   * `neutralNouns` where allowed, else singular or plural at even odds, independently of the label.
   */
  private assignNumbers(target: number, label: 0 | 1, candidates: number, attractors: number, same: number): void {
    const rng = this.rng;
    const q = this.config.neutralNouns;
    const slots = this.scratch;
    const inGap = this.sNum; // reuse as a marker first: −1 = outside the gap
    inGap.fill(-1, 0, this.ns);
    // Shuffle the gap's slots, then move the agreeing ones to the front (they must carry a number).
    for (let i = 0; i < candidates; i++) {
      const j = i + below(rng, candidates - i);
      const s = slots[j];
      slots[j] = slots[i];
      slots[i] = s;
    }
    let front = 0;
    for (let i = 0; i < candidates; i++) {
      const s = slots[i];
      if (this.sAgree[s] === 1) {
        slots[i] = slots[front];
        slots[front++] = s;
      }
    }
    // Which of the numbered slots are attractors: a uniform choice of `attractors` among the first `numbered`.
    const numbered = attractors + same;
    for (let i = 0; i < numbered; i++) {
      const j = i + below(rng, numbered - i);
      const s = slots[j];
      slots[j] = slots[i];
      slots[i] = s;
    }
    for (let i = 0; i < candidates; i++) {
      this.sNum[slots[i]] = i < attractors ? 1 - label : i < numbered ? label : NEUTRAL;
    }
    this.sNum[target] = label;
    for (let s = 0; s < this.ns; s++) {
      if (this.sNum[s] !== -1) continue;
      this.sNum[s] = this.neutralAllowed(s) && unit(rng) < q ? NEUTRAL : below(rng, 2);
    }
  }

  private neutralAllowed(slot: number): boolean {
    return this.sAgree[slot] === 0 && this.neutralPool[this.sKind[slot]].length > 0;
  }

  /** Writes determiners, nouns and verb forms; returns whether the target subject is a held-out noun. */
  private realize(target: number, heldOutSplit: boolean): boolean {
    const rng = this.rng;
    const lex = this.lexicon;
    const tok = this.tok;
    const varied = this.config.determiners === "varied";
    let heldOut = false;
    for (let s = 0; s < this.ns; s++) {
      const num = this.sNum[s];
      let noun: number;
      let det: number;
      if (num === NEUTRAL) {
        noun = pick(rng, this.neutralPool[this.sKind[s]]);
        det = lex.the;
      } else {
        const pool =
          s === target && heldOutSplit
            ? this.heldOutPool
            : this.sAgree[s]
            ? this.subjectPool
            : this.freePool[this.sKind[s]];
        const lemma = pick(rng, pool);
        if (s === target) heldOut = this.heldOutSet[lemma] === 1;
        noun = num === 1 ? lex.nounPlural[lemma] : lex.nounSingular[lemma];
        if (!varied) det = lex.the;
        else {
          const u = unit(rng);
          if (num === 1) det = u < 0.6 ? lex.the : u < 0.85 ? lex.some : lex.these;
          else det = u < 0.6 ? lex.the : u < 0.85 ? lex.a : lex.this;
        }
      }
      tok[this.sNoun[s]] = noun;
      if (det === lex.a) {
        const next = this.sDet[s] + 1 === this.sNoun[s] ? noun : tok[this.sDet[s] + 1];
        if (lex.vowelInitial[next]) det = lex.an;
      }
      tok[this.sDet[s]] = det;
    }
    for (let v = 0; v < this.nv; v++) tok[this.vPos[v]] = this.sNum[this.vSubj[v]] === 1 ? this.vPl[v] : this.vSg[v];
    return heldOut;
  }

  private finish(
    targetVerb: number,
    nesting: number,
    prefix: number,
    grammatical: boolean,
    heldOut: boolean,
  ): AgreementExample {
    const framing = this.config.framing;
    const sentence = this.take(this.n);
    for (let i = 0; i < this.n; i++) sentence[i] = this.tok[i];
    const pairs: AgreementPair[] = [];
    for (let v = 0; v < this.nv; v++) pairs.push(this.pair(v));
    const t = pairs[targetVerb];
    const swapped = framing === "grammaticality" && !grammatical;
    let ids = sentence;
    if (framing === "number") ids = sentence.subarray(0, t.verb);
    else if (swapped) {
      ids = this.take(this.n);
      ids.set(sentence);
      ids[t.verb] = t.wrong;
    }
    const meta: AgreementMeta = {
      framing,
      number: t.number,
      subject: t.subject,
      verb: t.verb,
      distance: t.verb - t.subject,
      attractors: t.attractors,
      depth: t.depth,
      nesting,
      prefix,
      length: this.n,
      correct: t.correct,
      wrong: t.wrong,
      grammatical: !swapped,
      heldOut,
      structure: this.structure,
      pairs,
    };
    const label = framing === "grammaticality" ? (swapped ? 0 : 1) : t.number;
    return { sentence, ids, label, meta };
  }

  private pair(v: number): AgreementPair {
    const s = this.vSubj[v];
    const subject = this.sNoun[s];
    const verb = this.vPos[v];
    const number = this.sNum[s] as 0 | 1;
    let attractors = 0;
    for (let o = 0; o < this.ns; o++) {
      const p = this.sNoun[o];
      if (p > subject && p < verb && this.sNum[o] === 1 - number) attractors++;
    }
    return {
      subject,
      verb,
      number,
      depth: this.vDepth[v],
      role: ROLES[this.vRole[v]],
      attractors,
      correct: number === 1 ? this.vPl[v] : this.vSg[v],
      wrong: number === 1 ? this.vSg[v] : this.vPl[v],
    };
  }
}

// The generator draws one 32-bit word per decision. `below(n)` maps it to [0, n) by multiply-and-floor: no
// rejection loop, with a bias of at most n / 2^32 (< 10⁻⁶ for every n used here). Integer arithmetic only, so
// streams are identical on every machine.
const INV_2_32 = 1 / 4294967296;

/** A float in [0, 1) with 32 random bits. */
function unit(rng: Random): number {
  return rng.nextUint32() * INV_2_32;
}

/** An integer in [0, n). */
function below(rng: Random, n: number): number {
  return Math.floor(rng.nextUint32() * INV_2_32 * n);
}

/** An integer uniform in `[lo, hi]`. */
function between(rng: Random, lo: number, hi: number): number {
  return lo + below(rng, hi - lo + 1);
}

/** Scale of the integer weights of {@link logUniformBetween}. */
const LOG_WEIGHT = 1 << 20;

/**
 * An integer in `[lo, hi]` (lo ≥ 1) with probability ∝ 1/d: integer weights ⌊2²⁰/d⌋ and one uniform draw, so the
 * stream stays integer arithmetic and identical on every machine. O(hi − lo) per call.
 */
function logUniformBetween(rng: Random, lo: number, hi: number): number {
  let total = 0;
  for (let d = lo; d <= hi; d++) total += Math.floor(LOG_WEIGHT / d);
  let r = below(rng, total);
  for (let d = lo; d < hi; d++) {
    r -= Math.floor(LOG_WEIGHT / d);
    if (r < 0) return d;
  }
  return hi;
}

function pick(rng: Random, list: Int32Array | Uint8Array): number {
  return list[below(rng, list.length)];
}

function range(from: number, to: number): Int32Array {
  const out = new Int32Array(Math.max(0, to - from));
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  return out;
}

/** 0, 1 or 2 adjectives (60/30/10 %). */
function adjectiveCount(rng: Random): number {
  const u = unit(rng);
  return u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
}

/** Length of a relative clause on a person or animal: intransitive 2–3, transitive 4–7, shorter ones likelier. */
function relativeLength(rng: Random): number {
  const u = unit(rng);
  return u < 0.25 ? 2 : u < 0.4 ? 3 : u < 0.75 ? 4 : u < 0.9 ? 5 : u < 0.97 ? 6 : 7;
}
