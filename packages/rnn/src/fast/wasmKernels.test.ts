import { Random, randn, setBackend, tensor, wasmSupported } from "@vanish/core";
import { afterAll, describe, expect, it } from "vitest";
import { expectClose, fastGrads, randomBatch, smallModel } from "../../test/helpers";
import type { SequenceBatch } from "../batch/SequenceBatch";
import type { ModelConfig } from "../model/config";

afterAll(() => setBackend("auto"));

// float32 on the wasm backend runs core's fused step kernels, the packed products and the per-step input
// products; on the js backend the same model runs the cells' JavaScript steps and plain gemms. Both must give
// the float64 gradients to float32 precision and each other's to a few ulps. Hidden sizes 7 (row tails of the
// 4-lane kernels) and 16; two layers, loss at every step.
describe.runIf(wasmSupported())("the float32 wasm kernels of the fused path against the JavaScript steps", () => {
  describe.each(["rnn_tanh", "lstm", "gru"] as const)("%s", (cell) => {
    it.each([7, 16])("hidden %i: with and without the kernels, equal to float64 to float32 precision", (H) => {
      const c64: ModelConfig = { cell, inputSize: 5, hiddenSize: H, outputSize: 3, dtype: "float64", numLayers: 2 };
      const batch64 = randomBatch(c64, 9, 6, new Random(31), { loss: "all" });
      const batch32 = { ...batch64, x: tensor(Float32Array.from(batch64.x!.data), { shape: batch64.x!.shape }) };
      expectKernelsAgree(cell, c64, batch64, batch32);
    });

    it("token input (embedding) with initial states h0 (and c0), hidden 7: the same agreement", () => {
      const c64: ModelConfig = { cell, inputSize: 4, vocabSize: 11, hiddenSize: 7, outputSize: 3, dtype: "float64" };
      const rng = new Random(33);
      const h0 = randn([1, 5, 7], rng, { dtype: "float64" });
      const c0 = randn([1, 5, 7], rng, { dtype: "float64" });
      const batch64 = randomBatch(c64, 8, 5, rng, { loss: "all", h0, ...(cell === "lstm" ? { c0 } : {}) });
      const f32 = (t: typeof h0) => tensor(Float32Array.from(t.data), { shape: t.shape });
      const batch32 = { ...batch64, h0: f32(h0), ...(cell === "lstm" ? { c0: f32(c0) } : {}) };
      expectKernelsAgree(cell, c64, batch64, batch32);
    });
  });
});

/**
 * Runs the float32 model on the wasm backend (the kernels) and on the js backend (the cells' JavaScript steps),
 * and the float64 model, all from the same seed, and compares their losses and gradients.
 */
function expectKernelsAgree(cell: string, c64: ModelConfig, batch64: SequenceBatch, batch32: SequenceBatch): void {
  setBackend("wasm");
  const f64 = fastGrads(smallModel(c64, 32), batch64);
  const on = fastGrads(smallModel({ ...c64, dtype: "float32" }, 32), batch32);
  setBackend("js");
  const off = fastGrads(smallModel({ ...c64, dtype: "float32" }, 32), batch32);
  for (const run of [on, off]) {
    expectClose(run.loss, f64.loss, { rtol: 1e-5, atol: 1e-6 });
    for (const [n, g] of f64.grads) expectClose(run.grads.get(n)!, g, { rtol: 1e-3, atol: 1e-5 });
  }
  for (const [n, g] of off.grads) expectClose(on.grads.get(n)!, g, { rtol: 1e-4, atol: 1e-6 });
  if (cell !== "rnn_tanh") {
    // Different kernels really ran: float32 results that agree in every bit would mean the backend did nothing.
    const differs = [...off.grads].some(([n, g]) => g.some((v, i) => v !== on.grads.get(n)![i]));
    expect(differs).toBe(true);
  }
}
