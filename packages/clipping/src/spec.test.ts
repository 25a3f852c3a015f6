import { describe, expect, it } from "vitest";
import { Chain } from "./chain";
import { ApplyIfFinite } from "./policies/applyIfFinite";
import { ErrorOnNonFinite } from "./policies/errorOnNonFinite";
import { SkipNonFinite } from "./policies/skipNonFinite";
import { ZeroNans } from "./policies/zeroNans";
import { CLIP_KINDS, CLIP_SPEC_FORMS, NON_FINITE_POLICY_KINDS, parseClipSpec } from "./spec";
import { AGCClip } from "./strategies/agc";
import { AutoClip } from "./strategies/autoClip";
import { BlockRmsClip } from "./strategies/blockRms";
import { GlobalNormClip } from "./strategies/globalNorm";
import { PerTensorNormClip } from "./strategies/perTensorNorm";
import { TFGlobalNormClip } from "./strategies/tfGlobalNorm";
import { ValueClip } from "./strategies/value";
import { ZClip } from "./strategies/zClip";

describe("parseClipSpec", () => {
  it("parses every form to its strategy, with its options", () => {
    const cases: [string, unknown, string][] = [
      ["value:0.5", ValueClip, "value:0.5"],
      ["norm:1", GlobalNormClip, "norm:1"],
      ["norm:1:type=inf", GlobalNormClip, "norm:1:type=inf"],
      ["NORM:2:type=1:errorIfNonfinite=true", GlobalNormClip, "norm:2:type=1:errorIfNonfinite=true"],
      ["tensornorm:3", PerTensorNormClip, "tensornorm:3"],
      ["tfglobalnorm:5", TFGlobalNormClip, "tfglobalnorm:5"],
      ["blockrms:0.1", BlockRmsClip, "blockrms:0.1"],
      ["agc", AGCClip, "agc:0.01"],
      ["agc:0.02:eps=1e-4:exclude=-2|-1", AGCClip, "agc:0.02:eps=0.0001:exclude=-2|-1"],
      ["agc:exclude=head.weight|head.bias", AGCClip, "agc:0.01:exclude=head.weight|head.bias"],
      ["autoclip", AutoClip, "autoclip:10"],
      ["autoclip:5:history=1000", AutoClip, "autoclip:5:history=1000"],
      ["zclip", ZClip, "zclip"],
      ["zclip:alpha=0.9:z=3:warmup=10:eps=0:max=1", ZClip, "zclip:alpha=0.9:z=3:warmup=10:eps=0:max=1"],
      ["error", ErrorOnNonFinite, "error"],
      ["skip", SkipNonFinite, "skip"],
      ["zeronans", ZeroNans, "zeroNans"],
      ["applyIfFinite:5", ApplyIfFinite, "applyIfFinite:5"],
    ];
    for (const [text, type, canonical] of cases) {
      const s = parseClipSpec(text);
      expect(s, text).toBeInstanceOf(type);
      expect(s.spec).toBe(canonical);
      expect(parseClipSpec(s.spec).spec).toBe(canonical);
      expect(parseClipSpec(s.toJSON() as never).spec).toBe(canonical);
      expect(parseClipSpec(JSON.stringify(s.toJSON())).spec).toBe(canonical);
    }
    const n = parseClipSpec("norm:1:type=inf") as GlobalNormClip;
    expect(n.normType).toBe(Infinity);
    const z = parseClipSpec("zclip:warmup=10") as ZClip;
    expect([z.alpha, z.warmupSteps]).toEqual([0.97, 10]);
  });

  it("parses chains written with > or as JSON arrays", () => {
    const c = parseClipSpec(" zeroNans > agc:0.01 > norm:1 ");
    expect(c).toBeInstanceOf(Chain);
    expect(c.spec).toBe("zeroNans>agc:0.01>norm:1");
    const j = parseClipSpec([{ type: "zeroNans" }, { type: "agc", clipping: 0.01 }, { type: "norm", maxNorm: 1, normType: "inf" }]);
    expect(j.spec).toBe("zeroNans>agc:0.01>norm:1:type=inf");
    expect(parseClipSpec('[{"type":"value","clipValue":5}]')).toBeInstanceOf(ValueClip);
    expect(parseClipSpec({ type: "zclip", zThreshold: 3 }).spec).toBe("zclip:z=3");
  });

  it("names every kind once, strategies first, then the non-finite policies", () => {
    expect(CLIP_KINDS).toEqual(["value", "norm", "tensornorm", "tfglobalnorm", "blockrms", "agc", "autoclip", "zclip", "error", "skip", "zeroNans", "applyIfFinite"]);
    expect(NON_FINITE_POLICY_KINDS).toEqual(["error", "skip", "zeroNans", "applyIfFinite"]);
    for (const kind of CLIP_KINDS) expect(CLIP_SPEC_FORMS).toContain(`\n  ${kind}`);
  });

  it("lists the valid forms", () => {
    expect(CLIP_SPEC_FORMS).toMatchInlineSnapshot(`
      "valid forms:
        value:C                                           clamp every element to [-C, C]
        norm:MAX[:type=2|1|inf]                           global norm of all tensors together (PyTorch clip_grad_norm_)
        tensornorm:MAX                                    each tensor by its own norm (Keras clipnorm)
        tfglobalnorm:MAX                                  global norm, TF clip_by_global_norm semantics
        blockrms:T                                        each tensor to RMS <= T (optax clip_by_block_rms)
        agc[:LAMBDA][:eps=E][:exclude=I|NAME|...]         unit-wise adaptive clipping, default LAMBDA 0.01 (Brock et al. 2021)
        autoclip[:P][:history=H]                          clip to the P-th percentile of past norms, default P 10 (Seetharaman et al. 2020)
        zclip[:alpha=A][:z=Z][:warmup=W][:eps=E][:max=M]  z-score spike clipping, defaults 0.97, 2.5, 25, 1e-6 (Kumar et al. 2025)
        error                                             throw on NaN/Infinity
        skip                                              skip the update on NaN/Infinity and count skips
        zeroNans                                          replace NaN by 0 (optax zero_nans)
        applyIfFinite:N                                   skip non-finite updates, throw after N in a row (optax apply_if_finite)
        chain stages with ">", e.g. "zeroNans>agc:0.01>norm:1", or give a JSON object {"type":"norm","maxNorm":1} or an array of them"
    `);
  });

  it("explains a bad spec and lists the valid forms", () => {
    expect(() => parseClipSpec("nrom:1")).toThrowErrorMatchingInlineSnapshot(`
      [TypeError: parseClipSpec: "nrom:1": unknown strategy "nrom"
      valid forms:
        value:C                                           clamp every element to [-C, C]
        norm:MAX[:type=2|1|inf]                           global norm of all tensors together (PyTorch clip_grad_norm_)
        tensornorm:MAX                                    each tensor by its own norm (Keras clipnorm)
        tfglobalnorm:MAX                                  global norm, TF clip_by_global_norm semantics
        blockrms:T                                        each tensor to RMS <= T (optax clip_by_block_rms)
        agc[:LAMBDA][:eps=E][:exclude=I|NAME|...]         unit-wise adaptive clipping, default LAMBDA 0.01 (Brock et al. 2021)
        autoclip[:P][:history=H]                          clip to the P-th percentile of past norms, default P 10 (Seetharaman et al. 2020)
        zclip[:alpha=A][:z=Z][:warmup=W][:eps=E][:max=M]  z-score spike clipping, defaults 0.97, 2.5, 25, 1e-6 (Kumar et al. 2025)
        error                                             throw on NaN/Infinity
        skip                                              skip the update on NaN/Infinity and count skips
        zeroNans                                          replace NaN by 0 (optax zero_nans)
        applyIfFinite:N                                   skip non-finite updates, throw after N in a row (optax apply_if_finite)
        chain stages with ">", e.g. "zeroNans>agc:0.01>norm:1", or give a JSON object {"type":"norm","maxNorm":1} or an array of them]
    `);
    for (const [spec, first] of [
      ["", 'parseClipSpec: "": the spec is empty'],
      ["norm", 'parseClipSpec: "norm": norm needs a value: norm:MAX[:type=2|1|inf]'],
      ["value:abc", 'parseClipSpec: "value:abc": "abc" is not a number'],
      ["value:1:2", 'parseClipSpec: "value:1:2": value takes one value, got another: "2"; use value:C'],
      ["skip:1", 'parseClipSpec: "skip:1": skip takes no value, got "1"; use skip'],
      ["norm:1:p=2", 'parseClipSpec: "norm:1:p=2": unknown option "p" for norm (it takes type, errorIfNonfinite)'],
      ["norm:1>", 'parseClipSpec: "norm:1>": a stage is empty'],
      ["norm:1:errorIfNonfinite=yes", 'parseClipSpec: "norm:1:errorIfNonfinite=yes": errorIfNonfinite must be true or false, got "yes"'],
      ["[{]", 'parseClipSpec: "[{]": invalid JSON'],
      ['{"type":"norm","max":1}', 'parseClipSpec: the spec object: unknown key "max" for norm (it takes maxNorm, normType, errorIfNonfinite)'],
      ["[]", "parseClipSpec: []: a chain needs at least one stage"],
    ] as const) {
      let message = "";
      try {
        parseClipSpec(spec);
      } catch (error) {
        expect(error, spec).toBeInstanceOf(TypeError);
        message = (error as Error).message;
      }
      expect(message.startsWith(first), `${spec}: ${message}`).toBe(true);
      expect(message.endsWith(CLIP_SPEC_FORMS), spec).toBe(true);
    }
  });

  it("reports a value out of range with the strategy's own rule", () => {
    expect(() => parseClipSpec("value:-1")).toThrow(new RangeError('parseClipSpec: "value:-1": ValueClip: clipValue must be in [0, Infinity), got -1'));
    expect(() => parseClipSpec("zeroNans>norm:1:type=3")).toThrow(
      new RangeError('parseClipSpec: "zeroNans>norm:1:type=3": GlobalNormClip: options.normType must be 1, 2 or Infinity, got 3'),
    );
    expect(() => parseClipSpec(42 as never)).toThrow("parseClipSpec: the spec: must be a string, an object or an array of objects, got 42");
  });
});
