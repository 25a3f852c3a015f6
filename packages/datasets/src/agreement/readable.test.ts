import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import type { AgreementOptions } from "./config";
import { AgreementGenerator } from "./generator";
import * as W from "./words";
import { DEMO_KNOBS, PREFIX_VARIANT_KNOBS } from "./knobs.fixture";

// Sentences a teacher can show: the samples are what people read first.

// Not covered: `material: { pp: 0 }` chains relative clauses by design ("that saw the dogs that saw the cats"), and a
// lexicon with few transitive verbs cannot always avoid "… chase chase …" when nested clauses close.
const CASES: [string, AgreementOptions, number][] = [
  ["easy", { preset: "easy" }, 1500],
  ["default", { preset: "default" }, 1500],
  ["hard", { preset: "hard" }, 400],
  ["the CLI demo's agreement (and its control, the same sentences)", DEMO_KNOBS, 1500],
  ["the previous demo's prefix variant", PREFIX_VARIANT_KNOBS, 1500],
  // One adjective: a second one comes from the attributive predicates ("the tired old cat").
  ["one adjective", { preset: "default", lexicon: { adjectives: 1 } }, 600],
];

const ADVERBS = new Set([
  ...W.SENTENCE_ADVERBS,
  ...W.BARE_OPENERS,
  ...W.SUBORDINATORS,
  ...W.CLAUSE_ADVERBS,
  ...W.PREVERBAL_ADVERBS,
  ...W.MANNER_ADVERBS,
]);
const KIND_OF = new Map<string, W.NounKind>([
  ...W.ANIMATE_NOUNS.flatMap(([s, p]) => [[s, "animate"] as const, [p, "animate"] as const]),
  ...W.INANIMATE_NOUNS.flatMap(([s, p, k]) => [[s, k] as const, [p, k] as const]),
  ...W.NEUTRAL_NOUNS.map(([w, k]) => [w, k] as const),
]);
const INANIMATE_VERB_KINDS = new Map(W.PAST_INANIMATE_VERBS.map(([v, kinds]) => [v, kinds]));
const PAST = new Set([...W.PAST_INTRANSITIVE_VERBS, ...W.PAST_INANIMATE_VERBS.map((v) => v[0]), ...W.PAST_TRANSITIVE_VERBS.map((v) => v[0])]);
const RELATIVES = new Set(["who", "which", "that"]);

/** Every readability rule broken by one sentence, as messages (empty when it reads well). */
function problems(words: string[], gen: AgreementGenerator, withPPs: boolean): string[] {
  const out: string[] = [];
  const agreeing = (w: string) => gen.lexicon.numberOf[gen.vocabulary.id(w)] >= 0 && !KIND_OF.has(w);
  const seen = new Set<string>();
  let inClause = false; // inside a subject relative clause ("who slept …") until the next agreeing verb or comma
  words.forEach((w, i) => {
    const prev = words[i - 1];
    if (w === prev) out.push(`"${w} ${w}"`);
    if (ADVERBS.has(w)) {
      if (seen.has(w)) out.push(`"${w}" twice`);
      seen.add(w);
    }
    const rank = W.ADJECTIVE_CLASS[w];
    const prevRank = prev === undefined ? undefined : W.ADJECTIVE_CLASS[prev];
    if (rank !== undefined && prevRank !== undefined && !(prevRank < rank)) out.push(`"${prev} ${w}" (adjective order)`);
    if (w === "who" && KIND_OF.get(prev) !== "animate") out.push(`"${prev} who"`);
    if (w === "which" && (KIND_OF.get(prev) === undefined || KIND_OF.get(prev) === "animate")) out.push(`"${prev} which"`);
    if (RELATIVES.has(w) && i > 0 && KIND_OF.get(prev) === undefined && w !== "that") out.push(`"${prev} ${w}" (stacked)`);
    const kinds = INANIMATE_VERB_KINDS.get(w);
    if (kinds !== undefined && withPPs) {
      const head = words[ADVERBS.has(prev) ? i - 3 : i - 2];
      const kind = KIND_OF.get(head);
      if (kind !== "animate" && (kind === undefined || !kinds.includes(kind))) out.push(`"${head} … ${w}"`);
    }
    // A relative clause inside a subject relative clause (object relatives of the nesting knob start with "the").
    const opensSubjectClause = RELATIVES.has(w) && (PAST.has(words[i + 1]) || W.CLAUSE_ADVERBS.includes(words[i + 1]));
    // Without PPs (material.pp 0) relative clauses chain by design: "that saw the dogs that saw the cats".
    if (withPPs && RELATIVES.has(w) && i > 0 && KIND_OF.has(prev) && inClause) {
      out.push(`relative clause inside a relative clause at "${prev} ${w} ${words[i + 1]}"`);
    }
    if (opensSubjectClause && KIND_OF.has(prev)) inClause = true;
    if (agreeing(w) || w === "," || w === ".") inClause = false;
  });
  return out;
}

describe("readable sentences", () => {
  for (const [name, options, count] of CASES) {
    it(`breaks no readability rule (${name})`, () => {
      const gen = new AgreementGenerator(options);
      const rng = new Random(8);
      const bad: string[] = [];
      for (let i = 0; i < count; i++) {
        const words = gen.vocabulary.decode(gen.sample(rng).sentence);
        const p = problems(words, gen, options.material?.pp !== 0);
        if (p.length > 0) bad.push(`${p.join("; ")}: ${words.join(" ")}`);
      }
      expect(bad.slice(0, 5)).toEqual([]);
    });
  }

  it("the checks reject the issue's word salad", () => {
    const gen = new AgreementGenerator("default");
    const salad = [
      "the sister that a duck that left who the rabbit that found the pie with the strange strange carrot sees is sad .",
      "meanwhile , meanwhile , the geese sleep .",
      "the cat near the rivers which burned is sad .",
    ];
    const found = salad.map((s) => problems(s.split(" "), gen, true));
    expect(found[0]).toEqual(expect.arrayContaining(['"strange strange"', '"left who" (stacked)']));
    expect(found[1]).toEqual(['"meanwhile" twice']);
    expect(found[2]).toEqual(['"rivers … burned"']);
  });
});
