import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "bullmq";
import { describe, expect, it } from "vitest";
import { expectSameRun, openQueue, redisPerFile } from "../../test/queueFixtures";
import type { PartialRunConfig } from "../engine/config";
import { RUN_FILES } from "../runs/runDirectory";
import { expandSweep, runSweep, type JobResult } from "../runs/sweep";
import { connect, QUEUE_NAME, QUEUE_PREFIX } from "./connection";
import { runQueuedSweep, type QueueProgress } from "./queueSweep";
import { runWorker } from "./queueWorker";

const { server, freshUrl, fresh } = redisPerFile("queue-sweep");

const base: PartialRunConfig = { task: { name: "adding", preset: "easy" }, hiddenSize: 6, batchSize: 4, steps: 60, logEvery: 10, evalBatches: 1 };
const jobs = expandSweep({ base, grid: { cell: ["rnn_tanh", "gru"] }, seeds: [0] });

describe("runQueuedSweep", () => {
  it("enqueues each job once: a second --detach enqueues nothing, and both report the jobs as pending and waiting", async () => {
    const url = freshUrl();
    const out = fresh();
    const progress: QueueProgress[] = [];
    const first = await runQueuedSweep(jobs, out, { url, detach: true, onProgress: (p) => progress.push(p) });
    expect(first).toEqual({ results: [undefined, undefined], failures: [], pending: jobs, enqueued: 2 });
    const second = await runQueuedSweep(jobs, out, { url, detach: true, onProgress: (p) => progress.push(p) });
    expect(second.enqueued).toBe(0);
    expect(second.pending).toEqual(jobs);
    expect(progress).toEqual([
      { total: 2, done: 0, failed: 0, waiting: 2, active: [], workers: {} },
      { total: 2, done: 0, failed: 0, waiting: 2, active: [], workers: {} },
    ]);
    const { queue, close } = openQueue(url);
    try {
      expect(await queue.getJobCounts("waiting")).toEqual({ waiting: 2 });
      expect((await queue.getJobs(["waiting"])).map((j) => j.id).sort()).toEqual(jobs.map((j) => j.id).sort());
    } finally {
      await close();
    }
  });

  it("--collect enqueues nothing and returns the unfinished jobs as pending", async () => {
    const url = freshUrl();
    const out = fresh();
    await runQueuedSweep(jobs.slice(0, 1), out, { url, detach: true });
    const report = await runQueuedSweep(jobs, out, { url, collect: true });
    expect(report).toEqual({ results: [undefined, undefined], failures: [], pending: jobs, enqueued: 0 });
    const { queue, close } = openQueue(url);
    try {
      expect(await queue.getJobState(jobs[0].id)).toBe("waiting");
      expect(await queue.getJobState(jobs[1].id)).toBe("unknown");
    } finally {
      await close();
    }
  });

  it("skips a job finished in OUT without enqueueing it", async () => {
    const url = freshUrl();
    const out = fresh();
    await runSweep(jobs.slice(1), out, { workers: 0 });
    const done: JobResult[] = [];
    const report = await runQueuedSweep(jobs, out, { url, detach: true, onJobDone: (r) => done.push(r) });
    expect(report.enqueued).toBe(1);
    expect(report.results[1]).toMatchObject({ outcome: "skipped", runDir: join(out, jobs[1].id), summary: { id: jobs[1].id, status: "completed" } });
    expect(done).toEqual([report.results[1]]);
    expect(report.pending).toEqual([jobs[0]]);
    const { queue, close } = openQueue(url);
    try {
      expect(await queue.getJobState(jobs[1].id)).toBe("unknown");
      expect(await queue.getJobState(jobs[0].id)).toBe("waiting");
    } finally {
      await close();
    }
  });

  it("collects a run finished in the store whose job the queue no longer holds, with the store's bytes", async () => {
    const url = freshUrl();
    const local = fresh();
    await runSweep(jobs, local, { workers: 0, checkpointEvery: 20 });
    // The store holds job 0's finished files (as a worker leaves them); the queue holds no job at all.
    const { queue, store, close } = openQueue(url);
    try {
      const id = jobs[0].id;
      const file = (name: keyof typeof RUN_FILES): Buffer => readFileSync(join(local, id, RUN_FILES[name]));
      await store.save(id, await store.claim(id, "gone"), { mode: "final", config: file("config"), metrics: file("metrics"), checkpoint: file("checkpoint"), summary: file("summary") });
      const out = fresh();
      const report = await runQueuedSweep(jobs, out, { url, collect: true });
      expect(report.results[0]).toMatchObject({ outcome: "ran", runDir: join(out, id), summary: JSON.parse(file("summary").toString()) });
      expect(report.results[1]).toBeUndefined();
      expect(report.pending).toEqual([jobs[1]]);
      expect(readdirSync(join(out, id)).sort()).toEqual(Object.values(RUN_FILES).sort());
      for (const name of Object.keys(RUN_FILES) as (keyof typeof RUN_FILES)[]) expect(readFileSync(join(out, id, RUN_FILES[name])).equals(file(name))).toBe(true);
      expect(await queue.getJobState(id)).toBe("unknown");
    } finally {
      await close();
    }
  });

  it("reports a job completed in the queue with nothing in the store as a usage failure naming the fix", async () => {
    const url = freshUrl();
    const out = fresh();
    await runQueuedSweep(jobs, out, { url, detach: true, checkpointEvery: 20 });
    expect(await runWorker({ url, exitWhenIdle: true })).toMatchObject({ finished: 2 });
    const { queue, store, close } = openQueue(url);
    try {
      expect(await store.remove([jobs[1].id])).toBe(1);
      expect(await queue.getJobState(jobs[1].id)).toBe("completed");
    } finally {
      await close();
    }
    const report = await runQueuedSweep(jobs, out, { url, pollMs: 20 });
    expect(report.results[0]!.outcome).toBe("ran");
    expect(report.results[1]).toBeUndefined();
    expect(report.pending).toEqual([]);
    expect(report.failures).toEqual([
      {
        job: jobs[1],
        runDir: join(out, jobs[1].id),
        message: `the queue holds job ${jobs[1].id} as completed but the run store has no files for it; remove the job (vanish queue clean) and sweep again`,
        usage: true,
      },
    ]);
    const local = fresh();
    await runSweep(jobs.slice(0, 1), local, { workers: 0, checkpointEvery: 20 });
    expectSameRun(join(out, jobs[0].id), join(local, jobs[0].id));
  });

  it("while waiting, enqueues again a job the queue lost, and stops waiting when its signal aborts", async () => {
    const url = freshUrl();
    const { queue, close } = openQueue(url);
    try {
      const stop = new AbortController();
      let calls = 0;
      let removed: Promise<unknown> | null = null;
      const seen: number[] = [];
      const report = await runQueuedSweep(jobs.slice(0, 1), fresh(), {
        url,
        pollMs: 200,
        signal: stop.signal,
        onProgress: (p) => {
          calls++;
          seen.push(p.waiting);
          // After the first look, the queue loses the job (as a Redis restarted from an old snapshot would).
          if (calls === 1) removed = queue.remove(jobs[0].id);
          if (calls === 4) stop.abort();
        },
      });
      expect(await removed).toBe(1);
      expect(report.enqueued).toBe(2);
      expect(report.pending).toEqual(jobs.slice(0, 1));
      expect(seen).toEqual([1, 0, 1, 1]);
      expect(await queue.getJobState(jobs[0].id)).toBe("waiting");
    } finally {
      await close();
    }
  });

  it("reports the running jobs with the worker that took them and the step they reached", async () => {
    const url = freshUrl();
    const long = expandSweep({ base: { ...base, hiddenSize: 32, steps: 100_000, logEvery: 50 }, grid: { cell: ["lstm"] } })[0];
    const stopWorker = new AbortController();
    const worker = runWorker({ url, name: "busy-1", signal: stopWorker.signal });
    const stop = new AbortController();
    let seen: QueueProgress | null = null;
    try {
      const report = await runQueuedSweep([long], fresh(), {
        url,
        pollMs: 50,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.active.length === 1 && p.active[0].step > 0) {
            seen = p;
            stop.abort();
          }
        },
      });
      expect(report.pending).toEqual([long]);
    } finally {
      stopWorker.abort();
      await worker;
    }
    expect(seen).toEqual({ total: 1, done: 0, failed: 0, waiting: 0, active: [{ id: long.id, point: { cell: "lstm" }, worker: "busy-1", step: expect.any(Number), steps: 100_000 }], workers: { "busy-1": { done: 0, active: 1 } } });
    expect(seen!.active[0].step % 50).toBe(0);
  });

  it("names the worker that took a job before the job reports its first step", async () => {
    const url = freshUrl();
    await runQueuedSweep(jobs.slice(0, 1), fresh(), { url, detach: true });
    const connection = connect(url);
    const manual = new Worker(QUEUE_NAME, null, { connection, prefix: QUEUE_PREFIX, name: "manual" });
    try {
      expect((await manual.getNextJob("token-1"))!.id).toBe(jobs[0].id);
      const progress: QueueProgress[] = [];
      await runQueuedSweep(jobs.slice(0, 1), fresh(), { url, collect: true, onProgress: (p) => progress.push(p) });
      expect(progress).toEqual([{ total: 1, done: 0, failed: 0, waiting: 0, active: [{ id: jobs[0].id, point: { cell: "rnn_tanh", seed: 0 }, worker: "manual", step: 0, steps: 60 }], workers: { manual: { done: 0, active: 1 } } }]);
    } finally {
      await manual.close();
      connection.disconnect();
    }
  });
});
