import type { Check } from "./checks";
import type { MachineInfo } from "./machine";
import type { TimingOptions } from "./measure";
import type { Impl, WorkerRow } from "./spec";
import { summarize } from "./stats";

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

/** Everything one run produced: written as JSON, rendered as BENCHMARKS.md. */
export interface BenchResult {
  /** Bumped when the JSON's shape changes. */
  schema: 2;
  mode: "full" | "quick" | "partial";
  command: string;
  machine: MachineInfo;
  timing: TimingOptions;
  measurements: Measurement[];
  /** The same-work checks: first/second losses per training case, Σ C² per product shape. */
  checks: Check[];
  /** Facts about the run as a whole (e.g. why tfjs-node is absent). */
  notes: string[];
  /** Wall-clock seconds the run took. */
  seconds: number;
}

/** A worker's row as a {@link Measurement}: rates per sample (perCall / seconds) and their summary. */
export function toMeasurement(
  row: WorkerRow,
  where: { workload: Workload; group: string; impl: Impl | null; id: string; label: string; macPerUnit?: number; notes?: string[] },
): Measurement {
  const samples = row.secondsPerCall.map((s) => row.perCall / s);
  const { median, min, max, spread } = summarize(samples);
  const m: Measurement = {
    workload: where.workload,
    group: where.group,
    impl: where.impl,
    id: where.id,
    label: where.label,
    case: row.case,
    unit: row.unit,
    median,
    min,
    max,
    spread,
    samples,
    notes: where.notes ?? [],
  };
  if (row.losses) m.losses = row.losses;
  if (row.pytorchUpdate !== undefined) m.pytorchUpdate = row.pytorchUpdate;
  if (row.checksum !== undefined) m.checksum = row.checksum;
  if (where.macPerUnit !== undefined) m.macPerUnit = where.macPerUnit;
  return m;
}
