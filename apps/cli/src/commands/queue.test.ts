import { Worker } from "bullmq";
import { describe, expect, it } from "vitest";
import { run } from "../../test/harness";
import { openQueue, redisPerFile } from "../../test/queueFixtures";
import { freePort } from "../../test/redis";
import { resolveRunConfig } from "../engine/config";
import { configHash } from "../engine/configHash";
import { connect, QUEUE_NAME, QUEUE_PREFIX } from "../queue/connection";
import { runQueuedSweep } from "../queue/queueSweep";
import { runWorker } from "../queue/queueWorker";
import { expandSweep, type SweepJob } from "../runs/sweep";

const { server, freshUrl, fresh } = redisPerFile("cli-queue");

const base = { task: { name: "adding", preset: "easy" }, hiddenSize: 6, batchSize: 4, steps: 40, logEvery: 10, evalBatches: 1 } as const;
const good = expandSweep({ base, grid: { cell: ["rnn_tanh", "gru"] } });
// Too large to run: the worker fails it once (the coordinator's command would refuse it; the API does not check).
const hugeConfig = resolveRunConfig({ ...base, hiddenSize: 100_000 });
const huge: SweepJob = { id: configHash(hugeConfig), config: hugeConfig, point: { hiddenSize: 100_000 } };
const HUGE_REASON = /^this run needs a tensor of 4\.00e\+10 elements \(weight_hh/;

/** A queue holding 2 completed jobs and 1 failed one (and their stored runs), after a worker went through it. */
async function populate(url: string): Promise<void> {
  await runQueuedSweep([...good, huge], fresh(), { url, detach: true });
  expect(await runWorker({ url, exitWhenIdle: true })).toEqual({ finished: 2, failed: 1, returned: 0 });
}

interface Status {
  counts: Record<string, number>;
  workers: { name: string; address: string; idleSeconds: number }[];
  active: { id: string; point: Record<string, unknown>; worker: string | null; step: number; steps: number }[];
  failed: { id: string; point: Record<string, unknown>; reason: string; attempts: number }[];
}
const status = async (url: string): Promise<Status> => {
  const r = await run("queue", "status", "--queue", url, "--json");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Status;
};

describe("vanish queue", () => {
  it("exits 2 for a bad or unreachable --queue, and for clean --all with a kind", async () => {
    expect(await run("queue", "status", "--queue", "redis://h:1/x")).toEqual({
      code: 2,
      stdout: "",
      stderr: `error: option '--queue <url>' argument 'redis://h:1/x' is invalid. --queue takes a Redis URL redis://HOST:PORT[/DB] (rediss:// for TLS), got "redis://h:1/x".\n`,
    });
    const port = await freePort();
    for (const verb of ["status", "retry", "clean"]) {
      expect(await run("queue", verb, "--queue", `redis://127.0.0.1:${port}`)).toEqual({
        code: 2,
        stdout: "",
        stderr: `vanish: cannot reach Redis at redis://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}); start redis-server there or pass another --queue\n`,
      });
    }
    expect(await run("queue", "status", "--queue", `${server().url}/99`)).toEqual({
      code: 2,
      stdout: "",
      stderr: `vanish: cannot reach Redis at ${server().url}/99 (ERR DB index is out of range); start redis-server there or pass another --queue\n`,
    });
    expect(await run("queue", "clean", "--queue", freshUrl(), "--all", "--completed")).toEqual({ code: 2, stdout: "", stderr: "vanish: queue clean: --all already removes every job; drop --completed/--failed\n" });
  });

  it("status shows an empty queue", async () => {
    const url = freshUrl();
    expect(await run("queue", "status", "--queue", url)).toEqual({
      code: 0,
      stdout: `queue on ${url}: 0 waiting, 0 prioritized, 0 delayed, 0 active, 0 completed, 0 failed\nworkers: none connected\n`,
      stderr: "",
    });
    expect(await status(url)).toEqual({ counts: { waiting: 0, prioritized: 0, delayed: 0, active: 0, completed: 0, failed: 0 }, workers: [], active: [], failed: [] });
  });

  it("status counts jobs by state and gives each failed job's reason and attempts, as text and --json", async () => {
    const url = freshUrl();
    await populate(url);
    const s = await status(url);
    expect(s.counts).toEqual({ waiting: 0, prioritized: 0, delayed: 0, active: 0, completed: 2, failed: 1 });
    expect(s.workers).toEqual([]);
    expect(s.active).toEqual([]);
    expect(s.failed).toEqual([{ id: huge.id, point: { hiddenSize: 100_000 }, reason: expect.stringMatching(HUGE_REASON), attempts: 1 }]);
    const r = await run("queue", "status", "--queue", url);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual([`queue on ${url}: 0 waiting, 0 prioritized, 0 delayed, 0 active, 2 completed, 1 failed`, "workers: none connected"]);
    expect(lines[2]).toMatch(new RegExp(`^ {2}failed {2}${huge.id} \\(hiddenSize=100000\\) after 1 attempt\\(s\\): this run needs a tensor of 4\\.00e\\+10 elements`));
    expect(lines.slice(3)).toEqual([""]);
  });

  it("status names the connected workers and each running job's worker and step", async () => {
    const url = freshUrl();
    const long = expandSweep({ base: { ...base, hiddenSize: 32, steps: 100_000, logEvery: 50 } })[0];
    await runQueuedSweep([long], fresh(), { url, detach: true, checkpointEvery: 100 });
    const stop = new AbortController();
    const worker = runWorker({ url, name: "alpha", signal: stop.signal });
    try {
      let s: Status;
      const started = Date.now();
      // The worker reports its step every 500 ms.
      do {
        expect(Date.now() - started, "the running job reported a step").toBeLessThan(30_000);
        await new Promise((r) => setTimeout(r, 100));
        s = await status(url);
      } while (!(s.active.length === 1 && s.active[0].step > 0));
      expect(s.counts).toMatchObject({ active: 1, waiting: 0 });
      expect(s.workers.map((w) => w.name)).toEqual(["alpha"]);
      expect(s.active[0]).toMatchObject({ id: long.id, point: {}, worker: "alpha", steps: 100_000 });
      const r = await run("queue", "status", "--queue", url);
      expect(r.stdout).toMatch(new RegExp(`^queue on \\S+: 0 waiting, 0 prioritized, 0 delayed, 1 active, 0 completed, 0 failed\\nworkers: alpha\\n {2}running ${long.id} \\(the base config\\) on alpha: step \\d+/100000\\n$`));
    } finally {
      stop.abort();
      expect(await worker).toMatchObject({ returned: 1 });
    }
    expect((await status(url)).counts).toMatchObject({ waiting: 1, active: 0 });
  });

  it("status names the worker of a running job that has not reported a step yet", async () => {
    const url = freshUrl();
    await runQueuedSweep(good.slice(0, 1), fresh(), { url, detach: true });
    // Taken by hand by a worker named "manual": active, with no progress reported.
    const connection = connect(url);
    const manual = new Worker(QUEUE_NAME, null, { connection, prefix: QUEUE_PREFIX, name: "manual" });
    try {
      expect((await manual.getNextJob("token-1"))!.id).toBe(good[0].id);
      const s = await status(url);
      expect(s.active).toEqual([{ id: good[0].id, point: { cell: "rnn_tanh" }, worker: "manual", step: 0, steps: 40 }]);
      expect((await run("queue", "status", "--queue", url)).stdout).toContain(`\n  running ${good[0].id} (cell="rnn_tanh") on manual: step 0/40\n`);
    } finally {
      await manual.close();
      connection.disconnect();
    }
  });

  it("retry puts the failed jobs back in the queue", async () => {
    const url = freshUrl();
    await populate(url);
    expect(await run("queue", "retry", "--queue", url)).toEqual({ code: 0, stdout: `1 failed job(s) put back in the queue on ${url}\n`, stderr: "" });
    const { queue, close } = openQueue(url);
    try {
      expect(await queue.getJobState(huge.id)).toBe("waiting");
      expect(await queue.getJobState(good[0].id)).toBe("completed");
    } finally {
      await close();
    }
    expect((await status(url)).counts).toMatchObject({ waiting: 1, completed: 2, failed: 0 });
    expect(await run("queue", "retry", "--queue", url)).toEqual({ code: 0, stdout: `0 failed job(s) put back in the queue on ${url}\n`, stderr: "" });
  });

  it("clean --completed and then --failed remove those jobs and their stored runs", async () => {
    const url = freshUrl();
    await populate(url);
    const { queue, store, close } = openQueue(url);
    try {
      expect((await store.ids()).sort()).toEqual([...good.map((j) => j.id), huge.id].sort());
      expect(await run("queue", "clean", "--queue", url, "--completed")).toEqual({ code: 0, stdout: `removed 2 completed job(s) and 2 stored run(s) on ${url}\n`, stderr: "" });
      expect(await store.ids()).toEqual([huge.id]);
      expect(await queue.getJobState(good[0].id)).toBe("unknown");
      expect(await queue.getJobState(huge.id)).toBe("failed");
      expect(await run("queue", "clean", "--queue", url, "--failed")).toEqual({ code: 0, stdout: `removed 1 failed job(s) and 1 stored run(s) on ${url}\n`, stderr: "" });
      expect(await store.ids()).toEqual([]);
      expect(await queue.getJobState(huge.id)).toBe("unknown");
    } finally {
      await close();
    }
  });

  it("clean without a kind removes completed and failed jobs but leaves waiting ones and their runs", async () => {
    const url = freshUrl();
    await populate(url);
    const waiting = expandSweep({ base, grid: { cell: ["lstm"] } })[0];
    await runQueuedSweep([waiting], fresh(), { url, detach: true });
    const { store, close } = openQueue(url);
    try {
      await store.claim(waiting.id, "someone");
      expect(await run("queue", "clean", "--queue", url)).toEqual({ code: 0, stdout: `removed 3 completed and failed job(s) and 3 stored run(s) on ${url}\n`, stderr: "" });
      expect(await store.ids()).toEqual([waiting.id]);
      expect((await status(url)).counts).toEqual({ waiting: 1, prioritized: 0, delayed: 0, active: 0, completed: 0, failed: 0 });
    } finally {
      await close();
    }
  });

  it("clean --all empties the queue and the store", async () => {
    const url = freshUrl();
    await populate(url);
    const waiting = expandSweep({ base, grid: { cell: ["lstm"] } })[0];
    await runQueuedSweep([waiting], fresh(), { url, detach: true });
    expect(await run("queue", "clean", "--queue", url, "--all")).toEqual({ code: 0, stdout: `emptied the queue and removed 3 stored run(s) on ${url}\n`, stderr: "" });
    expect((await status(url)).counts).toEqual({ waiting: 0, prioritized: 0, delayed: 0, active: 0, completed: 0, failed: 0 });
    const { store, close } = openQueue(url);
    try {
      expect(await store.ids()).toEqual([]);
    } finally {
      await close();
    }
    // The queue works again afterwards: the same jobs can be enqueued anew.
    expect((await runQueuedSweep(good, fresh(), { url, detach: true })).enqueued).toBe(2);
  });
});
