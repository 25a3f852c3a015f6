import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Tinypool from "tinypool";
import type { QueuedJob, QueuedOutput } from "../queue/queueJob";
import type { Job, JobOutput } from "./runJob";

/** The worker file: the built `sweepWorker.js` beside this module, or (running from source) the tsx shim. */
export function workerFile(): string {
  const here = new URL(import.meta.url);
  const built = new URL("./sweepWorker.js", here);
  if (here.pathname.endsWith(".js") && existsSync(built)) return fileURLToPath(built);
  return fileURLToPath(new URL("./sweepWorkerSource.mjs", here));
}

/**
 * A pool of `workers` threads (tinypool) that each run one job at a time. Jobs are CPU-bound and independent, so
 * threads (not processes) suffice; each worker keeps its module cache and wasm instance between jobs.
 */
export class WorkerPool {
  private readonly pool: Tinypool;

  constructor(workers: number) {
    this.pool = new Tinypool({ filename: workerFile(), minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  }

  run(job: Job, signal?: AbortSignal): Promise<JobOutput> {
    return this.pool.run(job, signal ? { signal } : {}) as Promise<JobOutput>;
  }

  /** Runs a queued job (see `vanish worker`): the run's files go to the queue's store. */
  runQueued(job: QueuedJob): Promise<QueuedOutput> {
    return this.pool.run(job, { name: "runQueuedJob" }) as Promise<QueuedOutput>;
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}
