import { type IntRange, type IntRangeLike, checkNumber, checkOneOf, checkRange, checkInt, show } from "../validate";
import { FULL_LEXICON, LEXICON_LIMITS, type LexiconSizes } from "./lexicon";

/**
 * What an example asks of the model.
 * - `"number"`: number prediction (Linzen et al. 2016) — read the words before the target verb, output singular (0)
 *   or plural (1).
 * - `"grammaticality"`: the whole sentence, with the target verb in the right form (label 1) or the wrong one
 *   (label 0), half of each.
 * - `"lm"`: language modelling — the whole sentence with next-token targets; evaluated at every agreeing verb as
 *   P(correct form) > P(wrong form).
 */
export type Framing = "number" | "grammaticality" | "lm";

/**
 * Which agreement pair the knobs (distance, attractors) describe and the label asks about:
 * `"main"` the main clause's subject and verb, `"deepest"` the innermost object relative clause's, `"any"` a level
 * chosen uniformly from `0 … nesting` per example.
 */
export type TargetLevel = "main" | "deepest" | "any";

/** `"subject"`: held-out nouns never head an agreement pair in train/test; `"all"`: they never occur there at all. */
export type HeldOutRole = "subject" | "all";

/**
 * How a sentence's distance is drawn from the `distance` range: `"uniform"` (every distance equally often) or
 * `"logUniform"` (probability ∝ 1/distance, so each doubling of the distance — 1, 2, 3–4, 5–8, … — gets about the
 * same share). A log-uniform mixture gives a model many short sentences to learn the agreement rule from and still
 * tests it far away; with a uniform draw over 1–40, most sentences are long.
 */
export type DistanceDraw = "uniform" | "logUniform";

/**
 * Determiners of noun phrases: `"plain"` writes "the" before every noun (no determiner carries number); `"varied"`
 * mixes in "a"/"an"/"this" for singular and "some"/"these" for plural nouns (60% "the"), which lets the first word
 * give away the number of a sentence-initial subject (~70%).
 */
export type Determiners = "plain" | "varied";

/** Relative weights of the kinds of intervening material: prepositional phrases and (number-neutral) relative clauses. */
export interface MaterialWeights {
  readonly pp: number;
  readonly rc: number;
}

/** A complete, validated agreement configuration (plain data; see {@link agreementConfig}). */
export interface AgreementConfig {
  readonly framing: Framing;
  /** Tokens from the target subject's head noun to its verb (verb index − noun index), inclusive range. */
  readonly distance: IntRange;
  /** How the distance is drawn from its range (see {@link DistanceDraw}). */
  readonly distanceDraw: DistanceDraw;
  /**
   * Nouns of the opposite number strictly between the target subject and its verb (exact: `meta.attractors`).
   *
   * The gap rule: the generator draws the attractor count k from this range and, independently and from the same
   * range, the count k′ of *same-number* nouns in the gap; it redraws both (up to 64 times) while k + k′ exceeds
   * the gap's noun slots or is below the number of agreeing subjects the gap must hold (nested clauses), or is 0
   * while the range allows a numbered noun (so the last numbered noun before the verb is never the subject). Every other
   * noun of the gap is number-neutral. So at any fixed distance the pair (singular nouns, plural nouns) in the gap
   * has the same distribution for both labels, and counting the gap's nouns says nothing about the subject. (If no
   * draw fits within the attempts — a forced attractor count too large for the distance — k′ is clamped to fit.)
   */
  readonly attractors: IntRange;
  /** Levels of object relative clauses ("the cat that the dogs that the boy sees chase is …"); 0 = none. */
  readonly nesting: IntRange;
  readonly target: TargetLevel;
  /** Tokens before the main subject's noun phrase (sentence adverbs, PPs, subordinate and "X says that" clauses). */
  readonly prefix: IntRange;
  /** Tokens of material in each clause that encloses the target clause, split before and after the inner clause. */
  readonly enclosing: IntRange;
  readonly material: MaterialWeights;
  /**
   * Probability that a free noun slot (object of a preposition or verb) outside the target gap holds a
   * number-neutral noun. Inside the target gap the numbered nouns are drawn by the gap rule (see `attractors`) and
   * every other noun is number-neutral, whatever this knob says.
   */
  readonly neutralNouns: number;
  readonly determiners: Determiners;
  /** Probability that the target subject is plural (label balance). */
  readonly pluralRate: number;
  /** How many words of each list the grammar uses (the vocabulary size). */
  readonly lexicon: LexiconSizes;
  /** The last `heldOutNouns` animate nouns of the active lexicon are held out for the generalisation split. */
  readonly heldOutNouns: number;
  readonly heldOutRole: HeldOutRole;
}

/** Overrides accepted by {@link agreementConfig}: any field, ranges as `n` or `[min, max]`, partial sub-objects. */
export interface AgreementOptions {
  readonly preset?: PresetName;
  readonly framing?: Framing;
  readonly distance?: IntRangeLike;
  readonly distanceDraw?: DistanceDraw;
  readonly attractors?: IntRangeLike;
  readonly nesting?: IntRangeLike;
  readonly target?: TargetLevel;
  readonly prefix?: IntRangeLike;
  readonly enclosing?: IntRangeLike;
  readonly material?: Partial<MaterialWeights>;
  readonly neutralNouns?: number;
  readonly determiners?: Determiners;
  readonly pluralRate?: number;
  readonly lexicon?: Partial<LexiconSizes>;
  readonly heldOutNouns?: number;
  readonly heldOutRole?: HeldOutRole;
}

export type PresetName = "easy" | "default" | "hard";

/** Anything {@link agreementConfig} resolves: a configuration, options, or a preset name. */
export type ConfigLike = AgreementConfig | AgreementOptions | PresetName;

const PRESETS: Record<PresetName, AgreementConfig> = {
  // The control (docs/tasks.md#trap): the subject opens the sentence and the label is read at the verb, with short
  // gaps and at most one attractor. Every cell should solve it; if one does not, the training setup is broken.
  easy: {
    framing: "number",
    distance: [1, 16],
    distanceDraw: "uniform",
    attractors: [0, 1],
    nesting: [0, 0],
    target: "main",
    prefix: [0, 0],
    enclosing: [0, 0],
    material: { pp: 1, rc: 1 },
    neutralNouns: 0.25,
    determiners: "plain",
    pluralRate: 0.5,
    lexicon: FULL_LEXICON,
    heldOutNouns: 0,
    heldOutRole: "subject",
  },
  // More than one number bit must be held: one or two nested object relative clauses (S1 S2 V2 V1, Linzen's
  // hierarchical toy), the asked-about pair at a random level (so every open subject may be needed), a subject that
  // does not sit at a fixed position (prefix clauses with their own, closed agreement pairs), up to 4 attractors.
  // Half of the other free nouns are number-neutral, so counting nouns or copying the last one stays near chance
  // (examples/heuristics.ts measures these shortcuts).
  default: {
    framing: "number",
    distance: [4, 40],
    distanceDraw: "uniform",
    attractors: [0, 4],
    nesting: [1, 2],
    target: "any",
    prefix: [0, 12],
    enclosing: [0, 6],
    material: { pp: 1, rc: 1 },
    neutralNouns: 0.5,
    determiners: "plain",
    pluralRate: 0.5,
    lexicon: FULL_LEXICON,
    heldOutNouns: 4,
    heldOutRole: "subject",
  },
  // The stress test: two or three open pairs, gaps up to 120 tokens with up to 8 attractors, longer prefixes.
  hard: {
    framing: "number",
    distance: [8, 120],
    distanceDraw: "uniform",
    attractors: [0, 8],
    nesting: [2, 3],
    target: "any",
    prefix: [0, 24],
    enclosing: [0, 12],
    material: { pp: 1, rc: 1 },
    neutralNouns: 0.6,
    determiners: "plain",
    pluralRate: 0.5,
    lexicon: FULL_LEXICON,
    heldOutNouns: 4,
    heldOutRole: "subject",
  },
};

/** The presets, as complete configurations. */
export const AGREEMENT_PRESETS: Readonly<Record<PresetName, AgreementConfig>> = PRESETS;

const FN = "agreementConfig";
const MAX_TOKENS = 2000;

/**
 * A validated configuration: a preset (default `"default"`) with overrides.
 *
 * @example
 * agreementConfig({ preset: "hard", distance: [20, 60], framing: "lm" });
 */
export function agreementConfig(options: ConfigLike = {}): AgreementConfig {
  const o: AgreementOptions = typeof options === "string" ? { preset: options } : options;
  if (o === null || typeof o !== "object")
    throw new TypeError(`${FN}: options must be an object or a preset name, got ${show(o)}`);
  const preset = checkOneOf(FN, "preset", o.preset ?? "default", Object.keys(PRESETS) as PresetName[]);
  const base = PRESETS[preset];
  const lexicon = { ...base.lexicon, ...o.lexicon };
  for (const key of Object.keys(LEXICON_LIMITS) as (keyof LexiconSizes)[]) {
    checkInt(FN, `lexicon.${key}`, lexicon[key], ...LEXICON_LIMITS[key]);
  }
  const material = { ...base.material, ...o.material };
  checkNumber(FN, "material.pp", material.pp, 0);
  checkNumber(FN, "material.rc", material.rc, 0);
  if (material.pp + material.rc === 0) throw new RangeError(`${FN}: material.pp + material.rc must be > 0, got 0`);
  const config: AgreementConfig = {
    framing: checkOneOf(FN, "framing", o.framing ?? base.framing, ["number", "grammaticality", "lm"]),
    distance: checkRange(FN, "distance", o.distance ?? base.distance, 1, MAX_TOKENS),
    distanceDraw: checkOneOf(FN, "distanceDraw", o.distanceDraw ?? base.distanceDraw, ["uniform", "logUniform"]),
    attractors: checkRange(FN, "attractors", o.attractors ?? base.attractors, 0, MAX_TOKENS),
    nesting: checkRange(FN, "nesting", o.nesting ?? base.nesting, 0, 20),
    target: checkOneOf(FN, "target", o.target ?? base.target, ["main", "deepest", "any"]),
    prefix: checkRange(FN, "prefix", o.prefix ?? base.prefix, 0, MAX_TOKENS),
    enclosing: checkRange(FN, "enclosing", o.enclosing ?? base.enclosing, 0, MAX_TOKENS),
    material,
    neutralNouns: checkNumber(FN, "neutralNouns", o.neutralNouns ?? base.neutralNouns, 0, 1),
    determiners: checkOneOf(FN, "determiners", o.determiners ?? base.determiners, ["plain", "varied"]),
    pluralRate: checkNumber(FN, "pluralRate", o.pluralRate ?? base.pluralRate, 0, 1),
    lexicon,
    heldOutNouns: checkInt(FN, "heldOutNouns", o.heldOutNouns ?? base.heldOutNouns, 0, lexicon.animate - 2),
    heldOutRole: checkOneOf(FN, "heldOutRole", o.heldOutRole ?? base.heldOutRole, ["subject", "all"]),
  };
  // The knobs must admit at least one sentence for every nesting the target gap can contain.
  const [dMin, dMax] = config.distance;
  const [aMin, aMax] = config.attractors;
  const [kMin, kMax] = config.nesting;
  const worst = config.target === "deepest" ? 0 : kMax;
  const best = config.target === "main" ? kMin : 0;
  const cost = nounCost(material);
  if (minDistanceFor(worst, aMin, cost) > dMax) {
    throw new RangeError(
      `${FN}: distance [${dMin}, ${dMax}] cannot hold ${worst} nested clause(s) and ${aMin} attractor(s) ` +
        `(needs a maximum of at least ${minDistanceFor(worst, aMin, cost)})`,
    );
  }
  if (aMax > maxAttractorsFor(dMax, best, cost)) {
    throw new RangeError(
      `${FN}: attractors max ${aMax} cannot fit in distance max ${dMax} ` +
        `(at most ${maxAttractorsFor(dMax, best, cost)} nouns fit)`,
    );
  }
  return deepFreeze(config);
}

/**
 * Tokens per noun in the densest material: 3 with PPs ("near the dogs"), 4 without ("that saw the dogs").
 */
export function nounCost(material: MaterialWeights): number {
  return material.pp > 0 ? 3 : 4;
}

/**
 * The shortest distance whose gap holds `nested` object relative clauses ("that the dogs chase": 4 tokens, one noun
 * each) and `attractors` nouns, the rest at `cost` tokens per noun (see {@link nounCost}).
 */
export function minDistanceFor(nested: number, attractors: number, cost = 3): number {
  return 1 + 4 * nested + cost * Math.max(0, attractors - nested);
}

/** The most nouns a gap of `distance − 1` tokens holds when it contains `nested` object relative clauses. */
export function maxAttractorsFor(distance: number, nested: number, cost = 3): number {
  const free = distance - 1 - 4 * nested;
  return free < 0 ? -1 : nested + Math.floor(free / cost);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
