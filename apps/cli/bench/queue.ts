// The queued-sweep bench (part of `pnpm bench`): a redis-server of its own on a free 127.0.0.1 port, real
// `vanish worker` processes — the built CLI (`node dist/main.js`, as users run it; `pnpm bench` builds it first), or
// the sources through tsx when there is no build — and the coordinator (`runQueuedSweep`, what `vanish sweep --queue`
// runs) in this process. Two measurements, printed as figures and ratios, never asserted:
//  1. the 8-run sweep of ./jobs through the queue on 1 worker process and on N (default 2), each `--concurrency 1
//     --exit-when-idle`, wall clock from the enqueue to the last run written to OUT (worker start-up included);
//  2. the queue's own cost per job: 40 tiny runs (1–5 steps) through 1 worker process, from BullMQ's timestamps
//     (processedOn/finishedOn) minus the runs' own `seconds`.
// Each measurement starts on an emptied database of that Redis (FLUSHDB), so no run is found already finished in the
// store. `rounds` repeats the 1-vs-N pair (a busy machine's noise shows in the spread; the median is printed).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, QUEUE_NAME, QUEUE_PREFIX } from "../src/queue/connection";
import { openQueue } from "../src/queue/openQueue";
import { runQueuedSweep } from "../src/queue/queueSweep";
import { storeKeys } from "../src/queue/runStore";
import { expandSweep, type JobResult, type SweepJob } from "../src/runs/sweep";
import { childEnv, vanish, type Exited } from "../test/child";
import { startRedis, type RedisServer } from "../test/redis";
import { sweepJobs, sweepLabel } from "./jobs";

/** Every worker process this bench started that may still run: stopped (by its own PID) on failure or a signal. */
const live = new Set<ReturnType<typeof vanish>>();
/** The temporary sweep folders not removed yet. */
const folders = new Set<string>();

/** CPU seconds (user + system) of this process's children that have exited and been waited for (Linux: /proc). */
function childrenCpu(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of proc(5), cutime and cstime, in clock ticks; fields[0] is field 3.
    return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond();
  } catch {
    return null;
  }
}

let ticks = 0;
function ticksPerSecond(): number {
  if (ticks === 0) ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return ticks;
}

/** CPU seconds redis-server has used so far (INFO cpu). */
async function redisCpu(url: string): Promise<number> {
  const redis = connect(url);
  try {
    const info = await redis.info("cpu");
    const field = (name: string): number => Number(new RegExp(`^${name}:([\\d.]+)`, "m").exec(info)?.[1] ?? NaN);
    return field("used_cpu_user") + field("used_cpu_sys");
  } finally {
    redis.disconnect();
  }
}

/** The built CLI, when there is one (tsx compiling the sources in every process and thread would be timed too). */
const built = fileURLToPath(new URL("../dist/main.js", import.meta.url));
export const workerCli = existsSync(built) ? "the built CLI (node dist/main.js)" : "the sources (tsx; run `pnpm build` for the built CLI)";

/** `vanish …args` as one process: the built CLI if there is one, else the sources. */
function cli(args: readonly string[]): ReturnType<typeof vanish> {
  if (!existsSync(built)) return vanish(args);
  const child = spawn(process.execPath, [built, ...args], { env: { ...childEnv(), NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += String(d)));
  child.stderr.on("data", (d) => (stderr += String(d)));
  const done = new Promise<Exited>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Starts `n` worker processes on `url`, each with one training thread, exiting when the queue is empty. */
function startWorkers(url: string, n: number): ReturnType<typeof vanish>[] {
  return Array.from({ length: n }, (_, i) => {
    const worker = cli(["worker", "--queue", url, "--concurrency", "1", "--exit-when-idle", "--quiet", "--name", `bench-${i + 1}`]);
    live.add(worker);
    void worker.done.then(() => live.delete(worker));
    return worker;
  });
}

async function checkExits(exits: Exited[]): Promise<void> {
  exits.forEach((e, i) => {
    if (e.code !== 0) throw new Error(`benchQueue: worker bench-${i + 1} exited with code ${e.code} (signal ${e.signal}):\n${e.stderr}`);
  });
}

/** BullMQ's start and end of every job (ms since the epoch, set by the worker that ran it). */
async function jobTimes(url: string, jobs: readonly SweepJob[]): Promise<{ processedOn: number; finishedOn: number; worker: string }[]> {
  const { queue, close } = openQueue(url);
  try {
    return await Promise.all(
      jobs.map(async (j) => {
        const job = await queue.getJob(j.id);
        if (!job?.processedOn || !job.finishedOn) throw new Error(`benchQueue: job ${j.id} has no processedOn/finishedOn in the queue`);
        return { processedOn: job.processedOn, finishedOn: job.finishedOn, worker: job.processedBy ?? "?" };
      }),
    );
  } finally {
    await close();
  }
}

interface Sweep {
  wall: number;
  results: JobResult[];
  times: Awaited<ReturnType<typeof jobTimes>>;
  /** Date.now() when the enqueue began. */
  started: number;
  workersCpu: number | null;
  coordinatorCpu: number;
  redisCpu: number;
}

/** Enqueues `jobs` on `url`, starts `n` workers, collects every run into a temporary OUT, and times it. */
async function queuedSweep(url: string, jobs: readonly SweepJob[], n: number): Promise<Sweep> {
  const out = mkdtempSync(join(tmpdir(), `vanish-qbench-${n}-`));
  folders.add(out);
  try {
    const children = childrenCpu();
    const own = process.cpuUsage();
    const redis = await redisCpu(url);
    const started = Date.now();
    const start = performance.now();
    await runQueuedSweep(jobs, out, { url, detach: true });
    const workers = startWorkers(url, n);
    const report = await runQueuedSweep(jobs, out, { url, pollMs: 50 });
    const wall = (performance.now() - start) / 1000;
    const used = process.cpuUsage(own);
    await checkExits(await Promise.all(workers.map((w) => w.done)));
    const after = childrenCpu();
    if (report.failures.length > 0 || report.pending.length > 0) {
      throw new Error(`benchQueue: ${report.failures.length} failed and ${report.pending.length} unfinished jobs: ${report.failures.map((f) => f.message).join("; ")}`);
    }
    return {
      wall,
      results: report.results as JobResult[],
      times: await jobTimes(url, jobs),
      started,
      workersCpu: children === null || after === null ? null : after - children,
      coordinatorCpu: (used.user + used.system) / 1e6,
      redisCpu: (await redisCpu(url)) - redis,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
    folders.delete(out);
  }
}

const s = (x: number): string => x.toFixed(2);
const ms = (x: number): string => x.toFixed(1);

/** Sizes of what one finished run keeps in Redis (MEMORY USAGE of its keys, and the bytes of its files). */
async function storeSizes(url: string, id: string): Promise<string> {
  const redis = connect(url);
  try {
    const usage = async (key: string): Promise<number> => Number(await redis.call("MEMORY", "USAGE", key, "SAMPLES", "0"));
    const keys = storeKeys(id);
    const [run, metrics, job] = await Promise.all([usage(keys.run), usage(keys.metrics), usage(`${QUEUE_PREFIX}:${QUEUE_NAME}:${id}`)]);
    const [checkpoint, summary, config, metricsBytes] = await Promise.all([redis.hstrlen(keys.run, "checkpoint"), redis.hstrlen(keys.run, "summary"), redis.hstrlen(keys.run, "config"), redis.strlen(keys.metrics)]);
    return (
      `  Redis per run (${id}): store hash ${(run / 1024).toFixed(1)} KiB (checkpoint ${(checkpoint / 1024).toFixed(1)} KiB, ` +
      `summary ${(summary / 1024).toFixed(1)} KiB, config ${(config / 1024).toFixed(1)} KiB), metrics ${(metrics / 1024).toFixed(1)} KiB ` +
      `(${(metricsBytes / 1024).toFixed(1)} KiB of metrics.jsonl), BullMQ job hash ${(job / 1024).toFixed(1)} KiB (MEMORY USAGE)`
    );
  } finally {
    redis.disconnect();
  }
}

/** Database `db` of the bench's own Redis, emptied: no run of an earlier measurement is found finished there. */
async function emptyDb(redis: RedisServer, db: number): Promise<string> {
  const url = `${redis.url}/${db}`;
  const client = connect(url);
  try {
    await client.flushdb();
  } finally {
    client.disconnect();
  }
  return url;
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const firstStart = (r: Sweep): number => Math.min(...r.times.map((t) => t.processedOn));
/** From the first job's start to the last job's finish (BullMQ's timestamps), in ms: no worker process start-up. */
const span = (r: Sweep): number => Math.max(...r.times.map((t) => t.finishedOn)) - firstStart(r);

/** The 8-run sweep on 1 worker process and on `n`, and the speed-up, `rounds` times (1 then n in each round). */
async function speedUp(redis: RedisServer, n: number, steps: number, rounds: number): Promise<void> {
  const jobs = sweepJobs(steps);
  console.log(`queued sweep of ${jobs.length} runs (${sweepLabel(steps)}) on worker processes of 1 thread each (${workerCli}), Redis on ${redis.url}`);
  const line = (k: number, r: Sweep): string => {
    const cpu = r.workersCpu === null ? "n/a" : s(r.workersCpu);
    return (
      `  ${k} worker process${k > 1 ? "es" : ""}: ${s(r.wall)} s wall enqueue → all collected ` +
      `(first job started after ${s((firstStart(r) - r.started) / 1000)} s, jobs ran ${s(span(r) / 1000)} s first start → last finish); ` +
      `CPU ${cpu} s workers (start-up included), ${s(r.coordinatorCpu)} s coordinator, ${s(r.redisCpu)} s redis-server`
    );
  };
  const target = n === 2 ? "1.8" : (0.9 * n).toFixed(1);
  const walls: number[] = [];
  const spans: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) console.log(` round ${round} of ${rounds}:`);
    const one = await queuedSweep(await emptyDb(redis, 1), jobs, 1);
    console.log(line(1, one));
    if (round === 1) console.log(await storeSizes(`${redis.url}/1`, jobs[0]!.id));
    const many = await queuedSweep(await emptyDb(redis, 2), jobs, n);
    console.log(line(n, many));
    walls.push(one.wall / many.wall);
    spans.push(span(one) / span(many));
    console.log(`  speed-up: ${walls.at(-1)!.toFixed(2)}x end to end, ${spans.at(-1)!.toFixed(2)}x first job start → last finish (target >= ${target}x end to end)`);
  }
  if (rounds > 1) console.log(`  median of ${rounds} rounds: ${median(walls).toFixed(2)}x end to end, ${median(spans).toFixed(2)}x first job start → last finish`);
}

/** `count` tiny runs (1–5 steps) through 1 worker process: the queue's cost per job. */
async function overhead(redis: RedisServer, count: number): Promise<void> {
  const seeds = Array.from({ length: Math.ceil(count / 5) }, (_, i) => i);
  const jobs = expandSweep({
    base: { task: { name: "adding", preset: "easy" }, hiddenSize: 8, batchSize: 4, logEvery: 1, evalBatches: 1 },
    grid: { steps: [1, 2, 3, 4, 5] },
    seeds,
  }).slice(0, count);
  const r = await queuedSweep(await emptyDb(redis, 3), jobs, 1);
  const n = jobs.length;
  const order = r.times.map((t, i) => ({ ...t, seconds: r.results[i]!.summary.seconds * 1000 })).sort((a, b) => a.processedOn - b.processedOn);
  const first = order[0]!;
  const lastFinish = Math.max(...order.map((t) => t.finishedOn));
  const trained = order.reduce((a, t) => a + t.seconds, 0);
  const window = lastFinish - first.processedOn;
  const inJobs = order.reduce((a, t) => a + (t.finishedOn - t.processedOn - t.seconds), 0);
  // Without the first job, which also pays the training thread's start (loading the sources through tsx).
  const steady = (lastFinish - first.finishedOn - (trained - first.seconds)) / (n - 1);
  console.log(`queue overhead: ${n} runs of 1–5 steps (adding easy, hidden 8, batch 4) through 1 worker process, 1 thread`);
  console.log(`  first job start → last job finish ${ms(window)} ms, of which the runs' own summary.seconds (trainRun: task data, model, steps, last checkpoint, evaluation) ${ms(trained)} ms`);
  console.log(`  overhead per job: ${ms((window - trained) / n)} ms (target < 50 ms); ${ms(steady)} ms without the first job (thread start-up)`);
  // BullMQ takes the next job in the same call that finishes one, so the hand-over falls inside the next job's window.
  console.log(`    inside BullMQ's active windows (processedOn → finishedOn) but outside trainRun: ${ms(inJobs / n)} ms; between one job's finishedOn and the next one's processedOn: ${ms((window - inJobs - trained) / n)} ms`);
  console.log(`  enqueue → all collected: ${s(r.wall)} s, ${ms((r.wall * 1000) / n)} ms per job (worker process start-up and the first job's thread start included)`);
}

/** Runs the queued-sweep bench with `workers` worker processes against 1, then the overhead measurement. */
export async function benchQueue(options: { workers: number; steps?: number; rounds?: number; overheadJobs?: number }): Promise<void> {
  const redis = await startRedis();
  // A signal (Ctrl-C) stops the workers this bench started and its Redis before exiting.
  const onSignal = (sig: NodeJS.Signals): void => {
    void cleanUp(redis).finally(() => process.exit(sig === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    await speedUp(redis, options.workers, options.steps ?? 1000, options.rounds ?? 1);
    await overhead(redis, options.overheadJobs ?? 40);
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    await cleanUp(redis);
  }
}

async function cleanUp(redis: RedisServer): Promise<void> {
  const running = [...live];
  for (const w of running) w.child.kill("SIGTERM");
  await Promise.all(running.map((w) => w.done));
  await redis.dispose();
  for (const out of folders) rmSync(out, { recursive: true, force: true });
}
