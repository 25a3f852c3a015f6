// Shared by the queue tests: a Redis per test file, a look into the queue, byte comparisons of run directories.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { RUN_FILES } from "../src/runs/runDirectory";
import { startRedis, type RedisServer } from "./redis";

/** The files whose bytes a queued run must share with a local run of the same job (the summary holds seconds). */
export const SAME_FILES = [RUN_FILES.config, RUN_FILES.metrics, RUN_FILES.checkpoint] as const;

/**
 * Expects run directories `a` and `b` to hold the same config, metrics and checkpoint, byte for byte (a run that
 * failed before its first checkpoint has none: then neither may have one), and the same summary but for its seconds
 * and resume step.
 */
export function expectSameRun(a: string, b: string): void {
  for (const name of SAME_FILES) {
    expect(existsSync(join(a, name)), `${join(a, name)} exists as ${join(b, name)} does`).toBe(existsSync(join(b, name)));
    if (name !== RUN_FILES.checkpoint) expect(existsSync(join(a, name)), `${join(a, name)} exists`).toBe(true);
    if (!existsSync(join(b, name))) continue;
    const left = readFileSync(join(a, name));
    const right = readFileSync(join(b, name));
    expect(left.equals(right), `${name} of ${a} and ${b} are byte-equal (${left.length} vs ${right.length} bytes)`).toBe(true);
  }
  const sa = JSON.parse(readFileSync(join(a, RUN_FILES.summary), "utf8"));
  const sb = JSON.parse(readFileSync(join(b, RUN_FILES.summary), "utf8"));
  expect({ ...sa, seconds: 0, resumedFrom: 0 }).toEqual({ ...sb, seconds: 0, resumedFrom: 0 });
}

/** The connection, queue and store on `url`, for looking at what the code under test did (the CLI's own). */
export { openQueue } from "../src/queue/openQueue";

/**
 * Hands out `<url>/1`, `<url>/2`, …: a database of its own for each test on the file's one Redis, so that their
 * queues and stores never meet. Redis has 16 databases (0–15); a 16th call throws rather than share one.
 */
export function databases(url: () => string): () => string {
  let db = 0;
  return () => {
    if (++db > 15) throw new RangeError(`databases: redis-server has databases 0-15 and this file asked for a 16th; start a second Redis`);
    return `${url()}/${db}`;
  };
}

/**
 * For a test file: one Redis for the whole file (started before its tests, stopped after them), `freshUrl()` a
 * database of its own for each test (see {@link databases}), `fresh()` a new folder path in a temporary folder of
 * the file's (`name` in its name), removed at the end.
 */
export function redisPerFile(name: string): { server: () => RedisServer; freshUrl: () => string; fresh: () => string } {
  let server: RedisServer | undefined;
  let root = "";
  let n = 0;
  beforeAll(async () => {
    server = await startRedis();
    root = mkdtempSync(join(tmpdir(), `vanish-${name}-`));
  });
  afterAll(async () => {
    await server?.dispose();
    if (root !== "") rmSync(root, { recursive: true, force: true });
  });
  return { server: () => server!, freshUrl: databases(() => server!.url), fresh: () => join(root, `d${++n}`) };
}
