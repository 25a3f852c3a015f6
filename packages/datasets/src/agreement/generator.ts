// Subject–verb agreement sentences with controlled distance, attractors and nesting, after the number-prediction task
// of Linzen, Dupoux & Goldberg (2016, "Assessing the ability of LSTMs to learn syntax-sensitive dependencies", TACL 4)
// and their hierarchical toy language (nested S1 S2 V2 V1 agreement).
//
// A sentence is built in passes over a reusable draft (draft.ts). Pass 1 (layout.ts, material.ts) lays out the
// structure with placeholders for determiners, nouns and agreeing verbs, to exact token budgets (prefix length,
// target distance). Pass 2 decides each noun's number (numbers.ts) — `attractors` opposite-number and as many (in
// distribution) same-number nouns inside the target gap, the rest of the gap number-neutral, so the gap says nothing
// about the label — and writes the words (realize.ts). Every draw comes from random.ts.
import type { Random } from "@vanish/core";
import { checkOneOf, checkRange } from "../validate";
import type { Vocabulary } from "../vocabulary";
import { type AgreementConfig, type ConfigLike, agreementConfig, maxAttractorsFor, minDistanceFor } from "./config";
import { Draft, GrammarTables } from "./draft";
import type { AgreementExample, SampleOptions } from "./example";
import { layout } from "./layout";
import { Lexicon } from "./lexicon";
import { assignNumbers, drawGapNumbers, gapSlots } from "./numbers";
import { below, between, logUniformBetween, unit } from "./random";
import { Slab, realize, toExample } from "./realize";

export type { AgreementExample, AgreementMeta, AgreementPair, SampleOptions } from "./example";

const FN = "AgreementGenerator.sample";
/** Attempts at a structure with enough noun slots for the gap's nouns before switching to the noun-dense layout. */
const LOOSE_ATTEMPTS = 3;

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
  private readonly tables: GrammarTables;
  private readonly draft: Draft;
  private readonly slab = new Slab();

  /** @param config a configuration, options or preset name (validated with `agreementConfig`). */
  constructor(options: ConfigLike = "default") {
    const config = agreementConfig(options);
    this.config = config;
    this.lexicon = new Lexicon(config.lexicon);
    this.vocabulary = this.lexicon.vocabulary;
    const { prefix, nesting, enclosing, distance } = config;
    this.maxLength = prefix[1] + nesting[1] * (enclosing[1] + 5) + distance[1] + 16;
    this.tables = new GrammarTables(config, this.lexicon);
    this.draft = new Draft(this.tables);
    this.draft.reserve(this.maxLength);
  }

  /** One example; draws only from `rng`. */
  sample(rng: Random, options: SampleOptions = {}): AgreementExample {
    const d = this.draft;
    d.rng = rng;
    const c = this.config;
    const cost = this.tables.cost;
    const grammatical = unit(rng) >= 0.5; // drawn in every framing, so sentences do not depend on the framing
    const forcedDistance =
      options.distance === undefined ? null : checkRange(FN, "options.distance", options.distance, 1);
    const [aLo, aHi] =
      options.attractors === undefined ? c.attractors : checkRange(FN, "options.attractors", options.attractors, 0);
    const [dLo, dHi] = forcedDistance ?? c.distance;
    // A forced distance beyond the configured range needs longer buffers than `maxLength`.
    if (dHi > c.distance[1]) d.reserve(this.maxLength - c.distance[1] + dHi);
    const label =
      options.number === undefined
        ? unit(rng) < c.pluralRate
          ? 1
          : 0
        : checkOneOf(FN, "options.number", options.number, [0, 1]);
    if (options.heldOut && this.tables.heldOutPool.length === 0) {
      throw new RangeError(`${FN}: options.heldOut needs config.heldOutNouns > 0, got 0`);
    }

    // Nesting and target level; redrawn (a bounded number of times) when the distance range cannot hold them.
    let nesting = 0;
    let level = 0;
    let lo = 0;
    for (let attempt = 0; ; attempt++) {
      nesting = between(rng, c.nesting[0], c.nesting[1]);
      level = c.target === "main" ? 0 : c.target === "deepest" ? nesting : below(rng, nesting + 1);
      lo = Math.max(dLo, minDistanceFor(nesting - level, aLo, cost));
      if (lo <= dHi) break;
      if (attempt === 63) {
        throw new RangeError(
          `${FN}: distance [${dLo}, ${dHi}] cannot hold ${nesting - level} nested clause(s) and ${aLo} attractor(s) ` +
            `(needs at least ${minDistanceFor(nesting - level, aLo, cost)})`,
        );
      }
    }
    const distance = forcedDistance === null && c.distanceDraw === "logUniform" ? logUniformBetween(rng, lo, dHi) : between(rng, lo, dHi);
    const nested = nesting - level;
    drawGapNumbers(d, aLo, aHi, maxAttractorsFor(distance, nested, cost), nested);
    const prefix = between(rng, c.prefix[0], c.prefix[1]);

    // Pass 1: the structure, with enough noun slots in the target gap for the numbered nouns.
    const numbered = d.attractors + d.same;
    let candidates = 0;
    for (let attempt = 0; ; attempt++) {
      d.dense = attempt >= LOOSE_ATTEMPTS;
      layout(d, prefix, nesting, level, distance);
      const from = d.nounPhrases.nounAt[d.targetSlot];
      candidates = gapSlots(d, from, d.verbs.at[d.targetVerb], d.targetSlot);
      if (candidates >= numbered) break;
      if (d.dense) {
        // The dense layout holds maxAttractorsFor(distance, nested) nouns by construction; this is a bug guard.
        throw new Error(`${FN}: the dense layout of distance ${distance} held ${candidates} < ${numbered} nouns`);
      }
    }

    // Pass 2: numbers, then words.
    assignNumbers(d, d.targetSlot, label, candidates);
    const heldOut = realize(d, options.heldOut === true);
    return toExample(d, this.slab, nesting, prefix, grammatical, heldOut);
  }
}
