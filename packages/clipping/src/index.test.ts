import { describe, expect, it } from "vitest";
import * as clipping from "./index";

describe("@vanish/clipping", () => {
  it("exports exactly its public API", () => {
    expect(Object.keys(clipping).sort()).toEqual(
      [
        "AGCClip",
        "AGC_GRAD_EPS",
        "ApplyIfFinite",
        "BlockRmsClip",
        "CLIP_KINDS",
        "CLIP_SPEC_FORMS",
        "Chain",
        "ClipStrategyBase",
        "ErrorOnNonFinite",
        "GlobalNormClip",
        "NON_FINITE_POLICY_KINDS",
        "NORM_EPS",
        "NonFiniteGradientError",
        "PerTensorNormClip",
        "SkipNonFinite",
        "TFGlobalNormClip",
        "ValueClip",
        "ZClip",
        "ZeroNans",
        "AutoClip",
        "adaptiveGradClip",
        "chain",
        "clipByGlobalNorm",
        "clipGradBlockRms",
        "clipGradNorm",
        "clipGradNormPerTensor",
        "clipGradValue",
        "clipGradsWithNorm",
        "getTotalNorm",
        "parseClipSpec",
        "percentileOfSorted",
        "zeroNans",
      ].sort(),
    );
  });
});
