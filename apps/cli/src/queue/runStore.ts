// The run store: the files of each queued run kept in Redis, so that any worker can resume a run that another one
// started (a worker killed with -9 leaves its last checkpoint here) and the coordinator can write the finished run
// directory. Files are kept as bytes and written back as bytes: a run directory rebuilt from the store is
// byte-identical to the one the worker wrote.
import { randomInt } from "node:crypto";
import type { Redis } from "ioredis";
import { QUEUE_PREFIX } from "./connection";

/** The files of a stored run (bytes, as the worker's run directory held them). */
export interface StoredRun {
  config: Buffer | null;
  metrics: Buffer;
  checkpoint: Buffer | null;
  summary: Buffer | null;
  /** The claim of the worker that wrote last (see {@link RunStore.claim}). */
  epoch: number;
  worker: string | null;
}

/** A write refused because another worker has claimed the run since (this one is a zombie and must stop). */
export class RunClaimedError extends Error {
  constructor(id: string, epoch: number, why = `it was claimed by another worker after claim ${epoch}`) {
    super(`RunStore: run ${id} cannot be stored: ${why}; this worker's copy is stale and was not stored`);
    this.name = "RunClaimedError";
  }
}

const runKey = (id: string): string => `${QUEUE_PREFIX}:store:${id}`;
const metricsKey = (id: string): string => `${QUEUE_PREFIX}:store:${id}:metrics`;

/** The Redis keys of stored run `id`: its hash and its metrics string (for measuring them; use RunStore to read). */
export const storeKeys = (id: string): { run: string; metrics: string } => ({ run: runKey(id), metrics: metricsKey(id) });

// KEYS: the run's hash, its metrics. ARGV: epoch, mode ("replace" | "append" | "final"), metrics offset (append),
// metrics bytes, checkpoint, config, summary (final). Returns 1, or -1 when another claim is newer, -3 when the run
// is not in the store at all (Redis lost it), or -2 when the stored metrics are not the `offset` bytes this worker has
// already sent.
const SAVE = `
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then return -3 end
if epoch ~= ARGV[1] then return -1 end
if ARGV[2] == 'append' then
  if redis.call('STRLEN', KEYS[2]) ~= tonumber(ARGV[3]) then return -2 end
  redis.call('APPEND', KEYS[2], ARGV[4])
else
  redis.call('SET', KEYS[2], ARGV[4])
end
redis.call('HSET', KEYS[1], 'checkpoint', ARGV[5], 'config', ARGV[6])
if ARGV[2] == 'final' then redis.call('HSET', KEYS[1], 'summary', ARGV[7]) end
return 1
`;

/** What a worker sends: the metrics (all of them, or the bytes after `offset`), the checkpoint and the config. */
export interface Snapshot {
  config: Buffer;
  /** "replace": `metrics` is the whole file; "append": the bytes after `offset`; "final": whole, with the summary. */
  mode: "replace" | "append" | "final";
  offset?: number;
  metrics: Buffer;
  checkpoint: Buffer;
  summary?: Buffer;
}

/** The run store on one Redis connection. */
export class RunStore {
  private readonly redis: Redis;

  constructor(redis: Redis) {
    this.redis = redis;
  }

  /**
   * Claims run `id` for `worker` and returns the claim's number. Every later write carries it, and is refused once
   * another worker has claimed the run (a worker that lost its job while it was cut off cannot overwrite the run).
   * The number is random, not a count: a count restarts when Redis loses its latest writes (killed, then back from
   * an older snapshot), and a worker that claimed after the snapshot would then share its number with the next one.
   */
  async claim(id: string, worker: string): Promise<number> {
    const epoch = randomInt(1, 2 ** 48 - 1);
    await this.redis.hset(runKey(id), "epoch", epoch, "worker", worker);
    return epoch;
  }

  /** The stored run, or null when nothing was stored for `id`. */
  async read(id: string): Promise<StoredRun | null> {
    const [[, fields], [, metrics]] = (await this.redis.multi().hgetallBuffer(runKey(id)).getBuffer(metricsKey(id)).exec()) as [[null, Record<string, Buffer>], [null, Buffer | null]];
    if (Object.keys(fields).length === 0) return null;
    return {
      config: fields.config ?? null,
      metrics: metrics ?? Buffer.alloc(0),
      checkpoint: fields.checkpoint ?? null,
      summary: fields.summary ?? null,
      epoch: Number(fields.epoch?.toString() ?? 0),
      worker: fields.worker?.toString() ?? null,
    };
  }

  /** Whether run `id` has a summary (it finished: completed, or failed under the `error` policy). */
  async isFinished(id: string): Promise<boolean> {
    return (await this.redis.hexists(runKey(id), "summary")) === 1;
  }

  /** Stores a snapshot under claim `epoch`, atomically (all of it or nothing). */
  async save(id: string, epoch: number, s: Snapshot): Promise<void> {
    const result = await this.redis.eval(SAVE, 2, runKey(id), metricsKey(id), String(epoch), s.mode, String(s.offset ?? 0), s.metrics, s.checkpoint, s.config, s.summary ?? "");
    if (result === -1) throw new RunClaimedError(id, epoch);
    if (result === -3) throw new RunClaimedError(id, epoch, "the store no longer holds it (Redis lost it: restarted from an older snapshot, or the run was cleaned)");
    if (result === -2) throw new Error(`RunStore.save: the stored metrics of run ${id} are not the ${s.offset} bytes this worker sent before; not stored`);
  }

  /** Removes the stored runs `ids`; resolves to how many there were. */
  async remove(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const [[, stored]] = (await this.redis.multi().exists(...ids.map(runKey)).del(...ids.flatMap((id) => [runKey(id), metricsKey(id)])).exec()) as [[null, number]];
    return stored;
  }

  /** The ids of every stored run. */
  async ids(): Promise<string[]> {
    const out: string[] = [];
    const prefix = runKey("");
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      for (const k of keys) if (!k.endsWith(":metrics")) out.push(k.slice(prefix.length));
    } while (cursor !== "0");
    return out.sort();
  }
}
