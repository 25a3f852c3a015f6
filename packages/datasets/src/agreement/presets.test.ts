import { describe, expect, it } from "vitest";
import { generateAgreement } from "./dataset";
import { AgreementGenerator } from "./generator";

/** The first rows of a preset's train stream for seed 1, as text. */
function firstRows(preset: "easy" | "default" | "hard", framing: "number" | "lm" = "number"): string[] {
  const vocab = new AgreementGenerator(preset).vocabulary;
  return generateAgreement(1, { preset, framing }, 3).map((x) => {
    const m = x.meta;
    const input = vocab.decode(x.ids).join(" ");
    return `${input} → ${x.label} | d=${m.distance} a=${m.attractors} depth=${m.depth}/${m.nesting} prefix=${m.prefix} [${m.structure}]`;
  });
}

// Determinism across machines: these strings are a pure function of (seed 1, preset). A change here changes every
// dataset generated with these presets; update deliberately.
describe("preset snapshots", () => {
  it("easy", () => {
    expect(firstRows("easy")).toMatchInlineSnapshot(`
      [
        "the odd farmer in the hill → 0 | d=4 a=0 depth=0/0 prefix=0 [S* pp V*]",
        "the thieves who fed the painters with the milk near the small moose with soup → 1 | d=14 a=0 depth=0/0 prefix=0 [S* rc pp pp pp V*]",
        "the geese under the wolf always → 1 | d=5 a=1 depth=0/0 prefix=0 [S* pp adv V*]",
      ]
    `);
  });

  it("default", () => {
    expect(firstRows("default")).toMatchInlineSnapshot(`
      [
        "luckily , the large baby that the man with the pies behind the gardens around the knife often watches → 0 | d=15 a=2 depth=0/1 prefix=2 [adv, S* [ S pp pp pp adv V] V*]",
        "if the sailor jumps , finally , the farmer near the strange tables which the dog that the ducks who arrived miss with the old actors from the bridge → 0 | d=14 a=2 depth=1/2 prefix=7 [sub, adv, S pp [ S* [ S rc V] pp pp V*] V]",
        "today the nice bears that the man around the luggage that already shook in the river inside the famous grey river with the lovely white farmer with the noisy biscuit often → 0 | d=25 a=0 depth=1/1 prefix=1 [adv S [ S* pp rc pp pp pp pp adv V*] pp V]",
      ]
    `);
  });

  it("hard", () => {
    expect(firstRows("hard")).toMatchInlineSnapshot(`
      [
        "the funny owl hopes that the woman around the books behind the benches from the bridge near the nice box under the noisy monkeys behind the strange lady who the cats that the lions inside the fog under the chair which vanished admire really push certainly → 0 | d=40 a=5 depth=0/2 prefix=5 [comp S* pp pp pp pp pp pp [ S [ S pp pp rc V] adv V] adv V*]",
        "yesterday , in the new bridges , the pilots hope that luckily , meanwhile , today the woman above the famous new kitchens that the child with the sheep that the lady who watched the old horses from the stations with the small milk inside the sand above the fog from the fog around the sheep near the equipment above the pretty snow in the fog usually → 0 | d=36 a=2 depth=2/2 prefix=16 [adv, pp, comp adv, adv, adv S pp [ S pp [ S* rc pp pp pp pp pp pp pp pp pp adv V*] V] pp V]",
        "today the woman above the lucky water that the horse that the tiger who often walked certainly hears behind the field always → 0 | d=13 a=0 depth=1/2 prefix=1 [adv S pp [ S* [ S rc adv V] pp adv V*] V]",
      ]
    `);
  });

  it("default, language-model framing (the same sentences, whole)", () => {
    expect(firstRows("default", "lm")).toMatchInlineSnapshot(`
      [
        "luckily , the large baby that the man with the pies behind the gardens around the knife often watches is sad . → 0 | d=15 a=2 depth=0/1 prefix=2 [adv, S* [ S pp pp pp adv V] V*]",
        "if the sailor jumps , finally , the farmer near the strange tables which the dog that the ducks who arrived miss with the old actors from the bridge finds was happy . → 0 | d=14 a=2 depth=1/2 prefix=7 [sub, adv, S pp [ S* [ S rc V] pp pp V*] V]",
        "today the nice bears that the man around the luggage that already shook in the river inside the famous grey river with the lovely white farmer with the noisy biscuit often visits beside the village were asleep . → 0 | d=25 a=0 depth=1/1 prefix=1 [adv S [ S* pp rc pp pp pp pp adv V*] pp V]",
      ]
    `);
  });
});
