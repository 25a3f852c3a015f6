import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { createModel } from "../model/createModel";
import { modelFromJSON, modelToJSON } from "./modelJSON";

describe("modelToJSON / modelFromJSON (the model file of docs/interchange.md)", () => {
  it("round-trips config and weights, inferring numLayers and vocabSize when left out", () => {
    const model = createModel({ cell: "lstm", inputSize: 2, hiddenSize: 3, outputSize: 4, numLayers: 2, vocabSize: 6, dtype: "float64" }, new Random(0));
    const json = JSON.parse(JSON.stringify(modelToJSON(model)));
    expect(Object.keys(json)).toEqual(["cell", "inputSize", "hiddenSize", "outputSize", "numLayers", "vocabSize", "stateDict"]);
    const { numLayers: _l, vocabSize: _v, ...bare } = json;
    const back = modelFromJSON(bare, { dtype: "float64" });
    expect([back.numLayers, back.vocabSize, back.dtype]).toEqual([2, 6, "float64"]);
    expect(back.parameters().map((p) => Array.from(p.data))).toEqual(model.parameters().map((p) => Array.from(p.data)));
    expect(modelFromJSON(json).dtype).toBe("float32");
  });

  it("writes a one-layer dense model in exactly the §3 shape", () => {
    const json = modelToJSON(createModel({ cell: "rnn_tanh", inputSize: 1, hiddenSize: 2, outputSize: 2 }, new Random(1)));
    expect(Object.keys(json)).toEqual(["cell", "inputSize", "hiddenSize", "outputSize", "stateDict"]);
    expect(Object.keys(json.stateDict)).toEqual(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "head.weight", "head.bias"]);
  });

  it.each<[string, unknown, string]>([
    ["not an object", "model", 'modelFromJSON: the model must be an object {cell, inputSize, hiddenSize, outputSize, stateDict}, got the string "model"'],
    ["a missing cell", { inputSize: 1 }, 'modelFromJSON: cell must be one of "rnn_tanh", "rnn_relu", "lstm", "gru", got undefined'],
    ["a string size", { cell: "gru", inputSize: "2", hiddenSize: 2, outputSize: 2, stateDict: {} }, 'modelFromJSON: inputSize must be an integer >= 1, got the string "2"'],
    ["no state dict", { cell: "gru", inputSize: 2, hiddenSize: 2, outputSize: 2 }, "modelFromJSON: stateDict must be an object mapping parameter names to nested arrays, got undefined"],
    ["a bad numLayers", { cell: "gru", inputSize: 2, hiddenSize: 2, outputSize: 2, numLayers: 0, stateDict: {} }, "modelFromJSON: numLayers must be an integer >= 1, got 0"],
    ["an empty state dict", { cell: "rnn_relu", inputSize: 1, hiddenSize: 2, outputSize: 2, stateDict: {} }, "modelFromJSON: stateDict does not match a rnn_relu model with 1 layer(s): missing weight_ih_l0 [2,1], weight_hh_l0 [2,2], bias_ih_l0 [2], bias_hh_l0 [2], head.weight [2,2], head.bias [2]"],
  ])("rejects %s", (_, json, message) => {
    expect(() => modelFromJSON(json)).toThrow(message);
  });
});
