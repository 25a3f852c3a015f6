// A sweep: a base config × a grid of values × seeds, expanded into jobs identified by their config hash and run on
// a worker pool. A job whose directory holds a finished summary is skipped; one holding a checkpoint resumes.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { resolveRunConfig, type PartialRunConfig, type RunConfig } from "../engine/config";
import { ConfigError } from "../engine/configError";
import { configHash } from "../engine/configHash";
import { RunDirectoryError } from "../engine/runDirectoryError";
import type { RunSummary } from "../engine/summary";
import { setPath } from "../engine/setPath";
import { RunDirectory } from "./runDirectory";
import { runJob, type Job, type JobOutput } from "./runJob";
import { WorkerPool } from "./workerPool";

/** What a sweep file holds: `{ base?, grid?, seeds? }`; grid keys are dotted config paths, e.g. "optimizer.lr". */
export interface SweepSpec {
  base?: PartialRunConfig;
  grid?: Record<string, unknown[]>;
  /** Seeds to run every grid point with (default: the base config's seed). */
  seeds?: number[];
}

/** One expanded job: its id (config hash), resolved config and the grid values that made it. */
export interface SweepJob {
  id: string;
  config: RunConfig;
  /** The grid values of this job, by dotted path, and its seed. */
  point: Record<string, unknown>;
}

/**
 * The jobs of a sweep: every combination of the grid's values (in key order, the last key varying fastest) times
 * every seed, each resolved; combinations that resolve to the same config are one job. A bad grid value throws the
 * config error, prefixed with the grid point.
 */
export function expandSweep(spec: SweepSpec): SweepJob[] {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) throw new TypeError(`expandSweep: the sweep must be an object {base, grid, seeds}, got ${JSON.stringify(spec)}`);
  for (const key of Object.keys(spec)) {
    if (!["base", "grid", "seeds"].includes(key)) throw new TypeError(`expandSweep: sweep.${key} is not a known key; valid keys: base, grid, seeds`);
  }
  const base = spec.base ?? {};
  const grid = Object.entries(spec.grid ?? {});
  for (const [key, values] of grid) {
    if (!Array.isArray(values) || values.length === 0) throw new TypeError(`expandSweep: grid["${key}"] must be a non-empty array of values, got ${JSON.stringify(values)}`);
  }
  const seeds = spec.seeds ?? [undefined];
  if (!Array.isArray(seeds) || seeds.length === 0) throw new TypeError(`expandSweep: seeds must be a non-empty array of integers, got ${JSON.stringify(seeds)}`);
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of grid) points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  const jobs = new Map<string, SweepJob>();
  for (const p of points) {
    for (const seed of seeds) {
      let partial = base;
      for (const [key, value] of Object.entries(p)) partial = setPath(partial, key, value);
      if (seed !== undefined) partial = setPath(partial, "seed", seed);
      const point = seed === undefined ? p : { ...p, seed };
      let config: RunConfig;
      try {
        config = resolveRunConfig(partial);
      } catch (e) {
        if (e instanceof ConfigError) throw new ConfigError(e.path, e.reason, e.kind, { fn: "expandSweep", at: `at grid point ${JSON.stringify(point)}` });
        throw e;
      }
      const id = configHash(config);
      if (!jobs.has(id)) jobs.set(id, { id, config, point });
    }
  }
  return [...jobs.values()];
}

/** What happened to a job in this invocation. */
export type JobOutcome = "ran" | "resumed" | "skipped";

export interface JobResult {
  job: SweepJob;
  runDir: string;
  outcome: JobOutcome;
  summary: RunSummary;
}

export interface SweepOptions {
  /** Worker threads (default 1); 0 runs the jobs one after another in this thread. */
  workers?: number;
  /** Steps between checkpoints of each run (default 50). */
  checkpointEvery?: number;
  /** Called as each job finishes (in completion order). */
  onJobDone?: (result: JobResult, done: number, total: number) => void;
  /** Stops dispatching and aborts running jobs (their last checkpoint stays; rerun the sweep to resume). */
  signal?: AbortSignal;
}

/** A job that could not run: which one, where, and why (`usage`: the user can fix it; otherwise a bug). */
export interface JobFailure {
  job: SweepJob;
  runDir: string;
  message: string;
  usage: boolean;
}

/**
 * Jobs of a sweep that could not run (a damaged or locked run directory, an unwritable folder, …). The other jobs
 * ran to the end first; their results are in `results` (`undefined` where a job failed).
 */
export class SweepJobsError extends Error {
  readonly failures: readonly JobFailure[];
  readonly results: readonly (JobResult | undefined)[];

  constructor(failures: readonly JobFailure[], results: readonly (JobResult | undefined)[]) {
    super(failures.map((f) => `job ${f.job.id} (${describePoint(f.job.point)}): ${f.message}`).join("\n"));
    this.name = "SweepJobsError";
    this.failures = failures;
    this.results = results;
  }
}

/** `cell="lstm" seed=0` */
export function describePoint(point: Record<string, unknown>): string {
  const text = Object.entries(point).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
  return text === "" ? "the base config" : text;
}

/** Where a job lives and whether it is finished, started, or new. */
export function jobState(outDir: string, job: SweepJob): { runDir: string; state: "finished" | "started" | "new" } {
  const runDir = join(outDir, job.id);
  const dir = new RunDirectory(runDir);
  if (dir.readSummary() !== null) return { runDir, state: "finished" };
  return { runDir, state: existsSync(dir.file("checkpoint")) ? "started" : "new" };
}

/**
 * Runs the jobs in `outDir/<id>/` on a pool of worker threads and resolves to their results in job order. Finished
 * jobs (a summary, completed or failed) are skipped without a worker; started ones resume from their checkpoint.
 * A job that cannot run (its directory damaged, locked or unwritable) does not stop the others: once they are done,
 * the sweep rejects with a {@link SweepJobsError} naming each such job.
 */
export async function runSweep(jobs: readonly SweepJob[], outDir: string, options: SweepOptions = {}): Promise<JobResult[]> {
  const workers = options.workers ?? 1;
  const checkpointEvery = options.checkpointEvery ?? 50;
  const results: JobResult[] = new Array(jobs.length);
  let done = 0;
  const finish = (i: number, r: JobResult): void => {
    results[i] = r;
    options.onJobDone?.(r, ++done, jobs.length);
  };
  const failures: JobFailure[] = [];
  const settle = (i: number, runDir: string, outcome: JobOutcome, output: JobOutput): void => {
    if ("summary" in output) finish(i, { job: jobs[i], runDir, outcome, summary: output.summary });
    else failures.push({ job: jobs[i], runDir, ...output.error });
  };
  const pending: { i: number; job: Job; outcome: JobOutcome }[] = [];
  jobs.forEach((job, i) => {
    const runDir = join(outDir, job.id);
    let state;
    try {
      state = jobState(outDir, job).state;
    } catch (e) {
      if (!(e instanceof RunDirectoryError)) throw e;
      failures.push({ job, runDir, message: e.message, usage: true });
      return;
    }
    if (state === "finished") finish(i, { job, runDir, outcome: "skipped", summary: new RunDirectory(runDir).readSummary()! });
    else pending.push({ i, job: { config: job.config, runDir, checkpointEvery }, outcome: state === "started" ? "resumed" : "ran" });
  });
  if (workers === 0) {
    for (const { i, job, outcome } of pending) settle(i, job.runDir, outcome, await runJob(job, options.signal));
  } else if (pending.length > 0) {
    const pool = new WorkerPool(Math.min(workers, pending.length));
    try {
      await Promise.all(pending.map(async ({ i, job, outcome }) => settle(i, job.runDir, outcome, await pool.run(job, options.signal))));
    } finally {
      await pool.destroy();
    }
  }
  if (failures.length > 0) {
    failures.sort((a, b) => jobs.indexOf(a.job) - jobs.indexOf(b.job));
    throw new SweepJobsError(failures, results);
  }
  return results;
}
