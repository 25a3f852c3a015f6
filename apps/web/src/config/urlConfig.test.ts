import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type LabConfig } from "./labConfig";
import { configFromQuery, configToQuery } from "./urlConfig";

describe("configToQuery / configFromQuery", () => {
  it("round-trips every field", () => {
    const config: LabConfig = { ...DEFAULT_CONFIG, task: "adding", length: 50, cell: "gru", learningRate: 0.003, clip: "autoclip", threshold: 10, seed: 7 };
    const query = configToQuery(config);
    expect(query).toBe(
      "task=adding&preset=easy&framing=number&distance=12&length=50&cell=gru&hiddenSize=32&forgetBias=none&optimizer=adam&learningRate=0.003" +
        "&recurrentInit=scaledNormal&recurrentScale=1&clip=autoclip&threshold=10&nonFinite=stop&batchSize=32&seed=7",
    );
    expect(configFromQuery(`?${query}`)).toEqual({ config, errors: [], given: 17 });
  });

  it("round-trips the lm framing and a forget-gate bias; refuses a bad framing or bias and keeps the base's", () => {
    const config: LabConfig = { ...DEFAULT_CONFIG, framing: "lm", distance: 40, cell: "lstm", forgetBias: 1 };
    const query = configToQuery(config);
    expect(query).toContain("framing=lm&distance=40");
    expect(query).toContain("forgetBias=1&");
    expect(configFromQuery(`?${query}`).config).toEqual(config);
    const r = configFromQuery("?framing=rnnlm&forgetBias=abc&cell=lstm");
    expect(r.config).toEqual({ ...DEFAULT_CONFIG, cell: "lstm" });
    expect(r.errors).toEqual([
      { field: "framing", message: 'framing must be one of number, lm, got the string "rnnlm"' },
      { field: "forgetBias", message: "forget-gate bias must be a number from -10 to 10, or empty for the random init, got NaN" },
    ]);
  });

  it("opens a link from before the framing and the forget-gate bias existed with their defaults", () => {
    expect(configFromQuery("?task=agreement&distance=20&cell=lstm")).toEqual({ config: { ...DEFAULT_CONFIG, distance: 20, cell: "lstm" }, errors: [], given: 3 });
  });

  it("fills absent fields from the base and ignores unknown parameters", () => {
    expect(configFromQuery("?cell=rnn_relu&utm_source=x")).toEqual({ config: { ...DEFAULT_CONFIG, cell: "rnn_relu" }, errors: [], given: 1 });
  });

  it("keeps the base value of each bad field and says what was refused", () => {
    const r = configFromQuery("?hiddenSize=0&threshold=&cell=lstm&learningRate=0.5");
    expect(r.config).toEqual({ ...DEFAULT_CONFIG, cell: "lstm", learningRate: 0.5 });
    expect(r.errors).toEqual([
      { field: "hiddenSize", message: "hidden size must be an integer from 1 to 256, got 0" },
      { field: "threshold", message: "the clipping threshold must be a number > 0 and ≤ 1000000, got NaN" },
    ]);
  });

  it("falls back to the base when fields are only bad together (a distance the preset cannot hold)", () => {
    const base = { ...DEFAULT_CONFIG, preset: "default" as const, distance: 20 };
    const r = configFromQuery("?distance=5", base);
    expect(r.config).toEqual(base);
    expect(r.errors[0].message).toBe("distance (preset default) must be an integer from 9 to 120, got 5");
  });
});
