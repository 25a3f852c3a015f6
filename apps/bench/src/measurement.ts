// One measured row of the benchmark's tables, in its own file so that the checks (checks.ts) and the result
// (results.ts, which holds the checks) both use it without importing each other.
import type { Impl } from "./spec";

/** The five workloads of the benchmark (the table in apps/bench/README.md), in report order. */
export const WORKLOADS = ["rnn", "gated", "gemm", "overhead", "datasets"] as const;
export type Workload = (typeof WORKLOADS)[number];

/** One measured row of a table, as it is written to the JSON result. */
export interface Measurement {
  workload: Workload;
  /** The table within the workload: the cell for training, the dtype for products, the case for overheads, "generation" or "sweep" for datasets. */
  group: string;
  /** What ran, or null for a workload with no alternatives (datasets). */
  impl: Impl | null;
  /** See `implId`; for rows without an implementation, the case. */
  id: string;
  label: string;
  case: string;
  unit: string;
  /** Median, min and max of the per-sample rates (unit per second, or GFLOPS), and (max − min)/median. */
  median: number;
  min: number;
  max: number;
  spread: number;
  /** The rate of every timed sample, in order. */
  samples: number[];
  /** Training: the first two losses (see `WorkerRow.losses`). */
  losses?: number[];
  pytorchUpdate?: boolean;
  /** Products: Σ C². */
  checksum?: number;
  /** Training: forward multiply-adds per sequence (see `macPerSequence`), for per-unit-of-work ratios. */
  macPerUnit?: number;
  notes: string[];
}
