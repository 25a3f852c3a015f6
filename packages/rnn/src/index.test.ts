import { describe, expect, it } from "vitest";
import * as rnn from "./index";

describe("@vanish/rnn", () => {
  it("exports exactly this public surface", () => {
    expect(Object.keys(rnn).sort()).toMatchInlineSnapshot(`
      [
        "CELL_TYPES",
        "NON_FINITE_POLICIES",
        "NonFiniteStepError",
        "RecurrentModel",
        "batchFromJSON",
        "createCheckpoint",
        "createModel",
        "decisionSaliency",
        "gateCount",
        "gateNames",
        "gradientReport",
        "jacobianNorms",
        "largestSingularValue",
        "loadStateDict",
        "lossAndGrad",
        "modelFromJSON",
        "modelToJSON",
        "parameterShapes",
        "parseCheckpoint",
        "recurrentSpectrum",
        "referenceLoss",
        "restoreCheckpoint",
        "serializeCheckpoint",
        "spectralRadius",
        "stateDictFromJSON",
        "stateDictToJSON",
        "stepsInPast",
        "trainStep",
        "truncatedBptt",
      ]
    `);
  });
});
