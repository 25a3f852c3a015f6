// The coordinator of a queued sweep (`vanish sweep --queue`): enqueue the sweep's jobs (the job id is the config
// hash, so enqueueing twice is harmless and a finished run is never run again), follow them, and write each finished
// run from the store into OUT/<id>/ — the same files a local sweep writes. It holds no state of its own: killed and
// started again, it collects what finished meanwhile and enqueues only what the queue lost.
import { join } from "node:path";
import { writeFileAtomic } from "@vanish/rnn/node";
import type { Queue } from "bullmq";
import type { RunSummary } from "../engine/summary";
import { RunDirectory } from "../runs/runDirectory";
import { jobState, type JobFailure, type JobResult, type SweepJob } from "../runs/sweep";
import { JOB_OPTIONS, type QueuedJobData, type QueuedProgress } from "./jobs";
import { openQueue } from "./openQueue";
import type { RunStore } from "./runStore";

/** Where the sweep's jobs stand, for a progress display. */
export interface QueueProgress {
  total: number;
  done: number;
  failed: number;
  waiting: number;
  /** The running jobs, with the worker and step each reported last. */
  active: { id: string; point: Record<string, unknown>; worker: string | null; step: number; steps: number }[];
  /** Per worker (by name): runs of this sweep it finished (collected in this call) and runs it has now. */
  workers: Record<string, { done: number; active: number }>;
}

export interface QueuedSweepOptions {
  url: string;
  checkpointEvery?: number;
  /** Attempts a job gets before it fails, retries included (default 3, JOB_OPTIONS); losing a worker uses none. */
  attempts?: number;
  /** Enqueue and return without waiting. */
  detach?: boolean;
  /** Enqueue nothing: gather the finished runs once and return. */
  collect?: boolean;
  /** Milliseconds between looks at the queue (default 250). */
  pollMs?: number;
  onProgress?: (progress: QueueProgress) => void;
  onJobDone?: (result: JobResult) => void;
  /** Called when the connection to Redis fails (it is retried until Redis answers again). */
  onRedisError?: (e: Error) => void;
  /** Stops waiting (the jobs stay queued and keep running on the workers). */
  signal?: AbortSignal;
}

export interface QueuedSweepReport {
  /** By job order; undefined where the job is not finished (failed or still queued). */
  results: (JobResult | undefined)[];
  failures: JobFailure[];
  /** Jobs not finished yet (with --detach, --collect, or when stopped by the signal). */
  pending: SweepJob[];
  /** Jobs this call put in the queue (those the queue did not hold yet). */
  enqueued: number;
}

/** Runs (or enqueues, or collects) a sweep on the queue at `options.url`; see {@link QueuedSweepOptions}. */
export async function runQueuedSweep(jobs: readonly SweepJob[], outDir: string, options: QueuedSweepOptions): Promise<QueuedSweepReport> {
  const open = openQueue(options.url, options.onRedisError);
  try {
    return await follow(jobs, outDir, options, open.queue, open.store);
  } finally {
    await open.close();
  }
}

async function follow(jobs: readonly SweepJob[], outDir: string, options: QueuedSweepOptions, queue: Queue<QueuedJobData>, store: RunStore): Promise<QueuedSweepReport> {
  const results: (JobResult | undefined)[] = new Array(jobs.length).fill(undefined);
  const failures: JobFailure[] = [];
  const open = new Map<number, SweepJob>();
  jobs.forEach((job, i) => {
    const { runDir, state } = jobState(outDir, job);
    if (state === "finished") {
      results[i] = { job, runDir, outcome: "skipped", summary: new RunDirectory(runDir).readSummary()! };
      options.onJobDone?.(results[i]!);
    } else open.set(i, job);
  });

  let enqueued = 0;
  const enqueue = async (list: SweepJob[]): Promise<void> => {
    if (list.length === 0) return;
    const before = await Promise.all(list.map((j) => queue.getJobState(j.id)));
    await queue.addBulk(list.map((job) => ({ name: "run", data: { config: job.config, point: job.point, checkpointEvery: options.checkpointEvery ?? 50 }, opts: { ...JOB_OPTIONS, ...(options.attempts !== undefined && { attempts: options.attempts }), jobId: job.id } })));
    enqueued += before.filter((s) => s === "unknown").length;
  };
  if (!options.collect) await enqueue([...open.values()]);

  const finishedBy = new Map<string, number>();
  const collectRun = async (i: number, job: SweepJob): Promise<boolean> => {
    const stored = await store.read(job.id);
    if (!stored?.summary || !stored.config) return false;
    const dir = new RunDirectory(join(outDir, job.id));
    dir.create();
    writeFileAtomic(dir.file("config"), stored.config);
    writeFileAtomic(dir.file("metrics"), stored.metrics);
    if (stored.checkpoint && stored.checkpoint.length > 0) writeFileAtomic(dir.file("checkpoint"), stored.checkpoint);
    // The summary last: a run directory with a summary is a finished run.
    writeFileAtomic(dir.file("summary"), stored.summary);
    const summary = JSON.parse(stored.summary.toString("utf8")) as RunSummary;
    results[i] = { job, runDir: dir.path, outcome: summary.resumedFrom > 0 ? "resumed" : "ran", summary };
    if (stored.worker !== null) finishedBy.set(stored.worker, (finishedBy.get(stored.worker) ?? 0) + 1);
    options.onJobDone?.(results[i]!);
    return true;
  };

  const pollMs = options.pollMs ?? 250;
  for (;;) {
    const progress: QueueProgress = { total: jobs.length, done: 0, failed: 0, waiting: 0, active: [], workers: {} };
    const lost: SweepJob[] = [];
    for (const [i, job] of [...open]) {
      // The queue's state first, then the store: a worker stores a run's summary before its job completes, so a job
      // seen completed here has its files in the store below, unless they were removed.
      const state = await queue.getJobState(job.id);
      // A finished run in the store is collected whatever the queue says (its job may be gone: a queue cleaned of
      // its jobs, a Redis restarted from an older snapshot).
      if ((await store.isFinished(job.id)) && (await collectRun(i, job))) {
        open.delete(i);
        continue;
      }
      if (state === "failed") {
        const failed = await queue.getJob(job.id);
        failures.push({ job, runDir: join(outDir, job.id), message: failed?.failedReason ?? "failed", usage: false });
        open.delete(i);
      } else if (state === "active") {
        const running = await queue.getJob(job.id);
        const p = running?.progress as QueuedProgress | number | undefined;
        const known = typeof p === "object" && p !== null;
        progress.active.push({ id: job.id, point: job.point, worker: known ? p.worker : (running?.processedBy ?? null), step: known ? p.step : 0, steps: job.config.steps });
      } else if (state === "unknown") {
        lost.push(job);
      } else if (state === "completed") {
        // Completed, but its files are not in the store (removed by hand): nothing to collect, nothing to resume.
        failures.push({ job, runDir: join(outDir, job.id), message: `the queue holds job ${job.id} as completed but the run store has no files for it; remove the job (vanish queue clean) and sweep again`, usage: true });
        open.delete(i);
      } else {
        progress.waiting++;
      }
    }
    for (const [worker, done] of finishedBy) progress.workers[worker] = { done, active: 0 };
    for (const a of progress.active) if (a.worker !== null) (progress.workers[a.worker] ??= { done: 0, active: 0 }).active++;
    progress.done = results.filter((r) => r !== undefined).length;
    progress.failed = failures.length;
    options.onProgress?.(progress);
    if (open.size === 0 || options.detach || options.collect || options.signal?.aborted) break;
    // The queue does not know a job it was given (Redis restarted from a snapshot older than the enqueue): again.
    await enqueue(lost);
    await new Promise((r) => setTimeout(r, pollMs));
  }
  failures.sort((a, b) => jobs.indexOf(a.job) - jobs.indexOf(b.job));
  return { results, failures, pending: [...open.values()], enqueued };
}
