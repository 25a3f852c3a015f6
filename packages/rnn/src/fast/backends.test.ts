import { Random, getBackend, setBackend, tensor, wasmSupported, type Backend } from "@vanish/core";
import { afterAll, describe, expect, it } from "vitest";
import { expectClose, expectFastMatchesReference, expectGradcheck, fastGrads, randomBatch, smallModel } from "../../test/helpers";
import { CELL_TYPES } from "../cells/registry";
import type { ModelConfig } from "../model/config";

// The issue asks that the RNN gradient checks run on both of core's kernel backends. Sizes are chosen so that
// the recurrent products (B·H·H, B·G·H·H) and the input products exceed core's staging threshold (512
// multiply-adds) and the gate blocks its activation threshold (64 elements): on "wasm" they really run there.
const backends: Backend[] = wasmSupported() ? ["js", "wasm"] : ["js"];

afterAll(() => setBackend("auto"));

describe.each(backends)("on the %s backend", (backend) => {
  describe.each(CELL_TYPES)("%s", (cell) => {
    it("the fast path matches the reference path (float64, 2 layers) and passes gradcheck", () => {
      setBackend(backend);
      expect(getBackend()).toBe(backend);
      const config: ModelConfig = { cell, inputSize: 8, hiddenSize: 8, outputSize: 3, dtype: "float64", numLayers: 2 };
      expectFastMatchesReference(smallModel(config, 21), randomBatch(config, 5, 8, new Random(22), { loss: "all" }));
      const small = { ...config, hiddenSize: 5, numLayers: 1 };
      expectGradcheck(smallModel(small, 23), randomBatch(small, 3, 8, new Random(24)));
    });

    it("float32 agrees with float64 to float32 precision", () => {
      setBackend(backend);
      const c64: ModelConfig = { cell, inputSize: 8, hiddenSize: 16, outputSize: 3, dtype: "float64" };
      const batch64 = randomBatch(c64, 12, 8, new Random(25), { loss: "all" });
      const batch32 = { ...batch64, x: tensor(Float32Array.from(batch64.x!.data), { shape: batch64.x!.shape }) };
      const f32 = fastGrads(smallModel({ ...c64, dtype: "float32" }, 26), batch32);
      const f64 = fastGrads(smallModel(c64, 26), batch64);
      expectClose(f32.loss, f64.loss, { rtol: 1e-5, atol: 1e-6 });
      for (const [n, g] of f64.grads) expectClose(f32.grads.get(n)!, g, { rtol: 1e-3, atol: 1e-5 });
    });
  });
});
