// Queued sweeps under faults, with real processes, signals and a real Redis: a worker stopped by SIGTERM or SIGINT
// while it holds a run, Redis restarted mid-sweep, and runs that fail (deterministically, or because they cannot run
// on the worker) — failed once, never retried.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkRunSize } from "../src/engine/runSize";
import { connect } from "../src/queue/connection";
import { runQueuedSweep } from "../src/queue/queueSweep";
import { RunClaimedError, RunStore, type Snapshot } from "../src/queue/runStore";
import { expandSweep, type SweepJob } from "../src/runs/sweep";
import { startRedis } from "./redis";
import { count, enqueued, exits, fileHashes, finishedIds, localSweep, scratchFolders, start, startWorker, storedCheckpointStep, summaryOf, sweepRows, taken, until, withRedis } from "./queueHelpers";

const root = mkdtempSync(join(tmpdir(), "vanish-qfaults-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BASE = ["--task", "adding", "--preset", "easy", "--hidden-size", "32", "--steps", "4000", "--checkpoint-every", "100"];
/** 2 cells × 2 seeds; the signal tests run single points of it. */
const GRID = [...BASE, "--grid", "cell=lstm,gru", "--seeds", "0,1"];

const firstLines = (stderr: string): string[] => stderr.split("\n").filter(Boolean);

describe("a worker stopped by a signal returns its run to the queue", () => {
  for (const [signal, code, cell, seed] of [
    ["SIGTERM", 143, "lstm", "0"],
    ["SIGINT", 130, "gru", "1"],
  ] as const) {
    it(`${signal}: exit ${code} naming the returned run; the job waits with its checkpoint; a new worker finishes it byte-identically`, { timeout: 240_000 }, async () => {
      await withRedis(async ({ redis, look, procs }) => {
        const Q = join(root, `${signal}-Q`);
        const sweep = ["sweep", ...BASE, "--cell", cell, "--seeds", seed, "--queue", redis.url, "--out", Q];
        const detach = await start("detach", [...sweep, "--detach"]).done;
        expect(detach.code).toBe(0);
        expect(detach.stdout).toMatch(/^enqueued 1 of 1 jobs on redis:\/\/127\.0\.0\.1:\d+ \(0 already finished, 0 already queued\)\.\n/);

        const w1 = startWorker(redis.url, "w1", [], 3000);
        procs.push(w1);
        let id = "";
        await until(
          "w1 holds the run past a stored checkpoint",
          async () => {
            const got = taken(w1.stderr(), "w1")[0];
            if (got === undefined || (await storedCheckpointStep(look.store, got)) === null) return false;
            id = got;
            return true;
          },
          procs,
        );
        w1.child.kill(signal);
        const r1 = await w1.done;
        expect(r1.code).toBe(code);
        expect(r1.stderr).not.toMatch(/^\s+at /m);
        const step = (await storedCheckpointStep(look.store, id))!;
        expect(step).toBeGreaterThan(0);
        expect(step).toBeLessThan(4000);
        expect(firstLines(r1.stderr).slice(1)).toEqual([
          // --cell is part of the base config here, so the point is the seed alone.
          `w1: took ${id} (seed=${seed})`,
          "w1: stopping: checkpointing 1 run(s) and returning them to the queue",
          `w1: returned ${id} to the queue at step ${step}`,
          `vanish: worker stopped by ${signal}: 0 run(s) finished here, 0 failed attempt(s), 1 returned to the queue`,
        ]);
        // The worker left no scratch files behind.
        expect(scratchFolders(w1.child.pid)).toEqual([]);
        // Back in the queue, not failed: waiting, nothing finished, the checkpoint of the step it stopped at stored.
        expect(await look.queue.getJobState(id)).toBe("waiting");
        expect(await look.store.isFinished(id)).toBe(false);

        const w2 = startWorker(redis.url, "w2", ["--exit-when-idle"], 3000);
        procs.push(w2);
        const [r2] = await exits([w2]);
        expect(r2.code).toBe(0);
        expect(count(r2.stderr, new RegExp(`^w2: took ${id} `, "m"))).toBe(1);
        // Returned, not failed: taken again at its first attempt.
        expect(r2.stderr).toContain(`w2: took ${id} (seed=${seed}), again: attempt 1 of 3\n`);
        expect(r2.stderr).toContain(`w2: finished ${id}: completed (resumed from step ${step})\n`);
        expect(scratchFolders(w2.child.pid)).toEqual([]);
        // Returning a run is not a failed attempt: the job completed at its first (and only) counted attempt.
        const job = await look.queue.getJob(id);
        expect(await job!.getState()).toBe("completed");
        expect(job!.attemptsMade).toBe(1);

        const collect = await start("collect", [...sweep, "--collect", "--json"]).done;
        expect(collect.stderr).toBe("");
        expect(collect.code).toBe(0);
        expect(sweepRows(Q)).toMatchObject([{ id, outcome: "resumed", status: "completed", steps: 4000 }]);
        expect(summaryOf(Q, id).resumedFrom).toBe(step);
        const L = await localSweep(root, GRID);
        expect(fileHashes(Q)[id]).toEqual(fileHashes(L)[id]);
        expect(fileHashes(Q)[id]["checkpoint.json"]).not.toBe("missing");
      });
    });
  }
});

describe("a worker with two training threads stopped by SIGTERM", () => {
  it("returns both runs, each at its own step; a new worker resumes both byte-identically", { timeout: 240_000 }, async () => {
    await withRedis(async ({ redis, look, procs }) => {
      const Q = join(root, "two-Q");
      const sweep = ["sweep", ...BASE, "--grid", "cell=lstm,gru", "--seeds", "0", "--queue", redis.url, "--out", Q];
      expect((await start("detach", [...sweep, "--detach"]).done).code).toBe(0);
      const w1 = start("w1", ["worker", "--queue", redis.url, "--concurrency", "2", "--lock-duration", "3000", "--name", "w1"]);
      procs.push(w1);
      await until(
        "w1 holds both runs past a stored checkpoint",
        async () => {
          const ids = taken(w1.stderr(), "w1");
          if (ids.length < 2) return false;
          for (const id of ids) if ((await storedCheckpointStep(look.store, id)) === null || (await look.store.isFinished(id))) return false;
          return true;
        },
        procs,
      );
      w1.child.kill("SIGTERM");
      const [r1] = await exits([w1]);
      expect(r1.code).toBe(143);
      const ids = taken(r1.stderr, "w1");
      expect(ids).toHaveLength(2);
      expect(r1.stderr).toContain("w1: stopping: checkpointing 2 run(s) and returning them to the queue\n");
      const stepOf = new Map<string, number>();
      for (const id of ids) {
        const step = (await storedCheckpointStep(look.store, id))!;
        stepOf.set(id, step);
        expect(r1.stderr).toContain(`w1: returned ${id} to the queue at step ${step}\n`);
        expect(await look.queue.getJobState(id)).toBe("waiting");
      }
      expect(r1.stderr.split("\n").filter(Boolean).at(-1)).toBe("vanish: worker stopped by SIGTERM: 0 run(s) finished here, 0 failed attempt(s), 2 returned to the queue");

      const w2 = start("w2", ["worker", "--queue", redis.url, "--concurrency", "2", "--lock-duration", "3000", "--name", "w2", "--exit-when-idle"]);
      procs.push(w2);
      const [r2] = await exits([w2]);
      expect(r2.code).toBe(0);
      for (const id of ids) expect(r2.stderr).toContain(`w2: finished ${id}: completed (resumed from step ${stepOf.get(id)})\n`);
      const collect = await start("collect", [...sweep, "--collect", "--json"]).done;
      expect(collect.code).toBe(0);
      expect(sweepRows(Q).map((r) => [r.id, r.outcome, summaryOf(Q, r.id).resumedFrom]).sort()).toEqual(ids.map((id) => [id, "resumed", stepOf.get(id)]).sort());
      const L = await localSweep(root, GRID);
      const local = fileHashes(L);
      expect(fileHashes(Q)).toEqual(Object.fromEntries(ids.sort().map((id) => [id, local[id]])));
    });
  });
});

describe("Redis restarted mid-sweep (default persistence)", () => {
  it("keeps the finished results; the workers reconnect and finish; --collect gives every run byte-identical to a local sweep", { timeout: 240_000 }, async () => {
    await withRedis(async ({ redis, look, procs }) => {
      const Q = join(root, "restart-Q");
      const sweep = ["sweep", ...GRID, "--queue", redis.url, "--out", Q];
      expect((await start("detach", [...sweep, "--detach"]).done).code).toBe(0);
      const w1 = startWorker(redis.url, "w1", ["--exit-when-idle"], 3000);
      const w2 = startWorker(redis.url, "w2", ["--exit-when-idle"], 3000);
      procs.push(w1, w2);

      // Restart once a run has finished and another is running past a stored checkpoint.
      let finished: string[] = [];
      let running = "";
      await until(
        "a run finished and another past a checkpoint",
        async () => {
          const ids = [...taken(w1.stderr(), "w1"), ...taken(w2.stderr(), "w2")];
          const done: string[] = [];
          let active = "";
          for (const id of ids) {
            if (await look.store.isFinished(id)) done.push(id);
            else if ((await storedCheckpointStep(look.store, id)) !== null) active = id;
          }
          finished = done;
          running = active;
          return done.length >= 1 && active !== "";
        },
        procs,
      );
      const runId = async (): Promise<string> => /^run_id:(\w+)/m.exec(await look.redis.info("server"))![1];
      const before = await runId();
      await redis.restart();
      // A new Redis process, started from the snapshot the old one saved at shutdown.
      expect(await runId()).not.toBe(before);
      // What was finished before the restart is still there (saved at shutdown, loaded at start).
      for (const id of finished) expect(await look.store.isFinished(id), id).toBe(true);

      const [r1, r2] = await exits([w1, w2]);
      expect(r1.code).toBe(0);
      expect(r2.code).toBe(0);
      const logs = `${r1.stderr}${r2.stderr}`;

      const collect = await start("collect", [...sweep, "--collect", "--json"]).done;
      expect(collect.stderr).toBe("");
      expect(collect.code).toBe(0);
      const rows = sweepRows(Q);
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.status === "completed" && r.steps === 4000)).toBe(true);
      expect(rows.map((r) => r.id)).toContain(running);
      // Each run taken once and finished once (the one running during the restart included): the workers kept their
      // runs across the restart.
      for (const { id } of rows) {
        expect(count(logs, new RegExp(`: took ${id} `)), id).toBe(1);
        expect(count(logs, new RegExp(`: finished ${id}: completed\n`)), id).toBe(1);
      }
      const L = await localSweep(root, GRID);
      expect(fileHashes(Q)).toEqual(fileHashes(L));
    }, { persist: true });
  });
});

describe("Redis killed with -9 mid-sweep (default persistence: what came after its last snapshot is lost)", () => {
  for (const snapshot of [true, false]) {
  it(snapshot ? "back from a snapshot taken mid-run: the workers redo the lost steps from the snapshot's checkpoints; every run equals a local sweep's" : "back empty (no snapshot yet): the waiting coordinator re-enqueues every unfinished job, the workers redo them; every run equals a local sweep's", { timeout: 240_000 }, async () => {
    await withRedis(async ({ redis, look, procs }) => {
      const Q = join(root, `crash-${snapshot}-Q`);
      const coordinator = start("coordinator", ["sweep", ...GRID, "--queue", redis.url, "--out", Q]);
      const w1 = startWorker(redis.url, "w1", [], 3000);
      const w2 = startWorker(redis.url, "w2", [], 3000);
      procs.push(coordinator, w1, w2);
      const ids = (): string[] => [...taken(w1.stderr(), "w1"), ...taken(w2.stderr(), "w2")];
      // A snapshot (or none) once a run has stored a checkpoint (as Redis's save points take them), then more work
      // that only the lost part of Redis knows: that run 500 steps further.
      let victim = "";
      let snapStep = 0;
      await until(
        "a run past its first checkpoint",
        async () => {
          for (const id of ids()) {
            const step = await storedCheckpointStep(look.store, id);
            if (step !== null && !(await look.store.isFinished(id))) {
              victim = id;
              return true;
            }
          }
          return false;
        },
        procs,
      );
      const steps = async (): Promise<Map<string, number>> => new Map(await Promise.all(ids().map(async (id) => [id, (await storedCheckpointStep(look.store, id)) ?? 0] as const)));
      let snapshotted = new Map<string, number>();
      if (snapshot) {
        // The stored steps just before and just after the snapshot are the same: they are what it holds.
        for (let same = false; !same; ) {
          const before = await steps();
          await look.redis.save();
          snapshotted = await steps();
          same = JSON.stringify([...before]) === JSON.stringify([...snapshotted]);
        }
      }
      snapStep = snapshot ? snapshotted.get(victim)! : (await storedCheckpointStep(look.store, victim))!;
      await until("the run 500 steps past the snapshot", async () => ((await storedCheckpointStep(look.store, victim)) ?? 0) >= snapStep + 500, procs);
      expect(await look.store.isFinished(victim)).toBe(false);
      const collectedBefore = finishedIds(Q);
      // No snapshot on disk: the Redis that comes back is empty (its keys are not checked after the restart: the
      // waiting coordinator and the workers write again within milliseconds).
      if (!snapshot) expect(existsSync(join(redis.dir, "dump.rdb"))).toBe(false);
      await redis.crash();

      const [c] = await exits([coordinator]);
      expect(c.stderr).not.toMatch(/^\s+at /m);
      expect(c.code).toBe(0);
      w1.child.kill("SIGTERM");
      w2.child.kill("SIGTERM");
      const [r1, r2] = await exits([w1, w2]);
      expect([r1.code, r2.code]).toEqual([143, 143]);
      // A lost connection is logged as one line, never as a raw error with its stack.
      expect(r1.stderr).not.toMatch(/^\s+at /m);
      expect(r2.stderr).not.toMatch(/^\s+at /m);
      const rows = sweepRows(Q);
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.status === "completed" && r.steps === 4000)).toBe(true);
      // The run that went on past the snapshot was redone from the snapshot's checkpoint (from 0 without one);
      // every run started from 0 or from what the snapshot held; what the coordinator had collected stayed.
      expect(summaryOf(Q, victim).resumedFrom).toBe(snapshot ? snapStep : 0);
      for (const { id } of rows) expect([0, snapshotted.get(id) ?? 0], id).toContain(summaryOf(Q, id).resumedFrom);
      for (const id of collectedBefore) expect(rows.find((r) => r.id === id)!.outcome, id).not.toBe("skipped");
      const L = await localSweep(root, GRID);
      expect(fileHashes(Q)).toEqual(fileHashes(L));
    }, { persist: true });
  });
  }
});

describe("the run store's claims across a Redis crash", () => {
  it("a worker that claimed a run after the last snapshot cannot write it once Redis is back and another worker has claimed it", { timeout: 60_000 }, async () => {
    const redis = await startRedis({ persist: true });
    const client = connect(redis.url);
    const store = new RunStore(client);
    try {
      const id = "00000000000000aa";
      const snap = (worker: string, mode: "replace" | "final"): Snapshot => ({
        config: Buffer.from("{}\n"),
        checkpoint: Buffer.from(`checkpoint of ${worker}`),
        mode,
        metrics: Buffer.from(`metrics of ${worker}\n`),
        ...(mode === "final" && { summary: Buffer.from(`summary of ${worker}`) }),
      });
      // w0 ran the run up to a checkpoint, which a snapshot saved; w0 died, and A took the run over after it.
      await store.save(id, await store.claim(id, "w0"), snap("w0", "replace"));
      await client.save();
      const a = await store.claim(id, "A");
      // Redis killed: back from the snapshot, A's claim is lost. The job comes back; B takes it.
      await redis.crash();
      expect((await store.read(id))?.worker).toBe("w0");
      const b = await store.claim(id, "B");
      await store.save(id, b, snap("B", "replace"));
      // A, unaware, finishes and writes its run: refused, and B's files stay.
      await expect(store.save(id, a, snap("A", "final"))).rejects.toThrow(RunClaimedError);
      const stored = (await store.read(id))!;
      expect([stored.worker, stored.summary, stored.metrics.toString(), stored.checkpoint?.toString()]).toEqual(["B", null, "metrics of B\n", "checkpoint of B"]);
      await store.save(id, b, snap("B", "final"));
      expect((await store.read(id))!.summary?.toString()).toBe("summary of B");
    } finally {
      client.disconnect();
      await redis.dispose();
    }
  });
});

describe("failures are recorded once, never retried", () => {
  it("a run that diverges under --non-finite error completes as a job with a failed summary, taken once", { timeout: 240_000 }, async () => {
    await withRedis(async ({ redis, look, procs }) => {
      const EXPLODING = ["--task", "adding", "--preset", "easy", "--cell", "rnn_relu", "--init", "scaledNormal:3", "--optimizer", "sgd", "--lr", "1", "--hidden-size", "8", "--batch-size", "8", "--steps", "200", "--non-finite", "error", "--checkpoint-every", "10"];
      const Q = join(root, "nan-Q");
      const coordinator = start("coordinator", ["sweep", ...EXPLODING, "--queue", redis.url, "--out", Q, "--json"]);
      procs.push(coordinator);
      await enqueued(look.queue, 1, procs);
      const w = startWorker(redis.url, "w", ["--exit-when-idle"], 3000);
      procs.push(w);
      const [c, r] = await exits([coordinator, w]);
      // As a local sweep: the failed run is a result (exit 0, its row says where it failed).
      expect(c.code).toBe(0);
      const [row] = sweepRows(Q);
      expect(sweepRows(Q)).toHaveLength(1);
      expect(row).toMatchObject({ status: "failed", steps: 4, failedAt: 4, outcome: "ran" });
      expect(summaryOf(Q, row.id)).toMatchObject({ status: "failed", failure: { step: 4 } });

      expect(r.code).toBe(0);
      expect(count(r.stderr, /: took /)).toBe(1);
      expect(r.stderr).toContain(`w: finished ${row.id}: failed\n`);
      expect(firstLines(r.stderr).at(-1)).toBe("worker: the queue is empty; 1 run(s) finished here, 0 failed attempt(s), 0 returned to the queue");
      const job = await look.queue.getJob(row.id);
      expect(await job!.getState()).toBe("completed");
      expect(job!.attemptsMade).toBe(1);
      expect(job!.returnvalue).toEqual({ status: "failed", steps: 4 });

      const L = await localSweep(root, EXPLODING);
      expect(sweepRows(L)).toMatchObject([{ id: row.id, status: "failed", failedAt: 4 }]);
      expect(fileHashes(Q)).toEqual(fileHashes(L));
    });
  });

  it("a run that cannot run on the worker (more memory than it has) fails its job at the first attempt", { timeout: 240_000 }, async () => {
    await withRedis(async ({ redis, look, procs }) => {
      // A job that a coordinator on a machine with more memory would enqueue: `vanish sweep` checks the run's size
      // on its own machine only, so it goes through the coordinator's library call, which does not check it.
      let job: SweepJob | null = null;
      for (let batch = 1 << 12; job === null; batch *= 2) {
        const [candidate] = expandSweep({ base: { task: { name: "adding", preset: "easy" }, hiddenSize: 32, batchSize: batch } });
        try {
          checkRunSize(candidate.config);
        } catch (e) {
          expect((e as Error).message).toMatch(/^checkRunSize: this run needs about .* of memory/);
          job = candidate;
        }
      }
      const Q = join(root, "big-Q");
      const enqueued = await runQueuedSweep([job], Q, { url: redis.url, detach: true });
      expect(enqueued.enqueued).toBe(1);

      const w = startWorker(redis.url, "w", ["--exit-when-idle"], 3000);
      procs.push(w);
      const [r] = await exits([w]);
      expect(r.code).toBe(0);
      expect(count(r.stderr, /: took /)).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^w: ${job.id} could not run: this run needs about .* of memory .* more than the .* it may use here`, "m"));
      expect(firstLines(r.stderr).at(-1)).toBe("worker: the queue is empty; 0 run(s) finished here, 1 failed attempt(s), 0 returned to the queue");
      const failed = await look.queue.getJob(job.id);
      expect(await failed!.getState()).toBe("failed");
      expect(failed!.attemptsMade).toBe(1);
      expect(failed!.failedReason).toMatch(/^this run needs about /);

      // The coordinator reports it as failed, with the reason; nothing is written for it.
      const collected = await runQueuedSweep([job], Q, { url: redis.url, collect: true });
      expect(collected.failures.map((f) => [f.job.id, f.message.split(";")[0]])).toEqual([[job.id, failed!.failedReason.split(";")[0]]]);
      expect(collected.results).toEqual([undefined]);
    });
  });
});
