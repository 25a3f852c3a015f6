import { describe, expect, it } from "vitest";
import { clipSpec, DEFAULT_CONFIG, minDistance, thresholdIsNorm, validateConfig, type LabConfig } from "./labConfig";

const errorsOf = (over: Record<string, unknown>) => {
  const v = validateConfig({ ...DEFAULT_CONFIG, ...over });
  return v.ok ? [] : v.errors;
};

describe("validateConfig", () => {
  it("accepts the defaults and returns a copy with the fields in a fixed order", () => {
    const v = validateConfig({ ...DEFAULT_CONFIG });
    expect(v).toEqual({ ok: true, config: DEFAULT_CONFIG });
    expect(v.ok && v.config).not.toBe(DEFAULT_CONFIG);
  });

  it("refuses a hidden size of 0, a fractional one and one too large, naming the field", () => {
    expect(errorsOf({ hiddenSize: 0 })).toEqual([{ field: "hiddenSize", message: "hidden size must be an integer from 1 to 256, got 0" }]);
    expect(errorsOf({ hiddenSize: 2.5 })[0].message).toBe("hidden size must be an integer from 1 to 256, got 2.5");
    expect(errorsOf({ hiddenSize: 257 })[0].message).toBe("hidden size must be an integer from 1 to 256, got 257");
  });

  it("refuses a threshold ≤ 0 or not a number when clipping, and ignores it without clipping", () => {
    expect(errorsOf({ clip: "norm", threshold: 0 })).toEqual([{ field: "threshold", message: "the clipping threshold must be a number > 0 and ≤ 1000000, got 0" }]);
    expect(errorsOf({ clip: "value", threshold: -1 })[0].message).toBe("the clipping threshold must be a number > 0 and ≤ 1000000, got -1");
    expect(errorsOf({ clip: "norm", threshold: NaN })[0].message).toBe("the clipping threshold must be a number > 0 and ≤ 1000000, got NaN");
    expect(errorsOf({ clip: "none", threshold: -1 })).toEqual([]);
  });

  it("reads AutoClip's threshold as a percentile in (0, 100]", () => {
    expect(errorsOf({ clip: "autoclip", threshold: 100 })).toEqual([]);
    expect(errorsOf({ clip: "autoclip", threshold: 101 })[0].message).toBe("the AutoClip percentile must be a number > 0 and ≤ 100, got 101");
  });

  it("refuses a learning rate or recurrent scale ≤ 0, and names outside the lists", () => {
    expect(errorsOf({ learningRate: 0 })[0].message).toBe("learning rate must be a number > 0 and ≤ 10, got 0");
    expect(errorsOf({ recurrentScale: -0.5 })[0].message).toBe("recurrent-weight scale must be a number > 0 and ≤ 10, got -0.5");
    expect(errorsOf({ cell: "transformer" })[0].message).toBe('cell must be one of rnn_tanh, rnn_relu, lstm, gru, got the string "transformer"');
    expect(errorsOf({ nonFinite: "ignore" })[0].message).toBe('non-finite policy must be one of stop, skip, got the string "ignore"');
  });

  it("bounds the distance by what the preset's nesting needs", () => {
    expect(minDistance("easy")).toBe(1);
    expect(minDistance("default")).toBe(9);
    expect(minDistance("hard")).toBe(13);
    expect(errorsOf({ preset: "default", distance: 8 })[0].message).toBe("distance (preset default) must be an integer from 9 to 120, got 8");
    expect(errorsOf({ preset: "default", distance: 9 })).toEqual([]);
  });

  it("takes a framing (number or lm) and refuses anything else", () => {
    expect(errorsOf({ framing: "lm", distance: 40 })).toEqual([]);
    expect(errorsOf({ framing: "LM" })).toEqual([{ field: "framing", message: 'framing must be one of number, lm, got the string "LM"' }]);
    expect(errorsOf({ framing: undefined })).toEqual([{ field: "framing", message: 'framing must be one of number, lm, got undefined' }]);
    // in the lm framing the distance is the longest one, with the same bounds
    expect(errorsOf({ framing: "lm", preset: "default", distance: 8 })[0].message).toBe("distance (preset default) must be an integer from 9 to 120, got 8");
  });

  it("takes a forget-gate bias from −10 to 10, or null for the random init", () => {
    expect(errorsOf({ forgetBias: null })).toEqual([]);
    expect(errorsOf({ forgetBias: 1 })).toEqual([]);
    expect(errorsOf({ forgetBias: -10 })).toEqual([]);
    const message = (got: string) => `forget-gate bias must be a number from -10 to 10, or empty for the random init, got ${got}`;
    expect(errorsOf({ forgetBias: 11 })).toEqual([{ field: "forgetBias", message: message("11") }]);
    expect(errorsOf({ forgetBias: NaN })).toEqual([{ field: "forgetBias", message: message("NaN") }]);
    expect(errorsOf({ forgetBias: "1" })).toEqual([{ field: "forgetBias", message: message('the string "1"') }]);
    const { forgetBias: _fb, ...without } = DEFAULT_CONFIG;
    const v = validateConfig(without);
    expect(!v.ok && v.errors).toEqual([{ field: "forgetBias", message: "forgetBias is missing" }]);
  });

  it("reports every problem at once, unknown and missing settings included", () => {
    const { seed: _seed, ...noSeed } = DEFAULT_CONFIG;
    const v = validateConfig({ ...noSeed, hiddenSize: 0, batchSize: "32", colour: "red" });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.errors).toEqual([
      { field: "config", message: 'unknown setting "colour"' },
      { field: "hiddenSize", message: "hidden size must be an integer from 1 to 256, got 0" },
      { field: "batchSize", message: 'batch size must be an integer from 1 to 256, got the string "32"' },
      { field: "seed", message: "seed is missing" },
    ]);
  });

  it("refuses what is not an object", () => {
    expect(validateConfig(null)).toEqual({ ok: false, errors: [{ field: "config", message: "the configuration must be an object, got null" }] });
    expect(validateConfig([1])).toEqual({ ok: false, errors: [{ field: "config", message: "the configuration must be an object, got an array of length 1" }] });
  });
});

describe("clipSpec and thresholdIsNorm", () => {
  it("builds the @vanish/clipping spec, or null without clipping", () => {
    const c = (clip: LabConfig["clip"], threshold: number) => clipSpec({ ...DEFAULT_CONFIG, clip, threshold });
    expect(c("norm", 1)).toBe("norm:1");
    expect(c("agc", 0.01)).toBe("agc:0.01");
    expect(c("none", 1)).toBeNull();
    expect(thresholdIsNorm("norm")).toBe(true);
    expect(thresholdIsNorm("value")).toBe(false);
  });
});
