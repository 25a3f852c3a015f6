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
        "this farmer beside the orange → 0 | d=4 a=0 depth=0/0 prefix=0 [S* pp V*]",
        "the sailor beside the churches that broke with the butter which often fell surely → 0 | d=13 a=1 depth=0/0 prefix=0 [S* pp rc pp rc adv V*]",
        "the ladies who always liked these ponies with a berry → 1 | d=9 a=1 depth=0/0 prefix=0 [S* rc pp V*]",
      ]
    `);
  });

  it("default", () => {
    expect(firstRows("default")).toMatchInlineSnapshot(`
      [
        "finally , later , luckily , the girl that suddenly helped the women who some drivers that walked help that often swam → 0 | d=15 a=2 depth=0/1 prefix=6 [adv, adv, adv, S* rc [ S rc V] rc V*]",
        "from the large old fog , this judge knows that now the fox in the tiny house which this lion who liked the frog with the nut that some people like also misses with the sisters from the tiny bridge which never stood under the boy under the lamps in the mud → 0 | d=40 a=3 depth=0/2 prefix=11 [pp, comp adv S* pp [ S rc pp [ S V] adv V] pp pp rc pp pp pp V*]",
        "today the doctors that a wolf that the brown pilot that worked under the little artists with the odd equipment which moved above the small birds who found the plum behind the hills that stood → 0 | d=26 a=3 depth=2/2 prefix=1 [adv S [ S [ S* rc pp pp rc pp rc pp rc V*] V] adv V]",
      ]
    `);
  });

  it("hard", () => {
    expect(firstRows("hard")).toMatchInlineSnapshot(`
      [
        "finally , later , the girls hear that meanwhile , then the king that pushed these lovely ponies who some lions that this doctor hears certainly like around a knife behind the rivers that shook near some apples that vanished in the water beside the tiny gardens that stood in the sand → 0 | d=40 a=5 depth=0/2 prefix=11 [adv, adv, comp adv, adv S* rc [ S [ S V] adv V] pp pp rc pp rc pp pp rc pp V*]",
        "these sailors hope that today the thieves who helped the pretty moose that the sailors around these cars which stood near a sailor under the odd farmers inside the fog from these black pretty nurses that chased the horses under the lovely furniture which often broke that stood that some doctors that found the equipment usually see which fell near the book around the ladders that vanished with some lovely odd boys who often ran near the white brothers with these funny lamps that recently vanished with the soup which already fell beside an eagle that helped the poet beside the snow which often vanished above these churches above the sheep who fed the bison behind the bridge which burned with the sheep inside the snow really → 1 | d=113 a=5 depth=1/2 prefix=5 [comp adv S rc [ S* pp rc pp pp pp pp rc pp rc rc [ S rc adv V] rc pp pp rc pp rc pp pp rc pp rc pp rc pp rc pp pp rc pp rc pp pp adv V*] pp V]",
        "around the grass , a nice dancer claims that from some fields , the guard feels that a cat knows that the artists around the walls in the water that these girls who the cooks who carried some plums near a grey chair that the tiny tiger above this goose who jumped near the box that often vanished in the shops with some thieves that saw this car inside the little pretty shops under the clean bison inside the mud near the luggage with a mouse with the noisy deer near the famous big shelves which never moved inside this shop which broke inside the grass which stood around the pretty school in the water that vanished in the nice dirty mud in these fields that burned with a pretty parent near the soup in a noisy farm in the sand with the large moose who never swam under the famous moose that danced → 0 | d=108 a=5 depth=3/3 prefix=21 [pp, comp pp, comp comp S pp pp [ S [ S rc pp [ S* pp rc pp rc pp pp rc pp pp pp pp pp pp pp rc pp rc pp rc pp pp rc pp pp rc pp pp pp pp pp rc pp rc V*] adv V] V] rc V]",
      ]
    `);
  });

  it("default, language-model framing (the same sentences, whole)", () => {
    expect(firstRows("default", "lm")).toMatchInlineSnapshot(`
      [
        "finally , later , luckily , the girl that suddenly helped the women who some drivers that walked help that often swam is full . → 0 | d=15 a=2 depth=0/1 prefix=6 [adv, adv, adv, S* rc [ S rc V] rc V*]",
        "from the large old fog , this judge knows that now the fox in the tiny house which this lion who liked the frog with the nut that some people like also misses with the sisters from the tiny bridge which never stood under the boy under the lamps in the mud follows the farmers . → 0 | d=40 a=3 depth=0/2 prefix=11 [pp, comp adv S* pp [ S rc pp [ S V] adv V] pp pp rc pp pp pp V*]",
        "today the doctors that a wolf that the brown pilot that worked under the little artists with the odd equipment which moved above the small birds who found the plum behind the hills that stood sees helps really push the black rubbish . → 0 | d=26 a=3 depth=2/2 prefix=1 [adv S [ S [ S* rc pp pp rc pp rc pp rc V*] V] adv V]",
      ]
    `);
  });
});
