import { CLIP_KINDS, NON_FINITE_POLICY_KINDS } from "@vanish/clipping";
import { STRATEGY_COLORS, strategyName } from "@vanish/viz";
import { describe, expect, it } from "vitest";
import { strategyLabel, zclipWarmup } from "./strategyLabel";

describe("one vocabulary of strategy names", () => {
  it("viz colours exactly @vanish/clipping's strategy kinds (plus none), so a spec finds its colour", () => {
    const strategies = CLIP_KINDS.filter((k) => !NON_FINITE_POLICY_KINDS.includes(k));
    expect(Object.keys(STRATEGY_COLORS).sort()).toEqual(["none", ...strategies].sort());
    for (const kind of strategies) expect(strategyName(`${kind}:1`)).toBe(kind);
  });
});

describe("strategyLabel", () => {
  it("names each strategy of the comparison with its spec", () => {
    expect(["none", "norm:1", "value:0.1", "agc:0.01", "zclip", "autoclip:10", "blockrms:1"].map(strategyLabel)).toEqual([
      "no clipping",
      "global norm ≤ 1 (norm:1)",
      "value ±0.1 (value:0.1)",
      "AGC λ = 0.01 (agc:0.01)",
      "ZClip (zclip)",
      "AutoClip (autoclip:10)",
      "blockrms:1",
    ]);
  });

  it("reads ZClip's warm-up from the spec", () => {
    expect(zclipWarmup("zclip")).toBe(25);
    expect(zclipWarmup("zclip:warmup=10")).toBe(10);
    expect(zclipWarmup("norm:1")).toBeNull();
    expect(zclipWarmup("none")).toBeNull();
  });
});
