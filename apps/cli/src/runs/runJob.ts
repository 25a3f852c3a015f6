import { NonFiniteError } from "../engine/errors";
import type { RunConfig } from "../engine/config";
import type { RunSummary } from "../engine/summary";
import { trainRun } from "../engine/trainRun";

/** One sweep job: a resolved config and the directory its run lives in (named by the config hash). */
export interface Job {
  config: RunConfig;
  runDir: string;
  checkpointEvery: number;
}

/**
 * Runs (or resumes, or returns the stored result of) one job. A run that fails under the `error` policy is a
 * result too (its summary says where it diverged), so it resolves with the failed summary instead of rejecting.
 */
export async function runJob(job: Job, signal?: AbortSignal): Promise<RunSummary> {
  try {
    return await trainRun(job.config, { runDir: job.runDir, resume: true, checkpointEvery: job.checkpointEvery, ...(signal && { signal }) });
  } catch (e) {
    if (e instanceof NonFiniteError && e.summary) return e.summary;
    throw e;
  }
}
