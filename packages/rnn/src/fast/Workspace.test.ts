import { Random, getBackend, setBackend, wasmSupported } from "@vanish/core";
import { arenaStats, isWasmArray } from "@vanish/core/kernels";
import { afterEach, describe, expect, it } from "vitest";
import { fastGrads, randomBatch, smallModel } from "../../test/helpers";
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
    expect([ws.backend, ws.wasm, ws.fused]).toEqual(["wasm", true, true]);
    setBackend("js");
    const js = new Workspace(dims);
    expect(isWasmArray(js.arena)).toBe(false);
    expect([js.backend, js.wasm, js.fused]).toEqual(["js", false, false]);
    setBackend("wasm");
    const f64 = new Workspace({ ...dims, dtype: "float64" });
    expect([f64.wasm, f64.fused]).toEqual([true, false]);
    f64.dispose();
  });

  it("is rebuilt when the backend changes, so the kernels follow the backend in use (and the old arena is freed)", () => {
    setBackend("wasm");
    const model = smallModel(config, 2);
    const batch = randomBatch(config, 4, 3, new Random(5));
    const onWasm = fastGrads(model, batch);
    const m = model.clone();
    lossAndGrad(m, batch);
    const first = cachedWorkspace(m)!;
    expect(first.wasm).toBe(true);
    const live = arenaStats().arrays;
    setBackend("js");
    lossAndGrad(m, batch);
    const second = cachedWorkspace(m)!;
    expect(second).not.toBe(first);
    expect([second.backend, second.wasm, isWasmArray(second.arena)]).toEqual(["js", false, false]);
    expect(arenaStats().arrays).toBe(live - 1);
    // Same shape, same backend: the workspace is reused.
    lossAndGrad(m, batch);
    expect(cachedWorkspace(m)).toBe(second);
    // The js run is the cells' JavaScript steps: float32 rounding apart from the wasm kernels, not bit-equal.
    const onJs = fastGrads(model, batch);
    for (const [name, g] of onWasm.grads) {
      const h = onJs.grads.get(name)!;
      g.forEach((v, i) => expect(Math.abs(v - h[i])).toBeLessThanOrEqual(1e-5 + 1e-3 * Math.abs(v)));
    }
    expect([...onWasm.grads].some(([name, g]) => g.some((v, i) => v !== onJs.grads.get(name)![i]))).toBe(true);
    setBackend("wasm");
    lossAndGrad(m, batch);
    const third = cachedWorkspace(m)!;
    expect([third.backend, third.wasm]).toEqual(["wasm", true]);
    third.dispose();
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
