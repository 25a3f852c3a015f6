import { Random, SGD, Tensor, add, div, gradcheck, matmul, mul, sqrt, sub, sum } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose, gradsOf, randomBatch, smallModel } from "../../test/helpers";
import { lossAndGrad } from "../fast/lossAndGrad";
import type { ModelConfig } from "../model/config";
import type { RecurrentModel } from "../model/RecurrentModel";
import { referenceLoss } from "../reference/referenceLoss";
import type { SequenceBatch } from "../batch/SequenceBatch";

/**
 * Ω of one layer written with core's autodiff ops as a function of W_hh alone, with g = dL/dh_{k+1} and
 * act′(h_{k+1}) taken from the reference path and frozen (the paper's "immediate" derivative).
 */
function omegaReference(model: RecurrentModel, batch: SequenceBatch, layer: number): { value: (w: Tensor) => Tensor } {
  const ref = referenceLoss(model.clone(), batch, { probeHidden: true });
  ref.loss.backward();
  const H = model.hiddenSize;
  const g = ref.hiddenProbes[layer].map((p) => p.grad!.data);
  const h = ref.hidden[layer].map((t) => t.data);
  const T = g.length;
  const B = g[0].length / H;
  const u: number[] = [];
  const gn: number[] = [];
  // Rows with u = 0 (every unit of a relu step off) have v = 0 whatever W is: ratio 0, a constant term 1.
  let constant = 0;
  for (let k = 0; k < T - 1; k++) {
    for (let b = 0; b < B; b++) {
      const row = Array.from({ length: H }, (_, j) => {
        const y = h[k + 1][b * H + j];
        return g[k + 1][b * H + j] * (model.cell === "rnn_tanh" ? 1 - y * y : y > 0 ? 1 : 0);
      });
      const norm = Math.hypot(...Array.from(g[k + 1].subarray(b * H, (b + 1) * H)));
      if (norm === 0) continue;
      if (row.every((v) => v === 0)) constant += 1;
      else {
        u.push(...row);
        gn.push(norm);
      }
    }
  }
  const U = new Tensor(Float64Array.from(u), [gn.length, H]);
  const G = new Tensor(Float64Array.from(gn), [gn.length]);
  return {
    value: (w) => {
      const v = matmul(U, w);
      const ratio = div(sqrt(sum(mul(v, v), 1)), G);
      const d = sub(ratio, 1);
      return div(add(sum(mul(d, d)), constant), B);
    },
  };
}

describe.each(["rnn_tanh", "rnn_relu"] as const)("Pascanu's Ω with %s", (cell) => {
  const config: ModelConfig = { cell, inputSize: 3, hiddenSize: 4, outputSize: 2, numLayers: 2, dtype: "float64" };

  it("has the value of eq. (9) and adds λ·∂Ω/∂W_hh (the immediate derivative) to each layer's grad", () => {
    const model = smallModel(config, 1);
    const batch = randomBatch(config, 8, 3, new Random(2), { loss: "all" });
    const lambda = 0.7;
    let omega = NaN;
    let objective = NaN;
    let loss = NaN;
    const withOmega = gradsOf(model, (m) => ({ omega, objective, loss } = lossAndGrad(m, batch, { omega: { weight: lambda } }) as { omega: number; objective: number; loss: number }));
    const without = gradsOf(model, (m) => lossAndGrad(m, batch));
    let total = 0;
    for (let l = 0; l < 2; l++) {
      const ref = omegaReference(model, batch, l);
      const w = model.layers[l].weightHh.clone();
      w.requiresGrad = true;
      const value = ref.value(w);
      total += value.item();
      value.backward();
      const name = `weight_hh_l${l}`;
      expectClose(Float64Array.from(withOmega.get(name)!, (v, k) => (v - without.get(name)![k]) / lambda), w.grad!.data, { rtol: 1e-8, atol: 1e-12 });
      // The reference Ω itself is differentiated correctly (a check of the formula, not only of the code).
      expect(gradcheck(ref.value, [model.layers[l].weightHh.clone()].map((t) => ((t.requiresGrad = true), t))).ok).toBe(true);
    }
    expectClose(omega, total);
    expectClose(objective, loss + lambda * omega);
    // Nothing but W_hh changes.
    for (const [name, g] of without) if (!name.startsWith("weight_hh")) expectClose(withOmega.get(name)!, g);
  });

  it("skips the steps with no error signal (after each example's last loss step)", () => {
    const model = smallModel({ ...config, numLayers: 1 }, 3);
    const batch = randomBatch(config, 6, 2, new Random(4), { lengths: [6, 3] });
    const r = lossAndGrad(model.clone(), batch, { omega: { weight: 1 }, record: { hiddenGrads: true } });
    // Example 1's last loss is at step 2: dL/dh_t = 0 after it, so those terms are left out (not counted as 1).
    const g = r.layers[0].hiddenGrads!;
    expect(Array.from(g.subarray((3 * 2 + 1) * 4, (3 * 2 + 2) * 4)).every((v) => v === 0)).toBe(true);
    expectClose(r.omega!, omegaReference(model, batch, 0).value(model.layers[0].weightHh).item());
  });
});

describe("Pascanu's Ω", () => {
  it("weight 0 leaves the gradients unchanged; training with Ω still lowers the loss", () => {
    const config: ModelConfig = { cell: "rnn_tanh", inputSize: 3, hiddenSize: 6, outputSize: 2, dtype: "float64" };
    const model = smallModel(config, 5);
    const batch = randomBatch(config, 10, 8, new Random(6));
    const a = gradsOf(model, (m) => lossAndGrad(m, batch, { omega: { weight: 0 } }));
    const b = gradsOf(model, (m) => lossAndGrad(m, batch));
    for (const [n, g] of b) expectClose(a.get(n)!, g);
    const sgd = new SGD(model.parameters(), { lr: 0.3 });
    const first = lossAndGrad(model, batch, { grad: false }).loss;
    for (let i = 0; i < 40; i++) {
      sgd.zeroGrad();
      lossAndGrad(model, batch, { omega: { weight: 0.5 } });
      sgd.step();
    }
    expect(lossAndGrad(model, batch, { grad: false }).loss).toBeLessThan(first);
  });

  it.each<[string, ModelConfig["cell"], object, string]>([
    ["a gated cell", "lstm", { omega: { weight: 1 } }, 'lossAndGrad: options.omega (Pascanu\'s Ω) is defined for the vanilla RNN ("rnn_tanh", "rnn_relu"), got a "lstm" model'],
    ["a negative weight", "rnn_tanh", { omega: { weight: -1 } }, "lossAndGrad: options.omega.weight must be a finite number >= 0, got -1"],
    ["no gradients", "rnn_tanh", { omega: { weight: 1 }, grad: false }, "lossAndGrad: options.omega needs the backward pass; it cannot be combined with options.grad = false"],
  ])("rejects %s", (_, cell, options, message) => {
    const config: ModelConfig = { cell, inputSize: 2, hiddenSize: 3, outputSize: 2, dtype: "float64" };
    expect(() => lossAndGrad(smallModel(config), randomBatch(config, 3, 1, new Random(0)), options)).toThrow(message);
  });
});
