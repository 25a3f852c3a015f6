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
        "the sailor beside the churches that broke with the milk which often fell surely → 0 | d=13 a=1 depth=0/0 prefix=0 [S* pp rc pp rc adv V*]",
        "the ladies who always liked these ponies with a berry → 1 | d=9 a=1 depth=0/0 prefix=0 [S* rc pp V*]",
      ]
    `);
  });

  it("default", () => {
    expect(firstRows("default")).toMatchInlineSnapshot(`
      [
        "finally , later , luckily , the girl that suddenly helped the women who some drivers that walked help that often swam → 0 | d=15 a=2 depth=0/1 prefix=6 [adv, adv, adv, S* rc [ S rc V] rc V*]",
        "from the large old sand , this judge knows that now the fox in the tiny house which this lion who liked the frog with the nut that some people like also misses with the sisters from the tiny bridge which never stood under the boy under the lamps in the station → 0 | d=40 a=3 depth=0/2 prefix=11 [pp, comp adv S* pp [ S rc pp [ S V] adv V] pp pp rc pp pp pp V*]",
        "the lucky cat thinks that yesterday , the man that the person who worked that the poet usually chases who always danced above the clean sand that shook inside the famous snow which already broke near the wall which vanished → 0 | d=29 a=0 depth=1/2 prefix=7 [comp adv, S [ S* rc [ S adv V] rc pp rc pp rc pp rc V*] pp V]",
      ]
    `);
  });

  it("hard", () => {
    expect(firstRows("hard")).toMatchInlineSnapshot(`
      [
        "finally , later , the poets hear that meanwhile , then the lady that pushed the lovely cats who the guards that the soldier hears certainly like around the ladder behind the kitchens that shook near the sandwiches that vanished in the kitchen beside the tiny gardens that stood in the snow → 0 | d=40 a=5 depth=0/2 prefix=11 [adv, adv, comp adv, adv S* rc [ S [ S V] adv V] pp pp rc pp rc pp pp rc pp V*]",
        "the authors hope that today a woman who helped the pretty friends that some geese around the benches which stood near this baby under some odd sailors inside the parks from the black pretty poets that chased the parents under the lovely knives which often broke that stood that some doctors that found the chairs usually see which fell near this shelf around the cars that vanished with these lovely odd judges who often ran near some white bears with some funny walls that recently vanished with some pies which already fell beside the poet that helped the king beside the bridges which often vanished above these fields above the boys who fed some ladies behind this kitchen which burned with these pilots inside the bridges really → 1 | d=113 a=5 depth=1/2 prefix=5 [comp adv S rc [ S* pp rc pp pp pp pp rc pp rc rc [ S rc adv V] rc pp pp rc pp rc pp pp rc pp rc pp rc pp rc pp pp rc pp rc pp pp adv V*] pp V]",
        "a new rabbit hopes that while some quiet neighbours wait , meanwhile , near the lamp , the student near these tables which the clean sister who these guards beside the ducks love with some waiters who laughed → 0 | d=13 a=3 depth=1/2 prefix=17 [comp sub, adv, pp, S pp [ S* [ S pp V] pp rc V*] rc pp V]",
      ]
    `);
  });

  it("default, language-model framing (the same sentences, whole)", () => {
    expect(firstRows("default", "lm")).toMatchInlineSnapshot(`
      [
        "finally , later , luckily , the girl that suddenly helped the women who some drivers that walked help that often swam is full . → 0 | d=15 a=2 depth=0/1 prefix=6 [adv, adv, adv, S* rc [ S rc V] rc V*]",
        "from the large old sand , this judge knows that now the fox in the tiny house which this lion who liked the frog with the nut that some people like also misses with the sisters from the tiny bridge which never stood under the boy under the lamps in the station follows the boys . → 0 | d=40 a=3 depth=0/2 prefix=11 [pp, comp adv S* pp [ S rc pp [ S V] adv V] pp pp rc pp pp pp V*]",
        "the lucky cat thinks that yesterday , the man that the person who worked that the poet usually chases who always danced above the clean sand that shook inside the famous snow which already broke near the wall which vanished admires from the hills is awake . → 0 | d=29 a=0 depth=1/2 prefix=7 [comp adv, S [ S* rc [ S adv V] rc pp rc pp rc pp rc V*] pp V]",
      ]
    `);
  });
});
