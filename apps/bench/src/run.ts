import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CellType } from "@vanish/rnn";
import { checkChecksums, checkLosses } from "./checks";
import { describeSpec, runWorker } from "./child";
import { formatRate, formatSpread } from "./format";
import { implId, implLabel } from "./impls";
import { currentLoad, machineInfo } from "./machine";
import type { TimingOptions } from "./measure";
import { GEMM_SHAPES, plan, SWEEP_WORKERS, sweepSize, type Job } from "./plan";
import { caseName, makeProblem } from "./problem";
import { toMeasurement, type BenchResult, type Measurement, type Workload } from "./results";
import type { WorkerReport, WorkerSpec } from "./spec";
import { macPerSequence } from "./work";

/** Facts every result states, whatever ran. */
export const RUN_NOTES = [
  "@tensorflow/tfjs-node (TensorFlow's C library) is not measured: its install downloads libtensorflow from outside the npm registry, which fails on this machine. tfjs runs on its pure-JS cpu backend and its wasm backend (XNNPACK).",
  "tfjs's wasm backend runs on one thread in Node (no cross-origin-isolated workers); Vanish also runs on one thread.",
];

export interface RunOptions {
  workloads: readonly Workload[];
  timing: TimingOptions;
  mode: BenchResult["mode"];
  command: string;
  /** Called after each worker with a one-line summary. */
  onProgress?: (line: string) => void;
}


/**
 * Runs every job of the plan, one worker process at a time, and checks that the implementations did the same
 * work (first losses, second losses, product checksums; see `result.checks`). Problem files live in a temporary folder that is
 * removed afterwards.
 */
export async function runBench(options: RunOptions): Promise<BenchResult> {
  const started = performance.now();
  const machine = machineInfo();
  const jobs = plan(options.workloads);
  const dir = mkdtempSync(join(tmpdir(), "vanish-bench-"));
  const problems = new Map<string, string>();
  const problemFile = (cell: CellType, steps: number, hiddenSize: number): string => {
    const key = `${cell}-T${steps}-H${hiddenSize}`;
    let file = problems.get(key);
    if (!file) {
      file = join(dir, `${key}.json`);
      writeFileSync(file, JSON.stringify(makeProblem({ cell, steps, hiddenSize })));
      problems.set(key, file);
    }
    return file;
  };
  const measurements: Measurement[] = [];
  try {
    for (const [k, job] of jobs.entries()) {
      const spec = specFor(job, options.timing, problemFile);
      const t0 = performance.now();
      const report = await runWorker(spec);
      const rows = measurementsOf(job, report);
      measurements.push(...rows);
      // The sweep runs two worker threads on purpose; every other job is one busy process, whose load is the gauge.
      if (job.workload !== "datasets" || job.part !== "sweep") machine.loadAverage.max = Math.max(machine.loadAverage.max ?? 0, currentLoad());
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      const summary = rows.map((m) => `${m.case} ${formatRate(m.median)} ${m.unit} ${formatSpread(m.spread)}`).join(" · ");
      options.onProgress?.(`[${String(k + 1).padStart(String(jobs.length).length)}/${jobs.length}] ${describeSpec(spec)} (${seconds} s): ${summary}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  machine.loadAverage.end = currentLoad();
  return {
    schema: 2,
    mode: options.mode,
    command: options.command,
    machine,
    timing: options.timing,
    measurements,
    checks: [...checkLosses(measurements), ...checkChecksums(measurements)],
    notes: RUN_NOTES,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

function specFor(job: Job, timing: TimingOptions, problemFile: (cell: CellType, steps: number, hiddenSize: number) => string): WorkerSpec {
  switch (job.workload) {
    case "rnn":
    case "gated":
      return { kind: "train", impl: job.impl, problemFile: problemFile(job.cell, job.steps, job.hiddenSize), timing };
    case "gemm":
      return { kind: "gemm", impl: job.impl, shapes: GEMM_SHAPES.map((s) => [...s]), timing };
    case "overhead":
      return { kind: "overhead", impl: job.impl, problemFile: problemFile(job.cell, job.steps, job.hiddenSize), timing };
    case "datasets":
      return job.part === "sweep" ? { kind: "sweep", workers: [...SWEEP_WORKERS], ...sweepSize(timing) } : { kind: "datasets", timing };
  }
}

/** The sizes every training problem shares (see `makeProblem`). */
const INPUT_SIZE = 16;
const CLASSES = 2;

function measurementsOf(job: Job, report: WorkerReport): Measurement[] {
  const notes = report.notes;
  switch (job.workload) {
    case "rnn":
    case "gated": {
      const brain = job.impl.library === "brain.js";
      const macPerUnit = macPerSequence({
        cell: job.cell,
        steps: job.steps,
        hiddenSize: job.hiddenSize,
        inputSize: INPUT_SIZE,
        // brain.js predicts all I inputs at every step (see createBrainTrainer).
        outputSize: brain ? INPUT_SIZE : CLASSES,
        headSteps: brain ? job.steps : 1,
      });
      const where = { workload: job.workload, group: job.cell, impl: job.impl, id: implId(job.impl), label: implLabel(job.impl, job.cell), macPerUnit, notes };
      return report.rows.map((row) => toMeasurement({ ...row, case: caseName(job.steps, job.hiddenSize) }, where));
    }
    case "gemm":
      return report.rows.map((row) =>
        toMeasurement(row, { workload: "gemm", group: job.impl.library === "vanish" ? job.impl.dtype : "float32", impl: job.impl, id: implId(job.impl), label: implLabel(job.impl), notes }),
      );
    case "overhead":
      return report.rows.map((row) =>
        toMeasurement(row, { workload: "overhead", group: caseName(job.steps, job.hiddenSize), impl: job.impl, id: implId(job.impl), label: implLabel(job.impl), notes }),
      );
    case "datasets":
      return report.rows.map((row) => toMeasurement(row, { workload: "datasets", group: job.part, impl: null, id: row.case, label: row.case, notes }));
  }
}
