// The exploding-gradient demonstration (docs/background.md#lesson): a relu RNN whose recurrent weights amplify (W_hh ≈ 1.2·I) trained with plain SGD
// reaches a non-finite loss within a step, and the very same run (same seed, weights, data and learning rate)
// with global-norm clipping (Pascanu et al. 2013) stays finite while its loss falls. Built here from
// @vanish/core's autodiff ops; @vanish/clipping never depends on @vanish/rnn.
import { add, identityInit, matmul, mse, Random, randn, relu, SGD, transpose, zeros, type Tensor } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { clipGradNorm, getTotalNorm } from "../src/index";

const I = 2;
const H = 16;
const B = 16;
const T = 20;
const STEPS = 60;
const LR = 0.05;

interface Run {
  losses: number[];
  gradNorms: number[];
  params: Tensor[];
}

/** float32 training of h_t = relu(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh), ŷ = h_T W_outᵀ + b_out, MSE. */
function train(maxNorm: number | null): Run {
  const rng = new Random(7);
  const wih = randn([H, I], rng, { std: 0.5 });
  const whh = identityInit([H, H], { scale: 1.2 });
  const noise = randn([H, H], rng, { std: 0.05 });
  for (let i = 0; i < whh.size; i++) whh.data[i] += noise.data[i];
  const bih = zeros([H]);
  const bhh = zeros([H]);
  const wout = randn([1, H], rng, { std: 0.25 });
  const bout = zeros([1]);
  const params = [wih, whh, bih, bhh, wout, bout];
  for (const p of params) p.requiresGrad = true;
  const xs = Array.from({ length: T }, () => randn([B, I], rng));
  // target: the mean over time of the first input feature (needs memory of all T steps)
  const target = zeros([B, 1]);
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (const x of xs) s += x.data[b * I];
    target.data[b] = s / T;
  }
  const opt = new SGD(params, { lr: LR });
  const losses: number[] = [];
  const gradNorms: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    let h = zeros([B, H]);
    for (const x of xs) h = relu(add(add(matmul(x, transpose(wih)), bih), add(matmul(h, transpose(whh)), bhh)));
    const loss = mse(add(matmul(h, transpose(wout)), bout), target);
    losses.push(loss.item());
    if (!Number.isFinite(loss.item())) break;
    opt.zeroGrad();
    loss.backward();
    const grads = params.map((p) => p.grad);
    gradNorms.push(maxNorm === null ? getTotalNorm(grads) : clipGradNorm(grads, maxNorm));
    opt.step();
  }
  return { losses, gradNorms, params };
}

describe("an exploding relu RNN", () => {
  const plain = train(null);
  const clipped = train(1);

  it("starts with an exploding gradient", () => {
    expect(plain.losses[0]).toBe(clipped.losses[0]);
    expect(plain.gradNorms[0]).toBe(clipped.gradNorms[0]);
    expect(plain.gradNorms[0]).toBeGreaterThan(1e4);
  });

  it("reaches a non-finite loss with plain SGD", () => {
    expect(plain.losses.length).toBeLessThanOrEqual(3);
    expect(Number.isFinite(plain.losses[plain.losses.length - 1])).toBe(false);
  });

  it("stays finite and learns with global-norm clipping at 1", () => {
    expect(clipped.losses.length).toBe(STEPS);
    expect(clipped.losses.every(Number.isFinite)).toBe(true);
    expect(clipped.params.every((p) => p.toTypedArray().every(Number.isFinite))).toBe(true);
    const first = clipped.losses[0];
    const last10 = clipped.losses.slice(-10);
    expect(Math.max(...last10)).toBeLessThan(first / 1000);
  });
});
