import type { CellType } from "@vanish/rnn";
import { FULL_TIMING, type TimingOptions } from "./measure";
import type { Workload } from "./results";
import type { TfjsImpl, TfjsMatMulImpl, TrainImpl, VanishImpl } from "./spec";

/** Vanilla tanh RNN cases [T, H] (workload 1 of apps/bench/README.md; the cases of docs/speed.md#alternatives). */
export const RNN_CASES: readonly [number, number][] = [
  [50, 64],
  [200, 64],
  [50, 128],
  [200, 128],
];
/** LSTM and GRU cases [T, H] (workload 2). */
export const GATED_CASES: readonly [number, number][] = [
  [50, 64],
  [200, 64],
];
/** Products M·K·N (workload 3): square n = 64 … 512, then one RNN step at B32 H64 and B32 H128. */
export const GEMM_SHAPES: readonly [number, number, number][] = [
  [64, 64, 64],
  [128, 128, 128],
  [256, 256, 256],
  [512, 512, 512],
  [32, 64, 64],
  [32, 128, 128],
];
/** The clipping/instrumentation case (workload 4). */
export const OVERHEAD_CASE: readonly [number, number] = [50, 64];

/** Worker counts the sweep compares (workload 5). */
export const SWEEP_WORKERS: readonly number[] = [1, 2];

/**
 * How long the sweep runs: the full timing takes 3 rounds of 1000-step runs (about 25 s a round on 2 cores);
 * shorter timings (`--quick`) one round of 100-step runs, enough to see that it works.
 */
export function sweepSize(timing: TimingOptions): { rounds: number; steps: number } {
  return timing.minSeconds >= FULL_TIMING.minSeconds ? { rounds: 3, steps: 1000 } : { rounds: 1, steps: 100 };
}

/** Vanish in both dtypes on both kernel backends. */
export const VANISH_IMPLS: readonly VanishImpl[] = [
  { library: "vanish", dtype: "float32", backend: "js" },
  { library: "vanish", dtype: "float32", backend: "wasm" },
  { library: "vanish", dtype: "float64", backend: "js" },
  { library: "vanish", dtype: "float64", backend: "wasm" },
];

/** tfjs's forms for a cell: both backends, the Keras layers where tfjs has the cell, and the manual loop. */
export function tfjsImpls(cell: CellType): TfjsImpl[] {
  const forms = cell === "gru" ? (["manual"] as const) : (["layers", "manual"] as const);
  return (["cpu", "wasm"] as const).flatMap((backend) => forms.map((form) => ({ library: "tfjs", backend, form }) as TfjsImpl));
}

/** One worker process to run. */
export type Job =
  | { workload: "rnn" | "gated"; cell: CellType; steps: number; hiddenSize: number; impl: TrainImpl }
  | { workload: "gemm"; impl: VanishImpl | TfjsMatMulImpl }
  | { workload: "overhead"; cell: CellType; steps: number; hiddenSize: number; impl: VanishImpl }
  | { workload: "datasets"; part: "generation" | "sweep" };

/**
 * Every worker process of a run, in order. Within a case all implementations run back to back, so a slow
 * stretch of a shared machine spreads over one case's rows rather than one implementation's.
 */
export function plan(workloads: readonly Workload[]): Job[] {
  const jobs: Job[] = [];
  const training = (workload: "rnn" | "gated", cell: CellType, cases: readonly [number, number][]) => {
    for (const [steps, hiddenSize] of cases) {
      for (const impl of [...VANISH_IMPLS, ...tfjsImpls(cell), { library: "brain.js" } as const]) jobs.push({ workload, cell, steps, hiddenSize, impl });
    }
  };
  if (workloads.includes("rnn")) training("rnn", "rnn_tanh", RNN_CASES);
  if (workloads.includes("gated")) {
    training("gated", "lstm", GATED_CASES);
    training("gated", "gru", GATED_CASES);
  }
  if (workloads.includes("gemm")) {
    for (const impl of VANISH_IMPLS) jobs.push({ workload: "gemm", impl });
    for (const backend of ["cpu", "wasm"] as const) jobs.push({ workload: "gemm", impl: { library: "tfjs", backend } });
  }
  if (workloads.includes("overhead")) {
    for (const impl of VANISH_IMPLS.filter((i) => i.dtype === "float32")) {
      jobs.push({ workload: "overhead", cell: "rnn_tanh", steps: OVERHEAD_CASE[0], hiddenSize: OVERHEAD_CASE[1], impl });
    }
  }
  if (workloads.includes("datasets")) jobs.push({ workload: "datasets", part: "generation" }, { workload: "datasets", part: "sweep" });
  return jobs;
}
