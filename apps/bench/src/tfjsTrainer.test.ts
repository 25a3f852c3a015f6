import * as tf from "@tensorflow/tfjs";
import { gateCount } from "@vanish/rnn";
import { beforeAll, describe, expect, it } from "vitest";
import { expectClose } from "../../../tooling/testing";
import { makeProblem, type Problem } from "./problem";
import { createTfjsTrainer } from "./tfjsTrainer";
import { transposed } from "./tfjsLayout";
import { createVanishTrainer } from "./vanishTrainer";

// The proof that the benchmark compares like with like: from the same JSON weights and batch, tfjs (through the
// tfjs ↔ PyTorch weight mapping) and Vanish compute the same first loss and the same gradients.

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const tol = { rtol: 1e-5, atol: 1e-6 };

function problemFor(cell: "rnn_tanh" | "lstm" | "gru"): Problem {
  return makeProblem({ cell, steps: 7, hiddenSize: 5, batchSize: 4, inputSize: 3, learningRate: 0.5 }, 3);
}

async function twoLosses(step: () => number | Promise<number>): Promise<number[]> {
  return [await step(), await step()];
}

describe("tfjs manual loops and Vanish take the same two steps", () => {
  for (const cell of ["rnn_tanh", "lstm", "gru"] as const) {
    it(cell, async () => {
      const problem = problemFor(cell);
      const vanish64 = await twoLosses(createVanishTrainer(problem, "float64").step);
      const vanish32 = await twoLosses(createVanishTrainer(problem, "float32").step);
      const trainer = createTfjsTrainer(tf, problem, "manual");
      const tfjs = await twoLosses(trainer.step);
      trainer.dispose();
      expect(trainer.pytorchUpdate).toBe(true);
      expectClose(vanish32, vanish64, tol);
      expectClose(tfjs, vanish64, tol);
      // One step at lr 0.5 moves the loss far more than the tolerance: the second loss checks the gradients.
      expect(Math.abs(vanish64[1] - vanish64[0])).toBeGreaterThan(1e-3);
    });
  }
});

describe("tfjs layers (one summed bias) and Vanish agree on the first loss and every gradient", () => {
  for (const cell of ["rnn_tanh", "lstm"] as const) {
    it(cell, async () => {
      const problem = problemFor(cell);
      const lr = problem.learningRate;
      const vanish = createVanishTrainer(problem, "float64");
      const vanishLoss = vanish.step(undefined, () => undefined);
      const trainer = createTfjsTrainer(tf, problem, "layers");
      expect(trainer.pytorchUpdate).toBe(false);
      // The tfjs model's weights before and after one trainOnBatch give its gradients: (before − after) / lr.
      const { model } = problem;
      const I = model.inputSize;
      const H = model.hiddenSize;
      const GH = gateCount(cell) * H;
      const sd = problem.model.stateDict as Record<string, number[][] | number[]>;
      const before = [transposed(sd.weight_ih_l0 as number[][], GH, I), transposed(sd.weight_hh_l0 as number[][], GH, H)];
      const tfjsLoss = await trainer.step();
      expectClose(tfjsLoss, vanishLoss, tol);
      const after = trainer.weights();
      trainer.dispose();
      const grads = vanish.model.parameters().map((p) => p.grad!);
      // kernel = W_ihᵀ, recurrent_kernel = W_hhᵀ, bias = b_ih + b_hh (whose gradient equals each bias's).
      expectClose(before[0].map((v, k) => (v - after[0][k]) / lr), transposed(nested(grads[0].toArray()), GH, I), { rtol: 1e-4, atol: 1e-5 });
      expectClose(before[1].map((v, k) => (v - after[1][k]) / lr), transposed(nested(grads[1].toArray()), GH, H), { rtol: 1e-4, atol: 1e-5 });
      const biasBefore = (sd.bias_ih_l0 as number[]).map((v, k) => v + (sd.bias_hh_l0 as number[])[k]);
      expectClose(biasBefore.map((v, k) => (v - after[2][k]) / lr), grads[2].toTypedArray(), { rtol: 1e-4, atol: 1e-5 });
      expectClose(grads[3].toTypedArray(), grads[2].toTypedArray(), { rtol: 0, atol: 0 });
    });
  }

  it("refuses a GRU: tfjs's gru layer cannot be reset-after", () => {
    expect(() => createTfjsTrainer(tf, problemFor("gru"), "layers")).toThrow(
      `createTfjsTrainer: tfjs's gru layer cannot hold a PyTorch (reset-after) GRU (resetAfter: true throws); use the "manual" form`,
    );
  });

  it("tfjs's gru layer does throw on resetAfter: true", () => {
    expect(() => tf.layers.gru({ units: 2, resetAfter: true } as Parameters<typeof tf.layers.gru>[0])).toThrow();
  });
});

function nested(a: unknown): number[][] {
  return a as number[][];
}
