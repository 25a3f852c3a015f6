// What travels through the queue: a job's data (its BullMQ id is the run's config hash), its progress and result.
import type { RunConfig } from "../engine/config";

/** What a queued job carries (its BullMQ job id is the config hash). */
export interface QueuedJobData {
  config: RunConfig;
  /** The grid values and seed that made the job, for people. */
  point: Record<string, unknown>;
  checkpointEvery: number;
}

/** What a job reports as progress while it runs. */
export interface QueuedProgress {
  worker: string;
  step: number;
  steps: number;
}

/** What a completed job returns (the run's files are in the store). */
export interface QueuedResult {
  status: "completed" | "failed";
  steps: number;
}

/** The job options of every queued run: retries with exponential backoff for failures that may pass. */
export const JOB_OPTIONS = { attempts: 3, backoff: { type: "exponential", delay: 2000 }, removeOnComplete: false, removeOnFail: false } as const;
