import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type LabConfig } from "./labConfig";
import { configFromQuery, configToQuery } from "./urlConfig";

describe("configToQuery / configFromQuery", () => {
  it("round-trips every field", () => {
    const config: LabConfig = { ...DEFAULT_CONFIG, task: "adding", length: 50, cell: "gru", learningRate: 0.003, clip: "autoclip", threshold: 10, seed: 7 };
    const query = configToQuery(config);
    expect(query).toBe(
      "task=adding&preset=easy&distance=12&length=50&cell=gru&hiddenSize=32&optimizer=adam&learningRate=0.003&recurrentInit=scaledNormal" +
        "&recurrentScale=1&clip=autoclip&threshold=10&nonFinite=stop&batchSize=32&seed=7",
    );
    expect(configFromQuery(`?${query}`)).toEqual({ config, errors: [], given: 15 });
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
