// A worker leaves nothing in the temporary folder when it stops: its runs' scratch folders and the folder holding them.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisServer } from "../../test/redis";
import { expandSweep } from "../runs/sweep";
import { runQueuedSweep } from "./queueSweep";
import { runWorker } from "./queueWorker";

describe("runWorker's scratch folder", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.dispose();
  });

  it("is removed when the worker stops", async () => {
    const mine = (): string[] => readdirSync(tmpdir()).filter((n) => n === `vanish-worker-${process.pid}` || n.startsWith(`vanish-worker-${process.pid}-`));
    const before = mine();
    const jobs = expandSweep({ base: { task: { name: "adding", preset: "easy" }, hiddenSize: 4, batchSize: 2, steps: 3 }, seeds: [0, 1] });
    const out = mkdtempSync(join(tmpdir(), "vanish-scratch-test-"));
    try {
      await runQueuedSweep(jobs, out, { url: redis.url, detach: true });
      const report = await runWorker({ url: redis.url, exitWhenIdle: true });
      expect(report).toEqual({ finished: 2, failed: 0, returned: 0 });
      expect(mine()).toEqual(before);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
