import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisServer } from "../../test/redis";
import { connect } from "./connection";
import { RunClaimedError, RunStore } from "./runStore";

let server: RedisServer;
let redis: Redis;
let store: RunStore;
beforeAll(async () => {
  server = await startRedis();
  redis = connect(server.url);
  store = new RunStore(redis);
});
afterAll(async () => {
  redis?.disconnect();
  await server?.dispose();
});

let n = 0;
const fresh = (): string => `run${++n}`;
const bytes = (s: string): Buffer => Buffer.from(s, "utf8");
// Offsets are bytes: "é" is two of them, and a byte that is not UTF-8 must come back as it went.
const line1 = bytes('{"step":1,"note":"é"}\n');
const line2 = Buffer.concat([bytes('{"step":2,"raw":"'), Buffer.from([0xff, 0x00, 0xc3]), bytes('"}\n')]);
const config = bytes('{"cell":"gru","label":"naïve"}\n');
const checkpoint = Buffer.from([0, 1, 2, 0xfe, 0xff, 0x80, 0x7f]);

describe("RunStore", () => {
  it("claim gives every claim of a run a new random number and records the worker", async () => {
    const id = fresh();
    const claims = [await store.claim(id, "a:1"), await store.claim(id, "b:2"), await store.claim(id, "c:3")];
    expect(new Set(claims).size).toBe(3);
    for (const c of claims) expect(Number.isSafeInteger(c) && c >= 1 && c < 2 ** 48).toBe(true);
    expect(await store.read(id)).toEqual({ config: null, metrics: Buffer.alloc(0), checkpoint: null, summary: null, epoch: claims[2], worker: "c:3" });
  });

  it("refuses a save for a run the store no longer holds (Redis lost it), naming why", async () => {
    const id = fresh();
    const claim = await store.claim(id, "w");
    await store.remove([id]);
    const refused = store.save(id, claim, { mode: "replace", config, metrics: line1, checkpoint });
    await expect(refused).rejects.toBeInstanceOf(RunClaimedError);
    await expect(refused).rejects.toThrow(`RunStore: run ${id} cannot be stored: the store no longer holds it (Redis lost it: restarted from an older snapshot, or the run was cleaned); this worker's copy is stale and was not stored`);
    expect(await store.read(id)).toBeNull();
  });

  it("read of an unknown run is null, and it is not finished", async () => {
    expect(await store.read("nothing-here")).toBeNull();
    expect(await store.isFinished("nothing-here")).toBe(false);
  });

  it("keeps replace, append and final snapshots byte for byte, offsets in bytes", async () => {
    const id = fresh();
    const epoch = await store.claim(id, "w");
    await store.save(id, epoch, { mode: "replace", config, metrics: line1, checkpoint });
    let stored = await store.read(id);
    expect(stored!.metrics.equals(line1)).toBe(true);
    expect(stored!.config!.equals(config)).toBe(true);
    expect(stored!.checkpoint!.equals(checkpoint)).toBe(true);
    expect(stored!.summary).toBeNull();
    expect(line1.length).toBe('{"step":1,"note":"é"}\n'.length + 1);
    await store.save(id, epoch, { mode: "append", offset: line1.length, config, metrics: line2, checkpoint: bytes("cp2") });
    stored = await store.read(id);
    expect(stored!.metrics.equals(Buffer.concat([line1, line2]))).toBe(true);
    expect(stored!.checkpoint!.toString()).toBe("cp2");
    expect(await store.isFinished(id)).toBe(false);
    const summary = bytes('{"status":"completed","é":1}\n');
    await store.save(id, epoch, { mode: "final", config, metrics: Buffer.concat([line1, line2, line1]), checkpoint, summary });
    stored = await store.read(id);
    expect(stored!.metrics.equals(Buffer.concat([line1, line2, line1]))).toBe(true);
    expect(stored!.summary!.equals(summary)).toBe(true);
    expect(stored!.checkpoint!.equals(checkpoint)).toBe(true);
    expect(stored!.epoch).toBe(epoch);
    expect(await store.isFinished(id)).toBe(true);
  });

  it("replace drops what was stored past the new metrics (a resumed run starts from its checkpoint)", async () => {
    const id = fresh();
    const epoch = await store.claim(id, "w");
    await store.save(id, epoch, { mode: "replace", config, metrics: Buffer.concat([line1, line2]), checkpoint });
    await store.save(id, epoch, { mode: "replace", config, metrics: line1, checkpoint });
    expect((await store.read(id))!.metrics.equals(line1)).toBe(true);
  });

  it("refuses an append whose offset is not the stored length, and stores nothing of it", async () => {
    const id = fresh();
    const epoch = await store.claim(id, "w");
    await store.save(id, epoch, { mode: "replace", config, metrics: line1, checkpoint });
    // The character count of line1 is one less than its byte count: an offset in characters is refused.
    const wrong = line1.toString("utf8").length;
    await expect(store.save(id, epoch, { mode: "append", offset: wrong, config: bytes("other"), metrics: line2, checkpoint: bytes("cp-new") })).rejects.toThrow(
      new Error(`RunStore.save: the stored metrics of run ${id} are not the ${wrong} bytes this worker sent before; not stored`),
    );
    const stored = await store.read(id);
    expect(stored!.metrics.equals(line1)).toBe(true);
    expect(stored!.checkpoint!.equals(checkpoint)).toBe(true);
    expect(stored!.config!.equals(config)).toBe(true);
  });

  it("refuses a save under an older claim with RunClaimedError, and stores nothing of it", async () => {
    const id = fresh();
    const old = await store.claim(id, "zombie");
    await store.save(id, old, { mode: "replace", config, metrics: line1, checkpoint });
    const current = await store.claim(id, "alive");
    expect(current).not.toBe(old);
    for (const s of [
      { mode: "replace" as const, config, metrics: line2, checkpoint: bytes("stale") },
      { mode: "append" as const, offset: line1.length, config, metrics: line2, checkpoint: bytes("stale") },
      { mode: "final" as const, config, metrics: line2, checkpoint: bytes("stale"), summary: bytes("{}") },
    ]) {
      const refused = store.save(id, old, s);
      await expect(refused).rejects.toBeInstanceOf(RunClaimedError);
      await expect(refused).rejects.toThrow(`RunStore: run ${id} cannot be stored: it was claimed by another worker after claim ${old}; this worker's copy is stale and was not stored`);
    }
    const stored = await store.read(id);
    expect(stored!.metrics.equals(line1)).toBe(true);
    expect(stored!.checkpoint!.equals(checkpoint)).toBe(true);
    expect(stored!.summary).toBeNull();
    expect(stored!.worker).toBe("alive");
    // A save with no claim at all is refused too.
    await expect(store.save(fresh(), 1, { mode: "replace", config, metrics: line1, checkpoint })).rejects.toBeInstanceOf(RunClaimedError);
  });

  it("ids lists the stored runs (not their metrics keys); remove counts the runs it removed and deletes both keys", async () => {
    const a = "ids-a";
    const b = "ids-b";
    for (const id of [a, b]) await store.save(id, await store.claim(id, "w"), { mode: "replace", config, metrics: line1, checkpoint });
    const ids = await store.ids();
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining([a, b]));
    expect(ids.some((id) => id.endsWith(":metrics"))).toBe(false);
    expect(await redis.exists(`vanish:store:${a}:metrics`)).toBe(1);
    expect(await store.remove([a, b, "never-stored"])).toBe(2);
    expect(await redis.exists(`vanish:store:${a}`, `vanish:store:${a}:metrics`, `vanish:store:${b}`, `vanish:store:${b}:metrics`)).toBe(0);
    expect(await store.read(a)).toBeNull();
    expect(await store.ids()).not.toContain(a);
    expect(await store.remove([])).toBe(0);
  });
});
