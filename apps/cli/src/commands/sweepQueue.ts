// `vanish sweep --queue`: the coordinator's side of a queued sweep, as a command (enqueue, progress, the sweep
// folder, exit codes). The queue itself is in ../queue.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "@vanish/rnn/node";
import { CliError, EXIT_USAGE, type CliIO } from "../io";
import { checkReachable, redactUrl } from "../queue/connection";
import { runQueuedSweep, type QueueProgress } from "../queue/queueSweep";
import { lockDirectory } from "../runs/dirLock";
import { describePoint, type JobResult, type SweepJob, type SweepSpec } from "../runs/sweep";
import { listenForStop } from "../signals";
import { colours, isInteractive, progressBar } from "../terminal";
import { printRows, sweepRow } from "./sweepRows";

/**
 * One line of progress: `3/6 done · 1 waiting · 2 active (0d49 on b:12 at 1200/3000, …) · 0 failed · workers: a:11
 * 2 done 1 active, b:12 1 done 1 active`.
 */
export function progressLine(p: QueueProgress): string {
  const active = p.active.map((a) => `${a.id.slice(0, 8)} on ${a.worker ?? "a worker"} at ${a.step}/${a.steps}`).join(", ");
  const workers = Object.entries(p.workers).map(([name, w]) => `${name} ${w.done} done ${w.active} active`).join(", ");
  return `${p.done}/${p.total} done · ${p.waiting} waiting · ${p.active.length} active${active ? ` (${active})` : ""} · ${p.failed} failed${workers ? ` · workers: ${workers}` : ""}`;
}

/** The flags of `vanish sweep` that a queued sweep reads. */
export interface QueuedSweepFlags {
  queue?: string;
  detach?: boolean;
  collect?: boolean;
  out: string;
  checkpointEvery: number;
  attempts?: number;
  json?: boolean;
  quiet?: boolean;
}

/** Enqueues, follows and collects a sweep on `options.queue`, then writes OUT/sweep.json and prints its rows. */
export async function queuedSweep(jobs: SweepJob[], spec: SweepSpec, options: QueuedSweepFlags, io: CliIO): Promise<void> {
  const url = options.queue!;
  try {
    await checkReachable(url);
  } catch (e) {
    throw new CliError((e as Error).message, EXIT_USAGE);
  }
  const talk = !options.json && !options.quiet;
  const c = colours(talk && isInteractive(process.stdout));
  const bar = progressBar("queue {bar} {value}/{total} done | {waiting} waiting | {active} active | {failed} failed | {workers}", talk && !options.detach && isInteractive(process.stderr));
  mkdirSync(options.out, { recursive: true });
  const lock = lockDirectory(options.out, "vanish sweep", "sweep directory");
  const stop = listenForStop();
  let last = "";
  let away: string | null = null;
  let report;
  try {
    bar?.start(jobs.length, 0, { waiting: 0, active: 0, failed: 0, workers: "no worker yet" });
    report = await runQueuedSweep(jobs, options.out, {
      url,
      checkpointEvery: options.checkpointEvery,
      ...(options.attempts !== undefined && { attempts: options.attempts }),
      ...(options.detach && { detach: true }),
      ...(options.collect && { collect: true }),
      signal: stop.signal,
      onRedisError: (e) => {
        if (e.message === away) return;
        away = e.message;
        if (talk) io.stderr(`queue: Redis: ${e.message}; retrying (the workers go on)\n`);
      },
      onProgress: (p) => {
        away = null;
        const workers = Object.entries(p.workers).map(([name, w]) => `${name} ${w.done}✓ ${w.active}▶`).join(" ");
        bar?.update(p.done, { waiting: p.waiting, active: p.active.length, failed: p.failed, workers: workers || "no worker yet" });
        // Without a terminal: a line whenever the counts or the set of running jobs change (not at every step).
        const key = `${p.done} ${p.failed} ${p.waiting} ${p.active.map((a) => a.id).join(",")}`;
        if (!bar && talk && !options.detach && key !== last) io.stderr(`queue: ${progressLine(p)}\n`);
        last = key;
      },
    });
  } finally {
    bar?.stop();
    stop.dispose();
    lock.release();
  }
  const where = redactUrl(url);
  const sameCommand = "the same command";
  if (options.detach) {
    const finished = report.results.filter((r) => r !== undefined).length;
    if (talk) io.stdout(`enqueued ${report.enqueued} of ${jobs.length} jobs on ${where} (${finished} already finished, ${jobs.length - finished - report.enqueued} already queued).\nStart workers with: vanish worker --queue ${where}\nThen gather the runs with ${sameCommand} and --collect instead of --detach.\n`);
    return;
  }
  if (stop.signal.aborted) throw new CliError(`stopped waiting (${stop.received ?? "SIGINT"}); the ${report.pending.length} unfinished jobs stay queued and the workers go on. Rerun ${sameCommand}, or add --collect, to gather them into ${options.out}`, stop.exitCode());
  if (report.failures.length > 0) {
    throw new CliError(
      `${report.failures.length} of ${jobs.length} jobs failed (the other finished runs are in ${options.out}; after fixing, \`vanish queue retry --queue ${where}\` requeues them):\n  ${report.failures.map((f) => `job ${f.job.id} (${describePoint(f.job.point)}): ${f.message.split("\n")[0]}`).join("\n  ")}`,
      report.failures.every((f) => f.usage) ? EXIT_USAGE : 1,
    );
  }
  if (report.pending.length > 0) {
    throw new CliError(`${report.pending.length} of ${jobs.length} jobs are not finished yet; the finished ones are in ${options.out}. Collect again later:\n  ${report.pending.map((j) => `job ${j.id} (${describePoint(j.point)})`).join("\n  ")}`, 1);
  }
  const results = report.results as JobResult[];
  writeFileAtomic(join(options.out, "sweep.json"), `${JSON.stringify({ spec, jobs: results.map(sweepRow) }, null, 2)}\n`);
  printRows(results.map(sweepRow), options, io, c);
}
