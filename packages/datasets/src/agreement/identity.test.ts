import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import type { AgreementOptions } from "./config";
import { AgreementGenerator } from "./generator";
import { PREFIX_VARIANT_KNOBS } from "./knobs.fixture";

/** FNV-1a over every sentence id and every field of every meta of `count` examples from `new Random(seed)`. */
function fingerprint(options: AgreementOptions, count: number, seed: number, sample = {}): string {
  const gen = new AgreementGenerator(options);
  const rng = new Random(seed);
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h ^= v & 0xffff;
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= v >>> 16;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (let i = 0; i < count; i++) {
    const x = gen.sample(rng, sample);
    for (const id of x.sentence) mix(id);
    for (const id of x.ids) mix(id);
    mix(x.label);
    for (const c of JSON.stringify(x.meta)) mix(c.charCodeAt(0));
  }
  return h.toString(16);
}

// Every generated example, bit for bit: a refactoring of the generator must leave these unchanged. A change to what
// the generator produces changes them too; update deliberately, with the preset snapshots (presets.test.ts).
describe("generator output fingerprints", () => {
  it("pins the presets and odd knobs", () => {
    expect({
      easy: fingerprint({ preset: "easy" }, 3000, 1),
      default: fingerprint({ preset: "default" }, 3000, 2),
      hard: fingerprint({ preset: "hard" }, 1000, 3),
      demo: fingerprint(PREFIX_VARIANT_KNOBS, 3000, 4),
      noPPs: fingerprint({ preset: "default", material: { pp: 0 }, framing: "lm" }, 1000, 5),
      noClauses: fingerprint({ preset: "hard", material: { rc: 0 }, framing: "grammaticality" }, 500, 6),
      varied: fingerprint({ preset: "default", determiners: "varied", lexicon: { adjectives: 1, verbs: 2 } }, 1000, 7),
      forced: fingerprint({ preset: "default", nesting: [0, 2] }, 500, 8, { distance: [30, 90], attractors: 4 }),
      heldOut: fingerprint({ preset: "default", heldOutRole: "all" }, 500, 9, { heldOut: true }),
    }).toMatchInlineSnapshot(`
      {
        "default": "dde09b58",
        "demo": "b696ec98",
        "easy": "798dd707",
        "forced": "5557d3d3",
        "hard": "bf183101",
        "heldOut": "78915f61",
        "noClauses": "653a718f",
        "noPPs": "2c19c915",
        "varied": "c4c2feac",
      }
    `);
  });
});
