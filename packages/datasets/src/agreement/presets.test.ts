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
        "the farmers who fed the sheep with the salmon that already stood around the students → 1 | d=14 a=0 depth=0/0 prefix=0 [S* rc pp rc pp V*]",
        "the goose who arrived → 0 | d=3 a=0 depth=0/0 prefix=0 [S* rc V*]",
      ]
    `);
  });

  it("default", () => {
    expect(firstRows("default")).toMatchInlineSnapshot(`
      [
        "yesterday , the goose that the tigers near the hill inside the villages around the lion always see → 0 | d=15 a=2 depth=0/1 prefix=2 [adv, S* [ S pp pp pp adv V] V*]",
        "the doctor around the grey leaf that the famous puppy who cried that the king near the grass in the fields in the schools above the sheep from the judge above the bridge in the villages near the lamps → 0 | d=25 a=4 depth=2/2 prefix=0 [S pp [ S rc [ S* pp pp pp pp pp pp pp pp V*] pp adv V] adv V]",
        "finally , because the ugly pony also works , later , the men around the noisy water that the tigers that played who the frog who often wanted the large apple around the shelves in the sand near the fog which burned always → 0 | d=19 a=1 depth=2/2 prefix=11 [adv, sub, adv, S pp [ S rc [ S* rc pp pp pp rc adv V*] rc V] V]",
      ]
    `);
  });

  it("hard", () => {
    expect(firstRows("hard")).toMatchInlineSnapshot(`
      [
        "however , meanwhile , today the nice lion who liked the brothers with the pies around the car with the neighbours from the tiny gardens which never stood under the bird under the leaves that the poet who the child still follows watches that burned which burned → 0 | d=40 a=5 depth=0/2 prefix=5 [adv, adv, adv S* rc pp pp pp pp rc pp pp [ S [ S adv V] V] rc rc V*]",
        "yesterday , luckily , the sailors in the fog that already burned that the brown thieves under the old furniture around the mud which quickly vanished that the sailors that often admired the brown shelves in the ugly big school near the ladders above the lamp from the kitchen around the parks near the tiny deer around the fog which fell visit above the deer who watched the rubbish near the gardens which often moved in the garden around the shelves that stood near the sheep that ate the salmon behind the snow that broke with the lovely milk really → 1 | d=85 a=4 depth=1/2 prefix=4 [adv, adv, S pp rc [ S* pp pp rc [ S rc pp pp pp pp pp pp pp rc V] pp rc pp rc pp pp rc pp rc pp rc pp adv V*] rc V]",
        "if the boys wait , inside the station , because the cook also jumps , if the bears jump , the sailors say that the cook around the schools which the brother above the strange snow which shook that the children that often heard the deer near the river which burned under the odd boxes that shook beside the deer from the sand near the keys that often burned beside the jewellery which quickly fell with the bison that saw the knives inside the little pretty mud under the clean moose inside the sand near the box with the lady with the noisy bison near the famous big jewellery which never moved inside the grass which broke inside the houses which stood around the pretty kitchen in the sand that vanished in the nice dirty mud in the grass that burned with the pretty captains near the salmon → 1 | d=108 a=4 depth=2/2 prefix=24 [sub, pp, sub, sub, comp S pp [ S pp rc [ S* rc pp rc pp rc pp pp pp rc pp rc pp rc pp pp pp pp pp pp pp rc pp rc pp rc pp pp rc pp pp rc pp pp V*] rc V] rc V]",
      ]
    `);
  });

  it("default, language-model framing (the same sentences, whole)", () => {
    expect(firstRows("default", "lm")).toMatchInlineSnapshot(`
      [
        "yesterday , the goose that the tigers near the hill inside the villages around the lion always see has the ugly dancers . → 0 | d=15 a=2 depth=0/1 prefix=2 [adv, S* [ S pp pp pp adv V] V*]",
        "the doctor around the grey leaf that the famous puppy who cried that the king near the grass in the fields in the schools above the sheep from the judge above the bridge in the villages near the lamps pushes inside the fog surely pushes surely walks quietly . → 0 | d=25 a=4 depth=2/2 prefix=0 [S pp [ S rc [ S* pp pp pp pp pp pp pp pp V*] pp adv V] adv V]",
        "finally , because the ugly pony also works , later , the men around the noisy water that the tigers that played who the frog who often wanted the large apple around the shelves in the sand near the fog which burned always visits who jumped miss were sad . → 0 | d=19 a=1 depth=2/2 prefix=11 [adv, sub, adv, S pp [ S rc [ S* rc pp pp pp rc adv V*] rc V] V]",
      ]
    `);
  });
});
