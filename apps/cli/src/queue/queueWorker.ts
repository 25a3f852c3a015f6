// `vanish worker`: a BullMQ worker that takes runs from the queue and trains each in a thread of its own pool, so
// that this thread stays free to renew the jobs' locks. A run's checkpoints go to the run store as it goes; a
// worker that dies (even by SIGKILL) leaves its jobs locked until the lock expires, then BullMQ's stalled-job check
// (in any live worker) puts them back in the queue and the next worker resumes them from the stored checkpoint.
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { UnrecoverableError, WaitingError, Worker, type Job } from "bullmq";
import { WorkerPool } from "../runs/workerPool";
import { QUEUE_NAME, QUEUE_PREFIX } from "./connection";
import { openQueue } from "./openQueue";
import type { QueuedJobData, QueuedProgress, QueuedResult } from "./jobs";
import { CONTROL_STEP, CONTROL_STOP } from "./queueJob";

export interface WorkerOptions {
  url: string;
  /** Runs at a time, each in its own thread (default 1). */
  concurrency?: number;
  /** Exit once the queue has nothing waiting, delayed, prioritized or active and this worker runs nothing. */
  exitWhenIdle?: boolean;
  /**
   * How long a job's lock lasts between renewals, in ms (BullMQ's `lockDuration`, default 30,000): a worker that
   * died gives its jobs back after about this long. The stalled-job check runs as often.
   */
  lockDuration?: number;
  /** Aborting stops the worker: active runs checkpoint and go back to the queue. */
  signal?: AbortSignal;
  /** One line per event (a run taken, finished, returned, failed). */
  log?: (line: string) => void;
  /** The worker's name in logs, progress and the queue's worker list (default host:pid). */
  name?: string;
}

export interface WorkerReport {
  /** Runs finished here (completed, or failed under the `error` policy). */
  finished: number;
  /** Attempts that failed (a job retried after a failure counts once per attempt; see JOB_OPTIONS). */
  failed: number;
  /** Runs stopped by the signal and put back in the queue. */
  returned: number;
}

/** How many times a job may lose its worker (stall) before it fails. */
export const MAX_STALLED = 5;

const describe = (data: QueuedJobData): string => {
  const text = Object.entries(data.point).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
  return text === "" ? "the base config" : text;
};

/** Runs a worker until the signal aborts it or, with `exitWhenIdle`, until the queue is empty. */
export async function runWorker(options: WorkerOptions): Promise<WorkerReport> {
  const concurrency = options.concurrency ?? 1;
  const lockDuration = options.lockDuration ?? 30_000;
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const log = options.log ?? (() => {});
  const report: WorkerReport = { finished: 0, failed: 0, returned: 0 };
  // The runs' scratch folders live in a folder of this worker's own (two workers in one process must not share it),
  // removed when the worker stops.
  const scratchRoot = mkdtempSync(join(tmpdir(), `vanish-worker-${process.pid}-`));
  const pool = new WorkerPool(concurrency);
  const running = new Map<string, Int32Array>();
  let stopping = false;

  const processor = async (job: Job<QueuedJobData, QueuedResult>, token?: string): Promise<QueuedResult> => {
    const id = job.id!;
    if (stopping) {
      // Fetched while this worker was stopping: back to the queue untouched.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const control = new SharedArrayBuffer(8);
    const view = new Int32Array(control);
    running.set(id, view);
    const steps = job.data.config.steps;
    let reported = -1;
    const progress = setInterval(() => {
      const step = Atomics.load(view, CONTROL_STEP);
      if (step === reported) return;
      reported = step;
      job.updateProgress({ worker: name, step, steps } satisfies QueuedProgress).catch(() => {});
    }, 500);
    // Taken before (returned by a stopped worker, lost with a dead one, or failed and retried): say which attempt
    // this is — returns and losses do not use one up.
    const again = job.attemptsStarted > 1 || job.stalledCounter > 0;
    log(`${name}: took ${id} (${describe(job.data)})${again ? `, again: attempt ${job.attemptsMade + 1} of ${job.opts.attempts ?? 1}` : ""}`);
    try {
      const out = await pool.runQueued({ url: options.url, id, config: job.data.config, checkpointEvery: job.data.checkpointEvery, scratch: join(scratchRoot, id), worker: name, control });
      if ("stopped" in out) {
        // Back to the queue (not a failed attempt): the next worker resumes from the checkpoint just stored.
        await job.moveToWait(token);
        report.returned++;
        log(`${name}: returned ${id} to the queue at step ${out.stopped.step}`);
        throw new WaitingError();
      }
      if ("error" in out) {
        report.failed++;
        const reason = out.error.message.split("\n")[0];
        // What the user must fix fails at once; anything else (a bug, a lost connection) is retried with backoff.
        if (out.error.usage) {
          log(`${name}: ${id} could not run: ${reason}`);
          throw new UnrecoverableError(out.error.message);
        }
        const attempt = job.attemptsMade + 1;
        const attempts = job.opts.attempts ?? 1;
        log(`${name}: ${id} failed at attempt ${attempt} of ${attempts}${attempt < attempts ? " (retried after a backoff)" : ""}: ${reason}`);
        throw new Error(out.error.message);
      }
      report.finished++;
      const s = out.summary;
      log(`${name}: finished ${id}: ${s.status}${s.resumedFrom > 0 ? ` (resumed from step ${s.resumedFrom})` : ""}`);
      return { status: s.status, steps: s.steps };
    } finally {
      clearInterval(progress);
      running.delete(id);
    }
  };

  // While Redis is away, ioredis retries every ≤ 2 s and the connection, the worker and the queue each report it:
  // one line when it goes, one when it is back.
  let away: string | null = null;
  const onError = (e: Error): void => {
    if (away === e.message) return;
    away = e.message;
    log(`${name}: Redis: ${e.message}; retrying`);
  };
  // The worker's other errors (a job whose lock was lost while Redis was away, …) are its own.
  const onWorkerError = (e: Error): void => {
    if (e.message !== away) log(`${name}: ${e.message}`);
  };
  const { redis: connection, queue, close } = openQueue(options.url, onError);
  connection.on("ready", () => {
    if (away !== null) log(`${name}: Redis is back`);
    away = null;
  });
  const worker = new Worker<QueuedJobData, QueuedResult>(QUEUE_NAME, processor, {
    connection,
    prefix: QUEUE_PREFIX,
    concurrency,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: MAX_STALLED,
    name,
    autorun: false,
  });
  worker.on("error", onWorkerError);

  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    for (const view of running.values()) Atomics.store(view, CONTROL_STOP, 1);
  };
  options.signal?.addEventListener("abort", () => {
    if (running.size > 0) log(`${name}: stopping: checkpointing ${running.size} run(s) and returning them to the queue`);
    stop();
  });

  let idleTimer: NodeJS.Timeout | null = null;
  const stopped = new Promise<void>((resolve) => {
    if (options.signal?.aborted) resolve();
    options.signal?.addEventListener("abort", () => resolve());
    if (options.exitWhenIdle) {
      let idleChecks = 0;
      idleTimer = setInterval(() => {
        void (async () => {
          const counts = await queue.getJobCounts("waiting", "delayed", "active", "prioritized");
          const busy = Object.values(counts).reduce((a, b) => a + b, 0) + running.size;
          // Twice in a row: a job between two states (taken, not yet active) is not mistaken for an empty queue.
          idleChecks = busy === 0 ? idleChecks + 1 : 0;
          if (idleChecks >= 2) resolve();
        })().catch(() => {});
      }, 250);
    }
  });

  const run = worker.run();
  await stopped;
  if (idleTimer) clearInterval(idleTimer);
  stop();
  await worker.close();
  await run;
  await close();
  await pool.destroy();
  rmSync(scratchRoot, { recursive: true, force: true });
  return report;
}
