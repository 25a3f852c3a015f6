// Knob sets the datasets' own tests share (not exported from the package).
import type { AgreementOptions } from "./config";

/** The CLI demo's agreement task (apps/cli/src/experiments/demoPlan.ts): subject first, log-uniform distances 1–40. */
export const DEMO_KNOBS: AgreementOptions = {
  preset: "easy",
  framing: "lm",
  distance: [1, 40],
  distanceDraw: "logUniform",
  attractors: [0, 4],
  lexicon: { animate: 10, inanimate: 10, adjectives: 5, verbs: 5 },
};

/** The previous demo's variant: the subject after a prefix of up to 8 words, with an optional nested clause. */
export const PREFIX_VARIANT_KNOBS: AgreementOptions = {
  preset: "easy",
  distance: [1, 40],
  attractors: [0, 4],
  nesting: [0, 1],
  target: "main",
  prefix: [0, 8],
  lexicon: { animate: 10, inanimate: 10, adjectives: 5, verbs: 5 },
};
