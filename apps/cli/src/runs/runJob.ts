import { ConfigError } from "../engine/configError";
import { NonFiniteError } from "../engine/errors";
import { RunDirectoryError } from "../engine/runDirectoryError";
import type { RunConfig } from "../engine/config";
import type { RunSummary } from "../engine/summary";
import { trainRun, type TrainRunOptions } from "../engine/trainRun";
import { describeFsError } from "../fsErrors";

/** One sweep job: a resolved config and the directory its run lives in (named by the config hash). */
export interface Job {
  config: RunConfig;
  runDir: string;
  checkpointEvery: number;
}

/**
 * What a job ends with: its summary, or why it could not run. `usage` is true for what the user can fix (a run
 * directory in use, damaged or unwritable, a run too large, a config this version cannot run), false for a bug (then `message` holds the stack). Plain
 * data, because it crosses from a worker thread, where an error would lose its class and fields.
 */
export type JobOutput = { summary: RunSummary } | { error: { message: string; usage: boolean } };

/**
 * Runs (or resumes, or returns the stored result of) one job. A run that fails under the `error` policy is a
 * result too (its summary says where it diverged), so it resolves with the failed summary instead of rejecting.
 * Only an abort rejects. `hooks` (in the thread that runs the job) watch it: who holds its directory, every record,
 * every checkpoint.
 */
export async function runJob(job: Job, signal?: AbortSignal, hooks: Pick<TrainRunOptions, "owner" | "onLog" | "onCheckpoint"> = {}): Promise<JobOutput> {
  try {
    return { summary: await trainRun(job.config, { runDir: job.runDir, resume: true, owner: "vanish sweep", ...hooks, checkpointEvery: job.checkpointEvery, ...(signal && { signal }) }) };
  } catch (e) {
    if (e instanceof NonFiniteError && e.summary) return { summary: e.summary };
    if (signal?.aborted) throw e;
    if (e instanceof RunDirectoryError) return { error: { message: e.message.replace(/^trainRun: /, ""), usage: true } };
    // A config this version cannot run (on a queue worker older than the coordinator, say): the user's to fix.
    if (e instanceof ConfigError) return { error: { message: e.message, usage: true } };
    if (e instanceof RangeError && e.message.startsWith("checkRunSize: ")) return { error: { message: e.message.replace(/^checkRunSize: /, ""), usage: true } };
    const fs = describeFsError(e);
    if (fs !== null) return { error: { message: fs, usage: true } };
    return { error: { message: (e as Error).stack ?? String(e), usage: false } };
  }
}
