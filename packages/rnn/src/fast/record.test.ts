import { Random, randn } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose, randomBatch, smallModel } from "../../test/helpers";
import { CELL_TYPES } from "../cells/registry";
import { jacobianNorms } from "../instrument/jacobianNorms";
import { recurrentSpectrum } from "../instrument/spectrum";
import { stepsInPast } from "../instrument/stepsInPast";
import type { ModelConfig } from "../model/config";
import { referenceLoss } from "../reference/referenceLoss";
import { lossAndGrad } from "./lossAndGrad";

const base = { inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers: 2, dtype: "float64" } as const;

describe.each(CELL_TYPES)("record with %s", (cell) => {
  const config: ModelConfig = { ...base, cell };

  it("returns the TOTAL dL/dh_t (and dL/dc_t) of every layer, equal to the reference path's probes", () => {
    const model = smallModel(config, 1);
    const T = 7;
    const B = 3;
    const batch = randomBatch(config, T, B, new Random(2), { loss: "all", mask: Float64Array.from({ length: T * B }, (_, k) => (k % 4) / 3) });
    const r = lossAndGrad(model.clone(), batch, { record: { hiddenGrads: true, hiddenGradNorms: true, cellGrads: true, cellGradNorms: true } });
    const ref = referenceLoss(model.clone(), batch, { probeHidden: true });
    ref.loss.backward();
    for (let l = 0; l < 2; l++) {
      const want = ref.hiddenProbes[l].flatMap((p) => Array.from(p.grad!.data));
      const rec = r.layers[l];
      expectClose(rec.hiddenGrads!, want);
      const perExample = Array.from({ length: T * B }, (_, k) => Math.hypot(...want.slice(k * 4, k * 4 + 4)));
      expectClose(rec.hiddenGradNorms!.perExample, perExample);
      expectClose(rec.hiddenGradNorms!.perStep, Array.from({ length: T }, (_, t) => Math.hypot(...want.slice(t * B * 4, (t + 1) * B * 4))));
      if (cell === "lstm") {
        const wantC = ref.cellProbes[l].flatMap((p) => Array.from(p.grad!.data));
        expectClose(rec.cellGrads!, wantC);
        expectClose(rec.cellGradNorms!.perStep, Array.from({ length: T }, (_, t) => Math.hypot(...wantC.slice(t * B * 4, (t + 1) * B * 4))));
      } else {
        expect(rec.cellGrads).toBeUndefined();
      }
    }
  });

  it("with T = 1 the one step's dL/dW_hh contribution is the whole gradient (and 0 from a zero state)", () => {
    const model = smallModel({ ...config, numLayers: 1 }, 3);
    const h0 = randn([1, 2, 4], new Random(4), { dtype: "float64" });
    const batch = randomBatch(config, 1, 2, new Random(3), { h0 });
    const m = model.clone();
    const r = lossAndGrad(m, batch, { record: { weightGradContributions: true } });
    const g = Array.from(m.layers[0].weightHh.grad!.data);
    expect(r.layers[0].weightGradContributions![0]).toBeGreaterThan(0);
    expectClose(r.layers[0].weightGradContributions![0], Math.hypot(...g));
    const zero = lossAndGrad(model.clone(), { ...batch, h0: undefined }, { record: { weightGradContributions: true } });
    expect(zero.layers[0].weightGradContributions![0]).toBe(0);
  });

  it("returns the spectrum before the pass, Jacobian norms of the top layer, and steps in the past", () => {
    const model = smallModel(config, 4);
    const batch = randomBatch(config, 6, 2, new Random(5));
    const spectrum = recurrentSpectrum(model);
    const jac = jacobianNorms(model.clone(), batch);
    const r = lossAndGrad(model, batch, { record: { spectrum: true, jacobianNorms: true, stepsInPast: { threshold: 0.1 }, hiddenGradNorms: true } });
    expect(r.layers.map((l) => l.spectrum)).toEqual(spectrum);
    expect(r.layers[0].jacobianNorms).toBeUndefined();
    expect(r.layers[1].jacobianNorms).toEqual(jac);
    r.layers.forEach((l) => expect(l.stepsInPast).toBe(stepsInPast(l.hiddenGradNorms!.perStep, { threshold: 0.1 })));
  });
});

describe("record", () => {
  it("a vanilla RNN's per-step dL/dW_hh contributions are ‖Σ_b u_{t,b} h_{t−1,b}ᵀ‖ (checked by a plain loop)", () => {
    const H = 4;
    const model = smallModel({ cell: "rnn_tanh", inputSize: 3, hiddenSize: H, outputSize: 2 }, 6);
    const T = 5;
    const B = 2;
    const batch = randomBatch({ ...base, cell: "rnn_tanh", numLayers: 1, outputSize: 2 }, T, B, new Random(7), { loss: "all" });
    const r = lossAndGrad(model.clone(), batch, { record: { weightGradContributions: true, hiddenGrads: true } });
    const g = r.layers[0].hiddenGrads!;
    // Forward by hand: h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh).
    const { weightIh, weightHh, biasIh, biasHh } = model.layers[0];
    const hs = [new Float64Array(B * H)];
    for (let t = 0; t < T; t++) {
      const h = new Float64Array(B * H);
      for (let b = 0; b < B; b++) {
        for (let i = 0; i < H; i++) {
          let a = biasIh.data[i] + biasHh.data[i];
          for (let k = 0; k < 3; k++) a += weightIh.data[i * 3 + k] * batch.x!.data[(t * B + b) * 3 + k];
          for (let k = 0; k < H; k++) a += weightHh.data[i * H + k] * hs[t][b * H + k];
          h[b * H + i] = Math.tanh(a);
        }
      }
      hs.push(h);
    }
    const want = Array.from({ length: T }, (_, t) => {
      let s = 0;
      for (let i = 0; i < H; i++) {
        for (let j = 0; j < H; j++) {
          let c = 0;
          for (let b = 0; b < B; b++) {
            const u = g[(t * B + b) * H + i] * (1 - hs[t + 1][b * H + i] ** 2);
            c += u * hs[t][b * H + j];
          }
          s += c * c;
        }
      }
      return Math.sqrt(s);
    });
    expectClose(r.layers[0].weightGradContributions!, want);
  });

  it("is empty unless asked for", () => {
    const config: ModelConfig = { ...base, cell: "gru" };
    expect(lossAndGrad(smallModel(config), randomBatch(config, 3, 2, new Random(8))).layers).toEqual([]);
  });

  it.each<[string, object, string]>([
    ["an unknown record", { record: { gradNorms: true } }, "lossAndGrad: options.record.gradNorms is not a known record; use one of hiddenGradNorms, hiddenGrads, cellGradNorms, cellGrads, weightGradContributions, stepsInPast, inputGradNorms, jacobianNorms, spectrum"],
    ["gradient records without gradients", { grad: false, record: { hiddenGradNorms: true } }, "lossAndGrad: options.record.hiddenGradNorms needs the backward pass; it cannot be combined with options.grad = false"],
    ["a record that is not an object", { record: true }, "lossAndGrad: options.record must be an object of flags, got true"],
  ])("rejects %s", (_, options, message) => {
    const config: ModelConfig = { ...base, cell: "rnn_tanh" };
    expect(() => lossAndGrad(smallModel(config), randomBatch(config, 3, 2, new Random(9)), options)).toThrow(message);
  });

  it("forward-only records (Jacobian norms, spectrum) work with grad: false", () => {
    const config: ModelConfig = { ...base, cell: "lstm" };
    const model = smallModel(config);
    const r = lossAndGrad(model, randomBatch(config, 4, 2, new Random(10)), { grad: false, record: { jacobianNorms: { layer: 0 }, spectrum: true } });
    expect(r.layers[0].jacobianNorms!.perExample).toHaveLength(8);
    expect(r.layers[1].spectrum!.map((s) => s.gate)).toEqual(["i", "f", "g", "o"]);
  });
});
