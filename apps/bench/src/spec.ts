import type { DType } from "@vanish/core";
import type { TimingOptions } from "./measure";
import type { TfjsForm } from "./tfjsTrainer";

/** Vanish with one dtype on one kernel backend (core's `setBackend`). */
export interface VanishImpl {
  library: "vanish";
  dtype: DType;
  backend: "js" | "wasm";
}
/** TensorFlow.js 4.22 on its cpu or wasm backend, training as a Keras model or a manual loop. */
export interface TfjsImpl {
  library: "tfjs";
  backend: "cpu" | "wasm";
  form: TfjsForm;
}
/** TensorFlow.js 4.22 multiplying matrices (`tf.matMul`) on its cpu or wasm backend. */
export interface TfjsMatMulImpl {
  library: "tfjs";
  backend: "cpu" | "wasm";
}
/** brain.js 2.0 beta's recurrent time-step networks. */
export interface BrainImpl {
  library: "brain.js";
}
/** What can train. */
export type TrainImpl = VanishImpl | TfjsImpl | BrainImpl;
/** Anything measured. */
export type Impl = TrainImpl | TfjsMatMulImpl;

/** One training case: an implementation, a problem file (see `Problem`), how to time it. */
export interface TrainSpec {
  kind: "train";
  impl: TrainImpl;
  problemFile: string;
  timing: TimingOptions;
}
/** Matrix products C = A·B (A is M×K, B K×N) on one implementation. */
export interface GemmSpec {
  kind: "gemm";
  impl: VanishImpl | TfjsMatMulImpl;
  shapes: [number, number, number][];
  timing: TimingOptions;
}
/** Clipping and instrumentation overhead inside Vanish's training step. */
export interface OverheadSpec {
  kind: "overhead";
  impl: VanishImpl;
  problemFile: string;
  timing: TimingOptions;
}
/** Dataset generation throughput (@vanish/datasets). */
export interface DatasetsSpec {
  kind: "datasets";
  timing: TimingOptions;
}
/**
 * `vanish sweep` timed end to end, as a user runs it: one fresh CLI process per sweep, `rounds` times for each
 * worker count in turn (1, 2, 1, 2, …), so a slow stretch of a shared machine hits both counts alike.
 */
export interface SweepSpec {
  kind: "sweep";
  /** Worker threads to compare, e.g. [1, 2]. */
  workers: number[];
  rounds: number;
  /** Optimiser steps of each run of the sweep. */
  steps: number;
}
/** What a worker process is asked to run. */
export type WorkerSpec = TrainSpec | GemmSpec | OverheadSpec | DatasetsSpec | SweepSpec;

/** One timed thing a worker measured. */
export interface WorkerRow {
  /** Its name within the workload, e.g. "T50 H64", "256·256·256", "+ clipGradNorm". */
  case: string;
  /** The unit of the rate, e.g. "seq/s", "GFLOPS", "examples/s". */
  unit: string;
  /** Units per call: the rate of a sample is perCall / secondsPerCall. */
  perCall: number;
  /** Seconds per call, one entry per timed sample. */
  secondsPerCall: number[];
  /** Training: the loss of the first step (before any update) and of the second (after one update). */
  losses?: number[];
  /** Training: whether the update is PyTorch's, so the second loss is comparable too (see `Trainer`). */
  pytorchUpdate?: boolean;
  /** Products: Σ C² of one result, to check that every implementation computed the same product. */
  checksum?: number;
}

/** A worker's answer. */
export interface WorkerReport {
  rows: WorkerRow[];
  /** Facts worth printing beside the numbers (e.g. "wasm SIMD on, 1 thread"). */
  notes: string[];
}
