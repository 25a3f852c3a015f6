import { Random, arenaStats, getBackend, isWasmArray, setBackend, wasmSupported } from "@vanish/core";
import { afterEach, describe, expect, it } from "vitest";
import { randomBatch, smallModel } from "../../test/helpers";
import type { ModelConfig } from "../model/config";
import { lossAndGrad } from "./lossAndGrad";
import { Workspace, cachedWorkspace } from "./Workspace";

const config: ModelConfig = { cell: "lstm", inputSize: 5, hiddenSize: 8, outputSize: 3, dtype: "float32" };
const dims = { ...config, dtype: "float32" as const, numLayers: 1, vocabSize: 0, steps: 4, batch: 3 };

afterEach(() => setBackend("auto"));

describe.runIf(wasmSupported())("Workspace in core's wasm arena", () => {
  it("lives in the wasm arena on the wasm backend and in a plain array on js; dispose frees it", () => {
    setBackend("wasm");
    const before = arenaStats();
    const ws = new Workspace(dims);
    expect(isWasmArray(ws.arena)).toBe(true);
    expect(arenaStats().arrays).toBe(before.arrays + 1);
    ws.dispose();
    expect(arenaStats()).toEqual(before);
    setBackend("js");
    expect(isWasmArray(new Workspace(dims).arena)).toBe(false);
  });

  it("arenaStats stays flat over repeated calls with changing shapes (grown workspaces free the old arena)", () => {
    setBackend("wasm");
    expect(getBackend()).toBe("wasm");
    const model = smallModel(config, 1);
    const before = arenaStats();
    const shapes = [[3, 2], [5, 2], [5, 4], [2, 6], [7, 1], [7, 6], [1, 1]];
    const after: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [T, B] of shapes) lossAndGrad(model, randomBatch(config, T, B, new Random(T * 10 + B)));
      after.push(arenaStats().used);
    }
    const ws = cachedWorkspace(model)!;
    expect(isWasmArray(ws.arena)).toBe(true);
    expect([ws.dims.steps, ws.dims.batch]).toEqual([7, 6]);
    // One live workspace: exactly its arena more than before, the same after every round.
    expect(arenaStats().arrays).toBe(before.arrays + 1);
    expect(after).toEqual([after[0], after[0], after[0]]);
    expect(after[0] - before.used).toBe(Math.ceil((ws.arena.length * 4) / 64) * 64);
    ws.dispose();
    expect(arenaStats().used).toBe(before.used);
  });
});
