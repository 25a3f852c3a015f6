// Queued sweeps across real processes, with a real Redis: a worker killed with -9 while it holds a run, and a
// coordinator killed with -9 mid-sweep. The runs must come out byte-identical to a local `--workers 2` sweep, and
// no run may be run twice.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  count,
  enqueued,
  exits,
  fileHashes,
  finishedIds,
  localSweep,
  start,
  startWorker,
  storedCheckpointStep,
  summaryOf,
  sweepRows,
  taken,
  until,
  withRedis,
} from "./queueHelpers";

const root = mkdtempSync(join(tmpdir(), "vanish-queue-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** 3 cells × 2 seeds, 0.8–1.8 s a run from the built CLI here (including start-up): long enough to kill a worker in the middle of one. */
const GRID = ["--task", "adding", "--preset", "easy", "--hidden-size", "32", "--steps", "4000", "--grid", "cell=rnn_tanh,lstm,gru", "--seeds", "0,1", "--checkpoint-every", "100"];

describe("vanish sweep --queue with vanish worker processes", () => {
  it("a worker killed with -9 while it holds a run: another resumes it, a third joins, and every run equals a local sweep's", { timeout: 240_000 }, async () => {
    await withRedis(async ({ redis, look, procs }) => {
      const Q = join(root, "kill9-Q");
      const coordinator = start("coordinator", ["sweep", ...GRID, "--queue", redis.url, "--out", Q]);
      procs.push(coordinator);
      await enqueued(look.queue, 6, procs);
      const w1 = startWorker(redis.url, "w1");
      const w2 = startWorker(redis.url, "w2", ["--exit-when-idle"]);
      procs.push(w1, w2);

      // w1 holds a run that has stored a checkpoint and is not finished: kill it there.
      let victim = "";
      await until(
        "w1 holds a run past its first stored checkpoint",
        async () => {
          const id = taken(w1.stderr(), "w1").at(-1);
          if (id === undefined || (await look.store.isFinished(id))) return false;
          if ((await storedCheckpointStep(look.store, id)) === null) return false;
          victim = id;
          return true;
        },
        procs,
      );
      w1.child.kill("SIGKILL");
      const killed = await w1.done;
      expect(killed.signal).toBe("SIGKILL");
      // What w1 left in the store is where the run must resume (nobody else holds it until its lock expires).
      expect(await look.store.isFinished(victim)).toBe(false);
      const resumeAt = (await storedCheckpointStep(look.store, victim))!;
      expect(resumeAt).toBeGreaterThan(0);
      expect(resumeAt % 100).toBe(0);
      expect(resumeAt).toBeLessThan(4000);

      const w3 = startWorker(redis.url, "w3", ["--exit-when-idle"]);
      procs.push(w3);
      const [c, r2, r3] = await exits([coordinator, w2, w3]);
      expect(c.stderr).not.toMatch(/^\s+at /m);
      expect(c.code).toBe(0);
      expect(r2.code).toBe(0);
      expect(r3.code).toBe(0);

      // The sweep directory: 6 completed rows, and the killed run resumed from w1's last checkpoint elsewhere.
      const rows = sweepRows(Q);
      expect(rows).toHaveLength(6);
      expect(rows.every((r) => r.status === "completed" && r.steps === 4000)).toBe(true);
      expect(rows.find((r) => r.id === victim)!.outcome).toBe("resumed");
      expect(summaryOf(Q, victim)).toMatchObject({ status: "completed", steps: 4000, resumedFrom: resumeAt });
      expect(rows.filter((r) => r.id !== victim).map((r) => summaryOf(Q, r.id).resumedFrom)).toEqual([0, 0, 0, 0, 0]);

      // Logs: the victim was taken by w1, then once more by a live worker, which finished it; every other run was
      // taken and finished exactly once.
      const live = `${r2.stderr}${r3.stderr}`;
      for (const { id } of rows) {
        expect(count(live, new RegExp(`: finished ${id}: `)), id).toBe(1);
        expect(count(`${killed.stderr}${live}`, new RegExp(`: took ${id} `)), id).toBe(id === victim ? 2 : 1);
      }
      expect(live).toContain(`: finished ${victim}: completed (resumed from step ${resumeAt})`);
      expect(taken(killed.stderr, "w1")).toContain(victim);
      // BullMQ's view: the victim stalled once and then completed; every job completed.
      const victimJob = await look.queue.getJob(victim);
      expect(await victimJob!.getState()).toBe("completed");
      expect(victimJob!.stalledCounter).toBe(1);
      expect(await look.queue.getJobCounts("completed", "failed", "waiting", "active", "delayed")).toEqual({ completed: 6, failed: 0, waiting: 0, active: 0, delayed: 0 });

      // Every run's files, byte for byte, against a local sweep of the same grid.
      const L = await localSweep(root, GRID);
      expect(fileHashes(Q)).toEqual(fileHashes(L));
      expect(Object.keys(fileHashes(Q))).toHaveLength(6);
    });
  });

  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    it(`${signal} stops the waiting coordinator (exit ${code}); its jobs stay queued for the workers`, { timeout: 120_000 }, async () => {
      await withRedis(async ({ redis, look, procs }) => {
        const Q = join(root, `coord-${signal}-Q`);
        const coordinator = start("coordinator", ["sweep", ...GRID, "--queue", redis.url, "--out", Q]);
        procs.push(coordinator);
        // No worker: once it has enqueued, the coordinator waits.
        await until("the coordinator waits", () => coordinator.stderr().includes("queue: 0/6 done · 6 waiting · 0 active · 0 failed\n"), procs);
        coordinator.child.kill(signal);
        const [c] = await exits([coordinator]);
        expect(c.code).toBe(code);
        expect(c.stderr.split("\n").filter(Boolean).at(-1)).toBe(`vanish: stopped waiting (${signal}); the 6 unfinished jobs stay queued and the workers go on. Rerun the same command, or add --collect, to gather them into ${Q}`);
        expect(await look.queue.getJobCounts("waiting", "active", "completed", "failed")).toEqual({ waiting: 6, active: 0, completed: 0, failed: 0 });
        expect(finishedIds(Q)).toEqual([]);
      });
    });
  }

  it("the coordinator killed with -9 mid-sweep: the workers go on, and the same command collects the rest without running anything twice", { timeout: 240_000 }, async () => {
    await withRedis(async ({ redis, look, procs }) => {
      const Q = join(root, "coord-Q");
      const args = ["sweep", ...GRID, "--queue", redis.url, "--out", Q];
      const coordinator = start("coordinator", args);
      procs.push(coordinator);
      await enqueued(look.queue, 6, procs);
      const w1 = startWorker(redis.url, "w1", ["--exit-when-idle"], 3000);
      const w2 = startWorker(redis.url, "w2", ["--exit-when-idle"], 3000);
      procs.push(w1, w2);
      await until("the coordinator collected a first run", () => finishedIds(Q).length >= 1, procs);
      coordinator.child.kill("SIGKILL");
      expect((await coordinator.done).signal).toBe("SIGKILL");
      const collectedBefore = finishedIds(Q);
      expect(collectedBefore.length).toBeGreaterThanOrEqual(1);
      expect(collectedBefore.length).toBeLessThan(6);

      // While the workers go on: the same sweep enqueues nothing (every job is finished or queued already).
      const again = await start("detach", [...args, "--detach"]).done;
      expect(again.code).toBe(0);
      const m = /^enqueued 0 of 6 jobs on redis:\/\/127\.0\.0\.1:\d+ \((\d) already finished, (\d) already queued\)\.\n/.exec(again.stdout);
      expect(m, again.stdout).not.toBeNull();
      expect(Number(m![1]) + Number(m![2])).toBe(6);
      expect(Number(m![1])).toBeGreaterThanOrEqual(collectedBefore.length);

      const [r1, r2] = await exits([w1, w2]);
      expect(r1.code).toBe(0);
      expect(r2.code).toBe(0);

      // The same command again: it collects everything, and the runs collected before the kill are kept as they were.
      const [rerun] = await exits([start("rerun", [...args, "--json"])]);
      expect(rerun.stderr).toBe("");
      expect(rerun.code).toBe(0);
      const rows = sweepRows(Q);
      expect(rows).toHaveLength(6);
      expect(rows.every((r) => r.status === "completed" && r.steps === 4000)).toBe(true);
      const finishedBefore = Number(m![1]);
      expect(rows.filter((r) => r.outcome === "skipped").length).toBe(finishedBefore);
      expect(rows.filter((r) => r.outcome === "ran").length).toBe(6 - finishedBefore);
      for (const id of collectedBefore) expect(rows.find((r) => r.id === id)!.outcome).toBe("skipped");

      // No run ran twice: each id taken once, finished once, its job completed at the first attempt.
      const logs = `${r1.stderr}${r2.stderr}`;
      for (const { id } of rows) {
        expect(count(logs, new RegExp(`: took ${id} `)), id).toBe(1);
        expect(count(logs, new RegExp(`: finished ${id}: completed\n`)), id).toBe(1);
        const job = await look.queue.getJob(id);
        expect(await job!.getState()).toBe("completed");
        expect(job!.attemptsMade).toBe(1);
      }

      const L = await localSweep(root, GRID);
      expect(fileHashes(Q)).toEqual(fileHashes(L));
    });
  });
});
