import { existsSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { UnrecoverableError, Worker } from "bullmq";
import { describe, expect, it } from "vitest";
import { run } from "../../test/harness";
import { expectSameRun, openQueue, redisPerFile } from "../../test/queueFixtures";
import { freePort } from "../../test/redis";
import { connect, QUEUE_NAME, QUEUE_PREFIX } from "../queue/connection";
import { runWorker } from "../queue/queueWorker";
import { progressLine } from "./sweepQueue";
import type { SweepRow } from "./sweepRows";

const { server, freshUrl, fresh } = redisPerFile("cli-sweep-queue");

const SWEEP = ["sweep", "--task", "adding", "--preset", "easy", "--hidden-size", "6", "--batch-size", "4", "--steps", "60", "--log-every", "10", "--eval-batches", "1", "--grid", "cell=rnn_tanh,gru", "--checkpoint-every", "20"];

describe("vanish sweep --queue: flags", () => {
  it.each(["http://127.0.0.1:6379", "redis://127.0.0.1:6379/x", "redis://", "127.0.0.1:6379"])("exits 2 for --queue %s, naming the expected form", async (url) => {
    const r = await run(...SWEEP, "--queue", url, "--out", fresh());
    expect(r).toEqual({ code: 2, stdout: "", stderr: `error: option '--queue <url>' argument '${url}' is invalid. --queue takes a Redis URL redis://HOST:PORT[/DB] (rediss:// for TLS), got ${JSON.stringify(url)}.\n` });
  });

  it("exits 2 naming the URL when no Redis answers there, without writing OUT", async () => {
    const port = await freePort();
    const out = fresh();
    const r = await run(...SWEEP, "--queue", `redis://:hunter2@127.0.0.1:${port}/3`, "--out", out);
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: `vanish: cannot reach Redis at redis://:***@127.0.0.1:${port}/3 (connect ECONNREFUSED 127.0.0.1:${port}); start redis-server there or pass another --queue\n`,
    });
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 for --detach or --collect without --queue, and for both together", async () => {
    expect(await run(...SWEEP, "--detach", "--out", fresh())).toEqual({ code: 2, stdout: "", stderr: "vanish: --detach needs --queue redis://HOST:PORT (it enqueues the jobs there and returns)\n" });
    expect(await run(...SWEEP, "--collect", "--out", fresh())).toEqual({ code: 2, stdout: "", stderr: "vanish: --collect needs --queue redis://HOST:PORT (it gathers the finished runs from there)\n" });
    expect(await run(...SWEEP, "--queue", freshUrl(), "--detach", "--collect", "--out", fresh())).toEqual({
      code: 2,
      stdout: "",
      stderr: "vanish: --detach and --collect exclude each other: --detach enqueues and returns, --collect gathers what has finished\n",
    });
    expect(await run(...SWEEP, "--attempts", "2", "--out", fresh())).toEqual({ code: 2, stdout: "", stderr: "vanish: --attempts needs --queue redis://HOST:PORT (a local sweep does not retry runs)\n" });
    expect((await run(...SWEEP, "--queue", freshUrl(), "--attempts", "0", "--out", fresh())).stderr).toBe("error: option '--attempts <n>' argument '0' is invalid. --attempts takes an integer >= 1, got \"0\".\n");
  });
});

describe("vanish sweep --queue", () => {
  it("--detach enqueues once, --collect exits 1 until the runs are done, then writes the sweep as a local sweep does", async () => {
    const url = freshUrl();
    const out = fresh();
    const args = [...SWEEP, "--queue", url, "--out", out];
    expect(await run(...args, "--detach")).toEqual({
      code: 0,
      stdout: `enqueued 2 of 2 jobs on ${url} (0 already finished, 0 already queued).\nStart workers with: vanish worker --queue ${url}\nThen gather the runs with the same command and --collect instead of --detach.\n`,
      stderr: "",
    });
    expect((await run(...args, "--detach")).stdout).toMatch(/^enqueued 0 of 2 jobs on \S+ \(0 already finished, 2 already queued\)\.\n/);
    expect(await run(...args, "--detach", "--quiet")).toEqual({ code: 0, stdout: "", stderr: "" });

    const early = await run(...args, "--collect");
    expect(early.code).toBe(1);
    expect(early.stdout).toBe("");
    expect(early.stderr).toMatch(new RegExp(`^queue: 0/2 done · 2 waiting · 0 active · 0 failed\\nvanish: 2 of 2 jobs are not finished yet; the finished ones are in ${out}\\. Collect again later:\\n  job [0-9a-f]{16} \\(cell="rnn_tanh"\\)\\n  job [0-9a-f]{16} \\(cell="gru"\\)\\n$`));
    expect(existsSync(join(out, "sweep.json"))).toBe(false);

    expect(await runWorker({ url, exitWhenIdle: true })).toMatchObject({ finished: 2, failed: 0 });
    const collected = await run(...args, "--collect", "--json");
    expect(collected.stderr).toBe("");
    expect(collected.code).toBe(0);
    const rows = JSON.parse(collected.stdout) as SweepRow[];
    expect(rows.map((r) => [r.point, r.outcome, r.status, r.steps, r.runDir])).toEqual([
      [{ cell: "rnn_tanh" }, "ran", "completed", 60, join(out, rows[0].id)],
      [{ cell: "gru" }, "ran", "completed", 60, join(out, rows[1].id)],
    ]);
    const local = fresh();
    const localRun = await run(...SWEEP, "--workers", "1", "--out", local, "--json");
    expect(localRun.code).toBe(0);
    const localRows = JSON.parse(localRun.stdout) as SweepRow[];
    const strip = (r: SweepRow): Omit<SweepRow, "runDir"> => ({ ...r, runDir: undefined }) as never;
    expect(rows.map(strip)).toEqual(localRows.map(strip));
    for (const r of rows) expectSameRun(join(out, r.id), join(local, r.id));
    const sweep = JSON.parse(readFileSync(join(out, "sweep.json"), "utf8")) as { spec: unknown; jobs: SweepRow[] };
    expect(sweep.jobs).toEqual(rows);
    expect(sweep.spec).toEqual(JSON.parse(readFileSync(join(local, "sweep.json"), "utf8")).spec);

    // Everything is in OUT now: a rerun skips every job and enqueues nothing.
    const again = await run(...args, "--detach");
    expect(again.stdout).toMatch(/^enqueued 0 of 2 jobs on \S+ \(2 already finished, 0 already queued\)\.\n/);
  });

  it("waits for the workers and prints progress and the rows, exiting 0", async () => {
    const url = freshUrl();
    const out = fresh();
    const stop = new AbortController();
    const worker = runWorker({ url, signal: stop.signal, name: "w" });
    let r;
    try {
      r = await run(...SWEEP, "--queue", url, "--out", out);
    } finally {
      stop.abort();
      await worker;
    }
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(`sweep: 2 jobs (2 run, 0 already finished) → ${out}`);
    expect(lines[1]).toMatch(/^ {2}[0-9a-f]{16} {2}ran {6}cell="rnn_tanh" {11}eval loss \d/);
    // Without a terminal, a line whenever the counts change; the last one says everything is done.
    const progress = r.stderr.trimEnd().split("\n");
    expect(progress.every((l) => l.startsWith("queue: "))).toBe(true);
    expect(progress.at(-1)).toBe("queue: 2/2 done · 0 waiting · 0 active · 0 failed · workers: w 2 done 0 active");
    expect(existsSync(join(out, "sweep.json"))).toBe(true);
    // --json prints the rows and no progress; the runs finished on the queue are gathered into a new OUT at once.
    const other = fresh();
    const json = await run(...SWEEP, "--queue", url, "--out", other, "--json");
    expect(json.stderr).toBe("");
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as SweepRow[]).map((row) => [row.outcome, row.runDir])).toEqual(lines.slice(1, 3).map((l) => ["ran", join(other, l.trim().split(" ")[0])]));
  });

  it("exits 1 naming the jobs the queue holds as failed, after writing the ones that finished", async () => {
    const url = freshUrl();
    const out = fresh();
    const args = [...SWEEP, "--queue", url, "--out", out];
    expect((await run(...args, "--detach")).code).toBe(0);
    // One job fails for good (as a run that cannot run would): taken by hand from the queue and failed.
    const connection = connect(url);
    const failing = new Worker(QUEUE_NAME, null, { connection, prefix: QUEUE_PREFIX });
    const { queue, close } = openQueue(url);
    try {
      const ids = (await queue.getJobs(["waiting"])).map((j) => j.id!);
      const taken = (await failing.getNextJob("token-1"))!;
      await taken.moveToFailed(new UnrecoverableError("the disk is on fire\nstack line"), "token-1");
      const failedId = taken.id!;
      expect(await queue.getJobState(failedId)).toBe("failed");
      expect(ids).toContain(failedId);
      expect(await runWorker({ url, exitWhenIdle: true })).toMatchObject({ finished: 1, failed: 0 });
      const r = await run(...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      const point = JSON.parse(readFileSync(join(out, ids.find((id) => id !== failedId)!, "summary.json"), "utf8")).config.cell === "gru" ? 'cell="rnn_tanh"' : 'cell="gru"';
      expect(r.stderr).toBe(
        `queue: 1/2 done · 0 waiting · 0 active · 1 failed · workers: ${hostname()}:${process.pid} 1 done 0 active\nvanish: 1 of 2 jobs failed (the other finished runs are in ${out}; after fixing, \`vanish queue retry --queue ${url}\` requeues them):\n  job ${failedId} (${point}): the disk is on fire\n`,
      );
      expect(existsSync(join(out, "sweep.json"))).toBe(false);
    } finally {
      await close();
      await failing.close();
      connection.disconnect();
    }
  });
});

describe("progressLine", () => {
  it("shows the counts and each running job's short id, worker and step", () => {
    expect(
      progressLine({
        total: 6,
        done: 3,
        failed: 0,
        waiting: 1,
        active: [
          { id: "0123456789abcdef", point: {}, worker: "host:12", step: 1200, steps: 3000 },
          { id: "fedcba9876543210", point: {}, worker: null, step: 0, steps: 3000 },
        ],
        workers: { "host:12": { done: 2, active: 1 }, "host:13": { done: 1, active: 0 } },
      }),
    ).toBe("3/6 done · 1 waiting · 2 active (01234567 on host:12 at 1200/3000, fedcba98 on a worker at 0/3000) · 0 failed · workers: host:12 2 done 1 active, host:13 1 done 0 active");
  });
});

describe("vanish sweep --queue: diverging runs", () => {
  it("records a run that diverges under --non-finite error as a result (status failed), once, as a local sweep does", async () => {
    const url = freshUrl();
    const out = fresh();
    const explode = ["sweep", "--task", "adding", "--preset", "easy", "--cell", "rnn_relu", "--hidden-size", "8", "--batch-size", "8", "--steps", "50", "--log-every", "5", "--init", "scaledNormal:3", "--optimizer", "sgd", "--lr", "1", "--eval-batches", "1", "--grid", "clip=none,norm:1", "--checkpoint-every", "2"];
    expect((await run(...explode, "--queue", url, "--out", out, "--detach")).code).toBe(0);
    expect(await runWorker({ url, exitWhenIdle: true })).toEqual({ finished: 2, failed: 0, returned: 0 });
    const r = await run(...explode, "--queue", url, "--out", out, "--collect", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as SweepRow[];
    expect(rows.map((row) => [row.point, row.status, row.failedAt, row.steps])).toEqual([
      [{ clip: "none" }, "failed", 4, 4],
      [{ clip: "norm:1" }, "completed", null, 50],
    ]);
    const { queue, close } = openQueue(url);
    try {
      const failedRun = (await queue.getJob(rows[0].id))!;
      expect(await failedRun.getState()).toBe("completed");
      expect(failedRun.attemptsMade).toBe(1);
      expect(failedRun.returnvalue).toEqual({ status: "failed", steps: 4 });
    } finally {
      await close();
    }
    const local = fresh();
    expect((await run(...explode, "--workers", "1", "--out", local, "--quiet")).code).toBe(0);
    for (const row of rows) expectSameRun(join(out, row.id), join(local, row.id));
  });
});
