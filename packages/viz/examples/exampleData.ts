// Example inputs for every chart: used by the docs script (README pictures), the tests and the HTML report demo.
// The cliff is computed exactly (./oneUnitRnn.ts). The other data are *illustrative*: seeded synthetic curves shaped
// after the magnitudes in docs/background.md#expected-pictures (e.g. a tanh RNN with small weights: ‖dL/dh_1‖ ≈ 8e-21 vs ‖dL/dh_50‖ ≈ 0.27),
// not measurements — @vanish/viz draws numbers, it does not train networks.
import { Random } from "@vanish/core";
import type { BucketAccuracy, CliffGrid, CliffPath, GradientHeatmap, Series, TrainingRecord, TrainingRun } from "../src/types";
import { errorSurface, sgdPath } from "./oneUnitRnn";

export interface ExampleData {
  readonly gradientNorms: Series[];
  readonly heatmap: GradientHeatmap;
  readonly training: TrainingRun[];
  readonly accuracyByDistance: BucketAccuracy[];
  readonly accuracyByAttractors: BucketAccuracy[];
  readonly spectralRadius: Series[];
  readonly cliff: { grid: CliffGrid; paths: CliffPath[] };
  readonly stepContributions: Series[];
}

const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/** A geometric profile over t = 1..T ending at `last`, shrinking by `factor` per step back, with log-normal noise. */
function profile(rng: Random, T: number, last: number, factor: number, noise: number): number[] {
  return range(T, (i) => last * factor ** (T - 1 - i) * Math.exp(noise * rng.normal()));
}

/** The example inputs, a pure function of the seed. */
export function exampleData(seed = 7): ExampleData {
  const rng = new Random(seed);
  const T = 50;
  const gradientNorms: Series[] = [
    { label: "RNN tanh, at init", cell: "rnn_tanh", values: profile(rng, T, 0.27, 0.4, 0.15) },
    { label: "RNN tanh, trained", cell: "rnn_tanh", values: profile(rng, T, 0.3, 0.72, 0.15) },
    { label: "RNN relu, large init", cell: "rnn_relu", values: profile(rng, T, 0.41, 1.12, 0.1) },
    { label: "LSTM", cell: "lstm", values: profile(rng, T, 0.25, 0.93, 0.1) },
    { label: "GRU", cell: "gru", values: profile(rng, T, 0.22, 0.95, 0.1) },
  ];

  // A tanh RNN whose per-step contraction weakens from 0.45 to 0.85 over 1,000 training steps.
  const snapshots = 40;
  const Th = 40;
  const heatmap: GradientHeatmap = {
    trainingSteps: range(snapshots, (k) => k * 25),
    norms: range(snapshots, (k) => profile(rng, Th, 0.3 + 0.2 * rng.uniform(), 0.45 + (0.4 * k) / (snapshots - 1), 0.12)),
  };

  const training = [
    trainingRun(new Random(seed + 1), "no clipping", "none", null),
    trainingRun(new Random(seed + 2), "global norm ≤ 1", "norm:1", 1),
  ];

  const distances = [5, 10, 20, 40, 80, 160];
  const cells = [
    { label: "RNN tanh", cell: "rnn_tanh" as const, halfLife: 30 },
    { label: "LSTM", cell: "lstm" as const, halfLife: 160 },
    { label: "GRU", cell: "gru" as const, halfLife: 220 },
  ];
  const accuracyByDistance: BucketAccuracy[] = cells.flatMap((c) =>
    distances.map((d) => ({
      label: c.label,
      cell: c.cell,
      bucket: d,
      accuracy: clamp01(0.5 + 0.48 * 2 ** (-d / c.halfLife) + 0.005 * rng.normal()),
      count: 500,
    })),
  );
  const accuracyByAttractors: BucketAccuracy[] = cells.flatMap((c) =>
    range(5, (a) => ({
      label: c.label,
      cell: c.cell,
      bucket: a,
      accuracy: clamp01(0.5 + 0.48 * 2 ** (-(a * 25) / c.halfLife) + 0.005 * rng.normal()),
      count: a === 4 ? 60 : 400,
    })),
  );

  const checkpoints = range(51, (k) => k * 20);
  const spectralRadius: Series[] = [
    { label: "RNN tanh", cell: "rnn_tanh", steps: checkpoints, values: checkpoints.map((s) => 0.85 + 0.42 * (1 - Math.exp(-s / 400)) + 0.01 * rng.normal()) },
    { label: "RNN tanh, clipped", cell: "rnn_tanh", steps: checkpoints, values: checkpoints.map((s) => 0.85 + 0.2 * (1 - Math.exp(-s / 300)) + 0.01 * rng.normal()) },
    { label: "RNN relu, large init", cell: "rnn_relu", steps: checkpoints, values: checkpoints.map((s) => 1.45 + 0.1 * Math.sin(s / 150) + 0.01 * rng.normal()) },
  ];

  const w = range(71, (i) => Number((2 + i * 0.1).toFixed(1)));
  const b = range(51, (j) => Number((-5 + j * 0.2).toFixed(1)));
  const cliff = {
    grid: { w, b, error: errorSurface(w, b) },
    paths: [
      { label: "plain SGD", strategy: "none", ...sgdPath(4.5, -2.5, 0.5, 40) },
      { label: "clipped SGD (‖g‖ ≤ 1)", strategy: "norm:1", ...sgdPath(4.5, -2.5, 0.5, 40, 1) },
    ],
  };

  const Tc = 40;
  const stepContributions: Series[] = [
    { label: "RNN tanh", cell: "rnn_tanh", values: profile(rng, Tc, 0.08, 0.6, 0.3) },
    { label: "LSTM", cell: "lstm", values: profile(rng, Tc, 0.05, 0.9, 0.3) },
  ];

  return { gradientNorms, heatmap, training, accuracyByDistance, accuracyByAttractors, spectralRadius, cliff, stepContributions };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/**
 * 400 steps of a relu RNN whose gradient norm has growing spikes. Unclipped, a spike at step 262 blows the weights
 * up and the next steps are non-finite; clipped at `threshold`, every spike is cut and training continues.
 */
function trainingRun(rng: Random, label: string, strategy: string, threshold: number | null): TrainingRun {
  const records: TrainingRecord[] = [];
  let loss = 0.69;
  let accuracy = 0.5;
  for (let step = 0; step < 400; step++) {
    // Spikes grow over training; without clipping each one also enlarges the weights, so they grow faster.
    const growth = threshold === null ? 100 : 120;
    const spike = step % 37 === 19 ? 10 ** (0.5 + step / growth + 0.3 * rng.normal()) : 1;
    const gradNorm = (0.6 + 0.25 * rng.uniform()) * spike;
    if (threshold === null && step >= 262) {
      records.push({ step, loss: NaN, gradNorm: step === 262 ? Infinity : NaN, clipped: false, threshold: null, nonFinite: true });
      if (step === 264) break;
      continue;
    }
    const clipped = threshold !== null && gradNorm > threshold;
    // An unclipped spike knocks the loss up; a clipped one costs little.
    const shock = threshold === null && spike > 1 ? 0.04 * Math.log10(spike) : 0;
    loss = Math.max(0.05, loss * 0.993 + shock + 0.006 * rng.normal());
    accuracy = Math.min(0.99, Math.max(0.45, 1 - loss * 0.75 + 0.01 * rng.normal()));
    records.push({ step, loss, accuracy, gradNorm, clipped, threshold, nonFinite: false });
  }
  return { label, strategy, records };
}
