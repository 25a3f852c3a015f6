import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { createModel } from "../model/createModel";
import { batchFromJSON } from "./batchJSON";

const model = createModel({ cell: "rnn_tanh", inputSize: 2, hiddenSize: 3, outputSize: 3, dtype: "float64" }, new Random(0));
const x = [
  [[1, 2], [3, 4]],
  [[5, 6], [7, 8]],
];

describe("batchFromJSON (the batch file of docs/interchange.md)", () => {
  it("reads x as [T, B, I] in the model's dtype and y as class ids", () => {
    const b = batchFromJSON({ x, y: [2, 0], loss: "last" }, model);
    expect(b.x!.shape).toEqual([2, 2, 2]);
    expect(b.x!.dtype).toBe("float64");
    expect(Array.from(b.x!.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(b.targets as Int32Array)).toEqual([2, 0]);
    expect(b.loss).toBe("last");
    expect(batchFromJSON({ x, y: [[0, 1], [2, 0]], loss: "all" }, model).targets).toEqual(Int32Array.of(0, 1, 2, 0));
    expect(batchFromJSON({ x, y: [1, 1] }, model).loss).toBe("last");
  });

  it.each<[string, unknown, string]>([
    ["an array", [], "batchFromJSON: the batch must be an object {x, y, loss}, got an array of length 0"],
    ["no x", { y: [0] }, "batchFromJSON: x must be an array of T >= 1 steps [T][B][I], got undefined"],
    ["an empty batch", { x: [[]], y: [] }, "batchFromJSON: x[0] must be an array of B >= 1 examples [B][I], got an array of length 0"],
    ["a ragged step", { x: [x[0], [[5, 6]]], y: [0, 0] }, "batchFromJSON: x[1] must be an array of 2 arrays of shape [2] (shape [2,2]), got an array of length 1"],
    ["a NaN stand-in", { x: [x[0], [[5, "NaN"], [7, 8]]], y: [0, 0] }, 'batchFromJSON: x[1][0][1] must be a finite number, got the string "NaN"'],
    ["y of [B] for loss all", { x, y: [0, 1], loss: "all" }, "batchFromJSON: y[0] must be an array of 2 numbers, got 0"],
    ["a class id out of range", { x, y: [[0, 1], [3, 0]], loss: "all" }, "batchFromJSON: y[1][0] must be a class id in [0, 2] (outputSize 3), got 3"],
    ["a negative class id", { x, y: [-1, 0] }, "batchFromJSON: y[0] must be a class id in [0, 2] (outputSize 3), got -1"],
  ])("rejects %s", (_, json, message) => {
    expect(() => batchFromJSON(json, model)).toThrow(message);
  });
});
