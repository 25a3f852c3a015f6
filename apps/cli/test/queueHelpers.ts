// What the queue fault tests share: `vanish` processes whose output can be read while they run, a poller for
// conditions on Redis, the run store as the workers left it, and the byte comparison of two sweep directories.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCheckpoint } from "@vanish/rnn";
import { Queue } from "bullmq";
import type { RunStore } from "../src/queue/runStore";
import { vanish, type Exited } from "./child";
import { openQueue } from "./queueFixtures";
import { startRedis, type RedisServer } from "./redis";

/** A running `vanish` process; `stdout()`/`stderr()` are what it printed so far. */
export interface Proc {
  child: ReturnType<typeof vanish>["child"];
  done: Promise<Exited>;
  stdout(): string;
  stderr(): string;
  /** A short name for failure messages. */
  label: string;
}

/** Starts `vanish …args` and keeps what it prints readable while it runs. */
export function start(label: string, args: readonly string[]): Proc {
  const { child, done } = vanish(args);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (err += String(d)));
  return { child, done, stdout: () => out, stderr: () => err, label };
}

/** `vanish worker` with one training thread and a short lock, named `name` in its log. */
export function startWorker(url: string, name: string, extra: readonly string[] = [], lockMs = 2000): Proc {
  return start(name, ["worker", "--queue", url, "--concurrency", "1", "--lock-duration", String(lockMs), "--name", name, ...extra]);
}

/**
 * Sends SIGKILL to every process of `procs` still running (the test's own children only) and removes the scratch
 * folders their workers left (a worker killed with -9 cannot remove its own).
 */
export function killAll(procs: readonly Proc[]): void {
  for (const p of procs) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    if (p.child.pid !== undefined) for (const f of scratchFolders(p.child.pid)) rmSync(join(tmpdir(), f), { recursive: true, force: true });
  }
}

/** The scratch folders of the worker process `pid` in the OS temp folder (`vanish-worker-PID-XXXXXX`). */
export function scratchFolders(pid: number | undefined): string[] {
  return readdirSync(tmpdir()).filter((f) => f.startsWith(`vanish-worker-${pid}-`));
}

/**
 * Resolves once `test()` holds (polled every 50 ms); rejects after `ms`, or as soon as one of `alive` exits (its
 * stderr is in the message), naming `what`.
 */
export async function until(what: string, test: () => boolean | Promise<boolean>, alive: readonly Proc[], ms = 120_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await test()) return;
    const gone = alive.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    const logs = (): string => alive.map((p) => `--- ${p.label}\n${p.stderr()}`).join("\n");
    if (gone) throw new Error(`until(${what}): ${gone.label} exited (code ${gone.child.exitCode}, signal ${gone.child.signalCode}) first; logs:\n${logs()}`);
    if (Date.now() - started > ms) throw new Error(`until(${what}): not within ${ms} ms; logs:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What each of `procs` printed and how it exited, once all have exited; rejects after `ms` with their logs so far. */
export async function exits(procs: readonly Proc[], ms = 150_000): Promise<Exited[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`exits: not all of ${procs.map((p) => p.label).join(", ")} exited within ${ms} ms; logs:\n${procs.map((p) => `--- ${p.label}\n${p.stderr()}`).join("\n")}`)), ms);
  });
  try {
    return await Promise.race([Promise.all(procs.map((p) => p.done)), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How often `pattern` occurs in `text`. */
export const count = (text: string, pattern: RegExp): number => (text.match(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`)) ?? []).length;


/**
 * Resolves once the queue holds `n` jobs in any state. A worker started with --exit-when-idle before the
 * coordinator has enqueued would find the queue empty and exit at once, so such workers start after this.
 */
export async function enqueued(queue: Queue, n: number, alive: readonly Proc[]): Promise<void> {
  await until(`${n} jobs enqueued`, async () => Object.values(await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "completed", "failed")).reduce((a, b) => a + b, 0) >= n, alive);
}

/** The step of run `id`'s stored checkpoint, or null when none is stored yet. */
export async function storedCheckpointStep(store: RunStore, id: string): Promise<number | null> {
  const checkpoint = (await store.read(id))?.checkpoint;
  return checkpoint && checkpoint.length > 0 ? parseCheckpoint(checkpoint.toString("utf8")).step : null;
}

/** The ids `name` logged as taken, in order (`<name>: took <id> (…)`). */
export const taken = (log: string, name: string): string[] => [...log.matchAll(new RegExp(`^${name}: took ([0-9a-f]{16}) `, "gm"))].map((m) => m[1]);

/** The ids of the run directories of a sweep directory. */
export const runIds = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** The ids of the runs of `dir` that have a summary.json (finished). */
export const finishedIds = (dir: string): string[] => (existsSync(dir) ? runIds(dir).filter((id) => existsSync(join(dir, id, "summary.json"))) : []);

const sha = (file: string): string => (existsSync(file) ? createHash("sha256").update(readFileSync(file)).digest("hex") : "missing");

/** For every run of `dir`: the SHA-256 of its config.json, metrics.jsonl and checkpoint.json. */
export function fileHashes(dir: string): Record<string, Record<string, string>> {
  return Object.fromEntries(runIds(dir).map((id) => [id, Object.fromEntries(["config.json", "metrics.jsonl", "checkpoint.json"].map((f) => [f, sha(join(dir, id, f))]))]));
}

export const summaryOf = (dir: string, id: string): { status: string; steps: number; resumedFrom: number; failure?: { step: number } } => JSON.parse(readFileSync(join(dir, id, "summary.json"), "utf8"));

export interface SweepRowLike {
  id: string;
  outcome: string;
  status: string;
  steps: number;
  failedAt: number | null;
}

export const sweepRows = (dir: string): SweepRowLike[] => (JSON.parse(readFileSync(join(dir, "sweep.json"), "utf8")) as { jobs: SweepRowLike[] }).jobs;

const locals = new Map<string, Promise<string>>();

/** A local `vanish sweep …args --workers 2` into a new folder of `root` (once per argument list); resolves to it. */
export function localSweep(root: string, args: readonly string[]): Promise<string> {
  const key = JSON.stringify(args);
  if (!locals.has(key)) {
    locals.set(
      key,
      (async () => {
        const out = join(root, `local-${locals.size}`);
        const r = await vanish(["sweep", ...args, "--workers", "2", "--out", out, "--quiet"]).done;
        if (r.code !== 0) throw new Error(`localSweep: vanish sweep exited ${r.code}:\n${r.stderr}`);
        return out;
      })(),
    );
  }
  return locals.get(key)!;
}

/** What a queue test works with: its own Redis, a connection to look into it, and the processes it starts. */
export interface Scene {
  redis: RedisServer;
  look: ReturnType<typeof openQueue>;
  procs: Proc[];
}

/**
 * Runs `test` against a Redis of its own (`persist`: with Redis's default snapshotting); afterwards — passed or
 * failed — kills the processes it started (removing their scratch folders), closes the look and stops the Redis.
 */
export async function withRedis<T>(test: (scene: Scene) => Promise<T>, options: { persist?: boolean } = {}): Promise<T> {
  const redis = await startRedis(options);
  const look = openQueue(redis.url);
  const procs: Proc[] = [];
  try {
    return await test({ redis, look, procs });
  } finally {
    killAll(procs);
    await look.close();
    await redis.dispose();
  }
}
