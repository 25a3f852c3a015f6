import type { Check } from "./checks";
import type { MachineInfo } from "./machine";
import type { TimingOptions } from "./measure";
import type { Measurement, Workload } from "./measurement";
import type { Impl, WorkerRow } from "./spec";
import { summarize } from "./stats";

export { WORKLOADS, type Measurement, type Workload } from "./measurement";

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
