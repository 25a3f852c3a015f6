import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../test/harness";
import { expectSameRun, openQueue, redisPerFile } from "../../test/queueFixtures";
import { freePort } from "../../test/redis";
import { runQueuedSweep } from "../queue/queueSweep";
import { expandSweep, runSweep } from "../runs/sweep";

const { server, freshUrl, fresh } = redisPerFile("cli-worker");

const jobs = expandSweep({ base: { task: { name: "adding", preset: "easy" }, hiddenSize: 6, batchSize: 4, steps: 60, logEvery: 10, evalBatches: 1 }, grid: { cell: ["rnn_tanh", "gru"] }, seeds: [2] });

describe("vanish worker", () => {
  it.each([
    [["--queue", "http://127.0.0.1:6379"], `error: option '--queue <url>' argument 'http://127.0.0.1:6379' is invalid. --queue takes a Redis URL redis://HOST:PORT[/DB] (rediss:// for TLS), got "http://127.0.0.1:6379".\n`],
    [[], "error: required option '--queue <url>' not specified\n"],
    [["--queue", "redis://127.0.0.1:6379", "--concurrency", "0"], `error: option '--concurrency <n>' argument '0' is invalid. --concurrency takes an integer >= 1, got "0".\n`],
    [["--queue", "redis://127.0.0.1:6379", "--lock-duration", "1.5"], `error: option '--lock-duration <ms>' argument '1.5' is invalid. --lock-duration takes an integer >= 1, got "1.5".\n`],
  ])("exits 2 for %j", async (args, message) => {
    expect(await run("worker", ...args)).toEqual({ code: 2, stdout: "", stderr: message });
  });

  it("exits 2 naming the URL when no Redis answers there", async () => {
    const port = await freePort();
    expect(await run("worker", "--queue", `redis://127.0.0.1:${port}`)).toEqual({
      code: 2,
      stdout: "",
      stderr: `vanish: cannot reach Redis at redis://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}); start redis-server there or pass another --queue\n`,
    });
  });

  it("with --exit-when-idle, runs the queued jobs, logs each, and exits 0 when the queue is empty", async () => {
    const url = freshUrl();
    const out = fresh();
    await runQueuedSweep(jobs, out, { url, detach: true, checkpointEvery: 20 });
    const r = await run("worker", "--queue", url, "--concurrency", "1", "--exit-when-idle", "--name", "bench-1");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`worker: 1 thread(s) on ${url} (exits when the queue is empty)`);
    // One job at a time, in the order they were enqueued.
    expect(lines.slice(1)).toEqual([
      `bench-1: took ${jobs[0].id} (cell="rnn_tanh" seed=2)`,
      `bench-1: finished ${jobs[0].id}: completed`,
      `bench-1: took ${jobs[1].id} (cell="gru" seed=2)`,
      `bench-1: finished ${jobs[1].id}: completed`,
      "worker: the queue is empty; 2 run(s) finished here, 0 failed attempt(s), 0 returned to the queue",
    ]);
    const { queue, close } = openQueue(url);
    try {
      expect(await queue.getJobCounts("completed", "waiting", "active", "failed")).toEqual({ completed: 2, waiting: 0, active: 0, failed: 0 });
      expect((await queue.getJob(jobs[1].id))!.returnvalue).toEqual({ status: "completed", steps: 60 });
    } finally {
      await close();
    }
    const collected = await runQueuedSweep(jobs, out, { url, collect: true });
    expect(collected.pending).toEqual([]);
    const local = fresh();
    await runSweep(jobs, local, { workers: 0, checkpointEvery: 20 });
    for (const j of jobs) expectSameRun(join(out, j.id), join(local, j.id));
  });

  it("prints nothing with --quiet, and exits at once on an empty queue", async () => {
    const url = freshUrl();
    expect(await run("worker", "--queue", url, "--concurrency", "1", "--exit-when-idle", "--quiet")).toEqual({ code: 0, stdout: "", stderr: "" });
    const r = await run("worker", "--queue", url, "--concurrency", "2", "--exit-when-idle");
    expect(r).toEqual({ code: 0, stdout: "", stderr: `worker: 2 thread(s) on ${url} (exits when the queue is empty)\nworker: the queue is empty; 0 run(s) finished here, 0 failed attempt(s), 0 returned to the queue\n` });
  });

  it("documents its flags and how a dead worker's runs come back in --help", async () => {
    const r = await run("worker", "--help");
    expect(r.code).toBe(0);
    for (const flag of ["--queue", "--concurrency", "--exit-when-idle", "--lock-duration", "--name", "--quiet"]) expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain("$ vanish worker --queue redis://10.0.0.5:6379");
  });
});
