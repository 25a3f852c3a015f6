import type { Queue } from "bullmq";
import type { Command } from "commander";
import { CliError, EXIT_USAGE, type CliIO } from "../io";
import { checkReachable, redactUrl } from "../queue/connection";
import type { QueuedJobData, QueuedProgress } from "../queue/jobs";
import { openQueue } from "../queue/openQueue";
import type { RunStore } from "../queue/runStore";
import { describePoint } from "../runs/sweep";
import { queueUrl } from "./sweep";

interface QueueFlags {
  queue: string;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  $ vanish queue status --queue redis://127.0.0.1:6379
  $ vanish queue retry --queue redis://127.0.0.1:6379
  $ vanish queue clean --queue redis://127.0.0.1:6379 --failed

status: jobs by state, the workers connected, each running job's worker and step, each failed job's reason.
retry: puts failed jobs back in the queue (they resume from their last checkpoint).
clean: removes finished jobs (completed and failed; --completed or --failed for one kind) and their stored runs —
gather them first with \`vanish sweep … --collect\`; --all empties the queue and the store, running jobs included.`;

/** The queue and the store for one command, closed afterwards. */
async function withQueue<T>(url: string, f: (queue: Queue<QueuedJobData>, store: RunStore) => Promise<T>): Promise<T> {
  try {
    await checkReachable(url);
  } catch (e) {
    throw new CliError((e as Error).message, EXIT_USAGE);
  }
  const open = openQueue(url);
  try {
    return await f(open.queue, open.store);
  } finally {
    await open.close();
  }
}

/**
 * A worker's name from BullMQ's worker list: BullMQ names a worker's connection `PREFIX:base64(queue):w:NAME` (its
 * `rawname`; its `name` is the queue's), so the name `vanish worker --name` gave is what follows the first `:w:`.
 */
export function workerName(raw: string | undefined): string {
  if (raw === undefined || raw === "") return "?";
  const at = raw.indexOf(":w:");
  return at < 0 ? raw : raw.slice(at + 3);
}

const STATES = ["waiting", "prioritized", "delayed", "active", "completed", "failed"] as const;

/** `vanish queue status|retry|clean`: a look at the queue of queued sweeps, and its housekeeping. */
export function registerQueue(program: Command, io: CliIO): void {
  const command = program.command("queue").description("look at and tidy the queue of queued sweeps (status, retry, clean)").addHelpText("after", EXAMPLES);
  const url = (c: Command): Command => c.requiredOption("--queue <url>", "the Redis of the queue: redis://HOST:PORT[/DB]", queueUrl("--queue"));

  url(command.command("status").description("jobs by state, workers, running and failed jobs"))
    .option("--json", "print the status as JSON")
    .action(async (flags: QueueFlags) => {
      const status = await withQueue(flags.queue, async (queue) => {
        const counts = await queue.getJobCounts(...STATES);
        const workers = (await queue.getWorkers()).map((w) => ({ name: workerName(w.rawname), address: w.addr, idleSeconds: Number(w.idle ?? 0) }));
        const active = (await queue.getJobs(["active"])).map((j) => {
          const p = j.progress as QueuedProgress | number;
          return { id: j.id!, point: j.data.point, worker: typeof p === "object" ? p.worker : (j.processedBy ?? null), step: typeof p === "object" ? p.step : 0, steps: j.data.config.steps };
        });
        const failed = (await queue.getJobs(["failed"])).map((j) => ({ id: j.id!, point: j.data.point, reason: j.failedReason, attempts: j.attemptsMade }));
        return { counts, workers, active, failed };
      });
      if (flags.json) {
        io.stdout(`${JSON.stringify(status)}\n`);
        return;
      }
      const lines = [`queue on ${redactUrl(flags.queue)}: ${STATES.map((s) => `${status.counts[s] ?? 0} ${s}`).join(", ")}`];
      lines.push(`workers: ${status.workers.length === 0 ? "none connected" : status.workers.map((w) => w.name).join(", ")}`);
      for (const a of status.active) lines.push(`  running ${a.id} (${describePoint(a.point)}) on ${a.worker ?? "?"}: step ${a.step}/${a.steps}`);
      for (const f of status.failed) lines.push(`  failed  ${f.id} (${describePoint(f.point)}) after ${f.attempts} attempt(s): ${String(f.reason).split("\n")[0]}`);
      io.stdout(`${lines.join("\n")}\n`);
    });

  url(command.command("retry").description("put the failed jobs back in the queue")).action(async (flags: QueueFlags) => {
    const n = await withQueue(flags.queue, async (queue) => {
      const failed = await queue.getJobCounts("failed");
      await queue.retryJobs({ state: "failed" });
      return failed.failed ?? 0;
    });
    io.stdout(`${n} failed job(s) put back in the queue on ${redactUrl(flags.queue)}\n`);
  });

  url(command.command("clean").description("remove finished jobs and their stored runs"))
    .option("--completed", "only completed jobs")
    .option("--failed", "only failed jobs")
    .option("--all", "every job, running ones included, and every stored run")
    .action(async (flags: QueueFlags & { completed?: boolean; failed?: boolean; all?: boolean }) => {
      if (flags.all && (flags.completed || flags.failed)) throw new CliError("queue clean: --all already removes every job; drop --completed/--failed", EXIT_USAGE);
      const text = await withQueue(flags.queue, async (queue, store) => {
        if (flags.all) {
          const ids = await store.ids();
          await queue.obliterate({ force: true });
          await store.remove(ids);
          return `emptied the queue and removed ${ids.length} stored run(s)`;
        }
        const kinds = flags.completed || flags.failed ? (["completed", "failed"] as const).filter((k) => flags[k]) : (["completed", "failed"] as const);
        const removed: string[] = [];
        for (const kind of kinds) removed.push(...(await queue.clean(0, 0, kind)));
        const runs = await store.remove(removed);
        return `removed ${removed.length} ${kinds.join(" and ")} job(s) and ${runs} stored run(s)`;
      });
      io.stdout(`${text} on ${redactUrl(flags.queue)}\n`);
    });
}
