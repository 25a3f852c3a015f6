import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectSameRun, openQueue, redisPerFile } from "../../test/queueFixtures";
import { resolveRunConfig, type PartialRunConfig } from "../engine/config";
import { configHash } from "../engine/configHash";
import { RunAbortedError } from "../engine/errors";
import { trainRun } from "../engine/trainRun";
import { RunDirectory } from "../runs/runDirectory";
import { expandSweep, runSweep, type SweepJob } from "../runs/sweep";
import { JOB_OPTIONS } from "./jobs";
import { runQueuedSweep } from "./queueSweep";
import { runWorker } from "./queueWorker";

const { server, freshUrl, fresh } = redisPerFile("queue-worker");

const base: PartialRunConfig = { task: { name: "adding", preset: "easy" }, hiddenSize: 6, batchSize: 4, steps: 120, logEvery: 10, evalBatches: 1 };
const job = (partial: PartialRunConfig, point: Record<string, unknown> = {}): SweepJob => {
  const config = resolveRunConfig(partial);
  return { id: configHash(config), config, point };
};

describe("runWorker", () => {
  it("runs the jobs of a waiting runQueuedSweep into OUT, byte-equal to a local sweep", async () => {
    const url = freshUrl();
    const jobs = expandSweep({ base, grid: { cell: ["rnn_tanh", "gru"] }, seeds: [0, 1] });
    const stop = new AbortController();
    const lines: string[] = [];
    const worker = runWorker({ url, concurrency: 2, signal: stop.signal, name: "w1", log: (l) => lines.push(l) });
    const out = fresh();
    const report = await runQueuedSweep(jobs, out, { url, checkpointEvery: 40, pollMs: 50 });
    stop.abort();
    expect(await worker).toEqual({ finished: 4, failed: 0, returned: 0 });
    expect(report.enqueued).toBe(4);
    expect(report.failures).toEqual([]);
    expect(report.pending).toEqual([]);
    expect(report.results.map((r) => [r!.job.id, r!.outcome, r!.summary.status, r!.runDir])).toEqual(jobs.map((j) => [j.id, "ran", "completed", join(out, j.id)]));
    const local = fresh();
    await runSweep(jobs, local, { workers: 0, checkpointEvery: 40 });
    for (const j of jobs) expectSameRun(join(out, j.id), join(local, j.id));
    expect(lines.filter((l) => l.startsWith("w1: finished "))).toHaveLength(4);
    expect(lines).toContain(`w1: took ${jobs[3].id} (cell="gru" seed=1)`);
  });

  it("with exitWhenIdle, returns once the queue is empty; a later --collect writes the runs", async () => {
    const url = freshUrl();
    const jobs = expandSweep({ base, grid: { cell: ["lstm"] }, seeds: [3, 4] });
    const out = fresh();
    const detached = await runQueuedSweep(jobs, out, { url, detach: true, checkpointEvery: 40 });
    expect(detached.enqueued).toBe(2);
    expect(detached.pending.map((j) => j.id)).toEqual(jobs.map((j) => j.id));
    // The worker's scratch folder (under the OS temp folder, here one of this test's own) is gone afterwards.
    const temp = mkdtempSync(join(tmpdir(), "vanish-tmpdir-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      expect(await runWorker({ url, exitWhenIdle: true })).toEqual({ finished: 2, failed: 0, returned: 0 });
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    // (tsx, which runs the worker threads from source here, keeps its cache there too)
    expect(readdirSync(temp).filter((f) => f.startsWith("vanish-worker-"))).toEqual([]);
    const collected = await runQueuedSweep(jobs, out, { url, collect: true });
    expect(collected.pending).toEqual([]);
    expect(collected.enqueued).toBe(0);
    expect(collected.results.map((r) => r?.outcome)).toEqual(["ran", "ran"]);
    const local = fresh();
    await runSweep(jobs, local, { workers: 0, checkpointEvery: 40 });
    for (const j of jobs) expectSameRun(join(out, j.id), join(local, j.id));
  });

  it("resumes a run from a checkpoint already in the store, byte-equal to an uninterrupted local run", async () => {
    const url = freshUrl();
    const j = job({ ...base, cell: "gru", steps: 200 });
    // A partial run: stopped after step 90, with its checkpoint there; its files go to the store as a worker's would.
    const partial = fresh();
    const abort = new AbortController();
    await expect(trainRun(j.config, { runDir: partial, checkpointEvery: 40, onLog: (r) => r.step >= 90 && abort.abort(), signal: abort.signal })).rejects.toBeInstanceOf(RunAbortedError);
    const dir = new RunDirectory(partial);
    const { store, close } = openQueue(url);
    try {
      const epoch = await store.claim(j.id, "earlier");
      await store.save(j.id, epoch, { mode: "replace", config: readFileSync(dir.file("config")), metrics: readFileSync(dir.file("metrics")), checkpoint: readFileSync(dir.file("checkpoint")) });
    } finally {
      await close();
    }
    const out = fresh();
    await runQueuedSweep([j], out, { url, detach: true, checkpointEvery: 40 });
    expect(await runWorker({ url, exitWhenIdle: true })).toEqual({ finished: 1, failed: 0, returned: 0 });
    const { results } = await runQueuedSweep([j], out, { url, collect: true });
    expect(results[0]!.outcome).toBe("resumed");
    expect(results[0]!.summary.resumedFrom).toBeGreaterThanOrEqual(90);
    expect(results[0]!.summary.resumedFrom).toBeLessThan(200);
    const local = fresh();
    await runSweep([j], local, { workers: 0, checkpointEvery: 40 });
    expect(new RunDirectory(join(local, j.id)).readSummary()!.resumedFrom).toBe(0);
    expectSameRun(join(out, j.id), join(local, j.id));
  });

  it("returns an active run to the queue with its checkpoint when its signal aborts; the next worker resumes it", async () => {
    const url = freshUrl();
    const j = job({ ...base, hiddenSize: 32, steps: 6000, logEvery: 50 });
    const out = fresh();
    await runQueuedSweep([j], out, { url, detach: true, checkpointEvery: 100 });
    const { queue, store, close } = openQueue(url);
    try {
      const stop = new AbortController();
      const lines: string[] = [];
      const worker = runWorker({ url, signal: stop.signal, name: "first", log: (l) => lines.push(l) });
      // Wait for a checkpoint in the store: the run is under way.
      const started = Date.now();
      while (!(await store.read(j.id))?.checkpoint?.length) {
        expect(Date.now() - started, "a checkpoint reached the store").toBeLessThan(30_000);
        await new Promise((r) => setTimeout(r, 20));
      }
      stop.abort();
      expect(await worker).toEqual({ finished: 0, failed: 0, returned: 1 });
      expect(await queue.getJobState(j.id)).toBe("waiting");
      const stored = (await store.read(j.id))!;
      expect(stored.summary).toBeNull();
      expect(stored.checkpoint!.length).toBeGreaterThan(0);
      const step = Number(/returned \S+ to the queue at step (\d+)$/.exec(lines.find((l) => l.includes("returned"))!)![1]);
      expect(step).toBeGreaterThan(0);
      expect(step).toBeLessThan(6000);
      // The stored metrics end at the step the run stopped at.
      const records = stored.metrics.toString("utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as { step: number });
      expect(records.at(-1)!.step).toBeLessThanOrEqual(step);
      expect(await runWorker({ url, exitWhenIdle: true, name: "second" })).toEqual({ finished: 1, failed: 0, returned: 0 });
      const { results } = await runQueuedSweep([j], out, { url, collect: true });
      expect(results[0]!.summary.resumedFrom).toBe(step);
      const local = fresh();
      await runSweep([j], local, { workers: 0, checkpointEvery: 100 });
      expectSameRun(join(out, j.id), join(local, j.id));
    } finally {
      await close();
    }
  });
});

describe("runWorker with concurrency 2", () => {
  it("returns both active runs to the queue, each with a stored checkpoint, when its signal aborts", async () => {
    const url = freshUrl();
    const long = expandSweep({ base: { ...base, hiddenSize: 32, steps: 100_000, logEvery: 50 }, seeds: [1, 2] });
    await runQueuedSweep(long, fresh(), { url, detach: true, checkpointEvery: 100 });
    const { queue, store, close } = openQueue(url);
    try {
      const stop = new AbortController();
      const worker = runWorker({ url, concurrency: 2, signal: stop.signal });
      const started = Date.now();
      for (const j of long) {
        while (!(await store.read(j.id))?.checkpoint?.length) {
          expect(Date.now() - started, "both runs stored a checkpoint").toBeLessThan(30_000);
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      stop.abort();
      expect(await worker).toEqual({ finished: 0, failed: 0, returned: 2 });
      for (const j of long) {
        expect(await queue.getJobState(j.id)).toBe("waiting");
        expect((await store.read(j.id))!.summary).toBeNull();
      }
    } finally {
      await close();
    }
  });
});

describe("runs already finished in the store", () => {
  it("completes the job with the stored summary without running it again (a worker died after its final snapshot)", async () => {
    const url = freshUrl();
    const j = job({ ...base, cell: "lstm", seed: 5 });
    const local = fresh();
    await runSweep([j], local, { workers: 0, checkpointEvery: 40 });
    const dir = new RunDirectory(join(local, j.id));
    const { queue, store, close } = openQueue(url);
    try {
      const summary = readFileSync(dir.file("summary"));
      const died = await store.claim(j.id, "died");
      await store.save(j.id, died, { mode: "final", config: readFileSync(dir.file("config")), metrics: readFileSync(dir.file("metrics")), checkpoint: readFileSync(dir.file("checkpoint")), summary });
      // Enqueued by hand (a coordinator would have collected it instead).
      await queue.add("run", { config: j.config, point: {}, checkpointEvery: 40 }, { ...JOB_OPTIONS, jobId: j.id });
      const lines: string[] = [];
      expect(await runWorker({ url, exitWhenIdle: true, name: "w", log: (l) => lines.push(l) })).toEqual({ finished: 1, failed: 0, returned: 0 });
      expect(lines).toEqual([`w: took ${j.id} (the base config)`, `w: finished ${j.id}: completed`]);
      expect((await queue.getJob(j.id))!.returnvalue).toEqual({ status: "completed", steps: 120 });
      const stored = (await store.read(j.id))!;
      expect(stored.summary!.equals(summary)).toBe(true);
      expect(stored.metrics.equals(readFileSync(dir.file("metrics")))).toBe(true);
      // The worker claimed it (a new claim) and wrote nothing.
      expect(stored.epoch).not.toBe(died);
      expect(stored.worker).toBe("w");
    } finally {
      await close();
    }
  });
});

describe("claims", () => {
  it("stops a run whose claim another worker took, stores nothing more of it, and retries it from the stored checkpoint", async () => {
    const url = freshUrl();
    const j = job({ ...base, hiddenSize: 32, steps: 3000, logEvery: 50 });
    const out = fresh();
    await runQueuedSweep([j], out, { url, detach: true, checkpointEvery: 100 });
    const { queue, store, close } = openQueue(url);
    try {
      const lines: string[] = [];
      const worker = runWorker({ url, exitWhenIdle: true, name: "zombie", log: (l) => lines.push(l) });
      const started = Date.now();
      while (!(await store.read(j.id))?.checkpoint?.length) {
        expect(Date.now() - started, "a checkpoint reached the store").toBeLessThan(30_000);
        await new Promise((r) => setTimeout(r, 10));
      }
      // Another worker claims the run (as one that took the job over after a lost lock would): the first one's next
      // checkpoint is refused, its run stops, and the job is retried (here by the same worker, under a new claim).
      const first = (await store.read(j.id))!.epoch;
      const taken = await store.claim(j.id, "usurper");
      const report = await worker;
      expect(report).toEqual({ finished: 1, failed: 1, returned: 0 });
      expect(lines.find((l) => l.includes(" failed at attempt"))).toMatch(new RegExp(`^zombie: ${j.id} failed at attempt 1 of 3 \\(retried after a backoff\\): RunClaimedError: RunStore: run ${j.id} cannot be stored: it was claimed by another worker after claim ${first}; `));
      const done = (await queue.getJob(j.id))!;
      expect(await done.getState()).toBe("completed");
      expect(done.attemptsMade).toBe(2);
      const stored = (await store.read(j.id))!;
      // The retry claimed the run again (neither the first claim nor the usurper's) and finished it.
      expect([first, taken]).not.toContain(stored.epoch);
      expect(stored.worker).toBe("zombie");
      const { results } = await runQueuedSweep([j], out, { url, collect: true });
      expect(results[0]!.summary.resumedFrom).toBeGreaterThan(0);
      const local = fresh();
      await runSweep([j], local, { workers: 0, checkpointEvery: 100 });
      expectSameRun(join(out, j.id), join(local, j.id));
    } finally {
      await close();
    }
  });
});

describe("retries", () => {
  it("enqueues every job with JOB_OPTIONS: 3 attempts, exponential backoff from 2 s, jobs kept", async () => {
    expect(JOB_OPTIONS).toEqual({ attempts: 3, backoff: { type: "exponential", delay: 2000 }, removeOnComplete: false, removeOnFail: false });
    const url = freshUrl();
    const j = job({ ...base, seed: 11 });
    await runQueuedSweep([j], fresh(), { url, detach: true, checkpointEvery: 7 });
    const { queue, close } = openQueue(url);
    try {
      const queued = (await queue.getJob(j.id))!;
      expect(queued.opts).toMatchObject({ attempts: 3, backoff: { type: "exponential", delay: 2000 }, jobId: j.id });
      expect(queued.data).toEqual({ config: j.config, point: {}, checkpointEvery: 7 });
      // --attempts N sets them per sweep (Ray Tune's max_failures), the rest as above.
      const k = job({ ...base, seed: 12 });
      await runQueuedSweep([k], fresh(), { url, detach: true, attempts: 5 });
      expect((await queue.getJob(k.id))!.opts).toMatchObject({ attempts: 5, backoff: { type: "exponential", delay: 2000 }, jobId: k.id });
    } finally {
      await close();
    }
  });

  it("fails a run that cannot run as configured once, and retries any other error twice with backoff", async () => {
    const url = freshUrl();
    // Too large to run (checkRunSize refuses it inside the worker), or a config this version does not know (a worker
    // older than the coordinator): the user's to fix, so one attempt.
    const huge = job({ ...base, hiddenSize: 100_000 }, { hiddenSize: 100_000 });
    const unknown: SweepJob = { id: "unknown-cell", config: { ...huge.config, hiddenSize: 6, cell: "rnn" as never }, point: { cell: "rnn" } };
    // Job data the coordinator never sends (checkpointEvery 0: trainRun throws a RangeError): a bug, so retried.
    const broken: SweepJob = { id: "broken-job", config: { ...huge.config, hiddenSize: 6 }, point: { hiddenSize: 6 } };
    const out = fresh();
    await runQueuedSweep([huge, unknown], out, { url, detach: true });
    await runQueuedSweep([broken], out, { url, detach: true, checkpointEvery: 0 });
    const lines: string[] = [];
    const started = Date.now();
    const report = await runWorker({ url, exitWhenIdle: true, log: (l) => lines.push(l) });
    const seconds = (Date.now() - started) / 1000;
    // Each failed attempt is counted: 1 for the huge run, 1 for the unknown cell, 3 for the broken job.
    expect(report).toEqual({ finished: 0, failed: 5, returned: 0 });
    // Backoff: 2 s before the second attempt, 4 s before the third.
    expect(seconds).toBeGreaterThanOrEqual(6);
    const { queue, close } = openQueue(url);
    try {
      const h = (await queue.getJob(huge.id))!;
      expect(await h.getState()).toBe("failed");
      expect(h.attemptsMade).toBe(1);
      expect(h.failedReason).toMatch(/^this run needs a tensor of 4\.00e\+10 elements \(weight_hh/);
      const u = (await queue.getJob(unknown.id))!;
      expect(await u.getState()).toBe("failed");
      expect(u.attemptsMade).toBe(1);
      expect(u.failedReason).toContain('config.cell must be one of "rnn_tanh", "rnn_relu", "lstm", "gru", got "rnn"');
      const b = (await queue.getJob(broken.id))!;
      expect(await b.getState()).toBe("failed");
      expect(b.attemptsMade).toBe(3);
      expect(b.failedReason).toContain("trainRun: options.checkpointEvery must be an integer >= 1, got 0");
    } finally {
      await close();
    }
    expect(lines.filter((l) => l.includes("broken-job failed at attempt"))).toEqual([1, 2, 3].map((a) => expect.stringMatching(new RegExp(`^${hostname()}:${process.pid}: broken-job failed at attempt ${a} of 3${a < 3 ? " \\(retried after a backoff\\)" : ""}: RangeError: trainRun: options.checkpointEvery must be an integer >= 1, got 0$`))));
    expect(lines.filter((l) => l.includes("unknown-cell could not run"))).toHaveLength(1);
    expect(lines.some((l) => l.includes("took broken-job (hiddenSize=6), again: attempt 3 of 3"))).toBe(true);
    const collected = await runQueuedSweep([huge, unknown, broken], out, { url, collect: true });
    expect(collected.failures.map((f) => [f.job.id, f.usage])).toEqual([
      [huge.id, false],
      [unknown.id, false],
      [broken.id, false],
    ]);
    expect(collected.failures[0].message).toMatch(/^this run needs a tensor/);
    expect(collected.pending).toEqual([]);
  });
});
