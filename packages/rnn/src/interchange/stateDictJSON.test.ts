import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { createModel } from "../model/createModel";
import { loadStateDict, stateDictFromJSON, stateDictToJSON } from "./stateDictJSON";

const config = { cell: "gru", inputSize: 2, hiddenSize: 3, outputSize: 2, numLayers: 2, dtype: "float64" } as const;

describe("stateDictToJSON / stateDictFromJSON / loadStateDict", () => {
  it("round-trips every value exactly, under PyTorch's names and nested shapes", () => {
    const model = createModel(config, new Random(0));
    const json = JSON.parse(JSON.stringify(stateDictToJSON(model)));
    expect(Object.keys(json)).toEqual(model.namedParameters().map(([n]) => n));
    expect(json.weight_hh_l1).toHaveLength(9);
    expect(json.weight_hh_l1[0]).toHaveLength(3);
    const back = stateDictFromJSON(json, config);
    for (const [n, t] of model.namedParameters()) expect(Array.from(back[n].data)).toEqual(Array.from(t.data));
    const other = createModel(config, new Random(1));
    loadStateDict(other, json);
    expect(other.parameters().map((p) => Array.from(p.data))).toEqual(model.parameters().map((p) => Array.from(p.data)));
  });

  it("reads float32 values from JSON exactly (JavaScript writes the shortest decimal that reads back the same)", () => {
    const model = createModel({ ...config, dtype: "float32" }, new Random(2));
    const back = stateDictFromJSON(JSON.parse(JSON.stringify(stateDictToJSON(model))), { ...config, dtype: "float32" });
    expect(Array.from(back["weight_ih_l0"].data)).toEqual(Array.from(model.layers[0].weightIh.data));
  });

  it("names every missing and unexpected key at once, and the exact place of a bad value", () => {
    const json = stateDictToJSON(createModel(config, new Random(3))) as Record<string, unknown>;
    const { bias_hh_l1: _, ...rest } = json;
    expect(() => stateDictFromJSON({ ...rest, "rnn.weight_ih_l0": [] }, config)).toThrow(
      "stateDictFromJSON: stateDict does not match a gru model with 2 layer(s): missing bias_hh_l1 [9]; unexpected rnn.weight_ih_l0",
    );
    const bad = JSON.parse(JSON.stringify(json));
    bad.weight_ih_l1[4][2] = null;
    expect(() => stateDictFromJSON(bad, config)).toThrow("stateDictFromJSON: stateDict.weight_ih_l1[4][2] must be a finite number, got null");
    bad.weight_ih_l1 = bad.weight_ih_l1.slice(0, 3);
    expect(() => loadStateDict(createModel(config, new Random(4)), bad)).toThrow(
      "loadStateDict: stateDict.weight_ih_l1 must be an array of 9 arrays of shape [3] (shape [9,3]), got an array of length 3",
    );
    expect(() => stateDictFromJSON([], config)).toThrow("stateDictFromJSON: stateDict must be an object mapping parameter names to nested arrays, got an array of length 0");
  });
});
