import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { CliError, EXIT_USAGE, type CliIO } from "../io";
import { checkReachable, redactUrl } from "../queue/connection";
import { runWorker } from "../queue/queueWorker";
import { listenForStop } from "../signals";
import { positiveInt, queueUrl } from "./sweep";

interface WorkerFlags {
  queue: string;
  concurrency: number;
  exitWhenIdle?: boolean;
  lockDuration: number;
  name?: string;
  quiet?: boolean;
}

const EXAMPLES = `
Examples:
  $ vanish worker --queue redis://10.0.0.5:6379
  $ vanish worker --queue redis://127.0.0.1:6379/2 --concurrency 2 --exit-when-idle

Start one on every machine that should train (each needs this CLI and access to the Redis); enqueue with
\`vanish sweep … --queue URL\`. Each run trains in a thread of its own; its checkpoints and metrics go to Redis, so
when a worker dies (even killed with -9) its runs go back to the queue once their lock expires (--lock-duration)
and another worker resumes them from the last checkpoint, with byte-identical results. SIGINT or SIGTERM
checkpoint the active runs, return them to the queue and exit (130, 143). A run that cannot run as configured fails
once; other failures are retried twice, with backoff.`;

/** `vanish worker`: processes the runs of queued sweeps. */
export function registerWorker(program: Command, io: CliIO): void {
  program
    .command("worker")
    .description("process the runs of queued sweeps (vanish sweep --queue) from a BullMQ queue in Redis")
    .requiredOption("--queue <url>", "the Redis of the queue: redis://HOST:PORT[/DB]", queueUrl("--queue"))
    .option("--concurrency <n>", "runs at a time, each in its own thread", positiveInt("--concurrency"), availableParallelism())
    .option("--exit-when-idle", "exit when the queue has nothing left to run (nothing waiting, delayed or active)")
    .option("--lock-duration <ms>", "how long a run's lock lasts without renewal: a dead worker's runs return to the queue after about this long", positiveInt("--lock-duration"), 30_000)
    .option("--name <name>", "this worker's name in logs and `vanish queue status` (default host:pid)")
    .option("--quiet", "print nothing but errors")
    .addHelpText("after", EXAMPLES)
    .action(async (flags: WorkerFlags) => {
      try {
        await checkReachable(flags.queue);
      } catch (e) {
        throw new CliError((e as Error).message, EXIT_USAGE);
      }
      const stop = listenForStop();
      const log = (line: string): void => {
        if (!flags.quiet) io.stderr(`${line}\n`);
      };
      let report;
      try {
        log(`worker: ${flags.concurrency} thread(s) on ${redactUrl(flags.queue)}${flags.exitWhenIdle ? " (exits when the queue is empty)" : "; Ctrl-C to stop"}`);
        report = await runWorker({
          url: flags.queue,
          concurrency: flags.concurrency,
          lockDuration: flags.lockDuration,
          ...(flags.exitWhenIdle && { exitWhenIdle: true }),
          ...(flags.name !== undefined && { name: flags.name }),
          signal: stop.signal,
          log,
        });
      } finally {
        stop.dispose();
      }
      const counts = `${report.finished} run(s) finished here, ${report.failed} failed attempt(s), ${report.returned} returned to the queue`;
      if (stop.signal.aborted) throw new CliError(`worker stopped by ${stop.received ?? "SIGINT"}: ${counts}`, stop.exitCode());
      log(`worker: the queue is empty; ${counts}`);
    });
}
