// Where a queued sweep lives: one Redis, named by a URL, holding the BullMQ queue of runs and the run store.
import { Redis, type RedisOptions } from "ioredis";

/** The BullMQ key prefix and queue name: every vanish sweep on a Redis shares one queue (jobs are config hashes). */
export const QUEUE_PREFIX = "vanish";
export const QUEUE_NAME = "runs";

/**
 * Checks a `--queue` value: `redis://HOST[:PORT][/DB]` (or `rediss://` for TLS), with an optional `user:password@`.
 * Returns it unchanged; anything else throws a TypeError naming `flag` and what it received.
 */
export function parseQueueUrl(text: string, flag = "--queue"): string {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  const ok = url !== null && (url.protocol === "redis:" || url.protocol === "rediss:") && url.hostname !== "" && /^(\/\d*)?$/.test(url.pathname) && url.search === "" && url.hash === "";
  if (!ok) throw new TypeError(`${flag} takes a Redis URL redis://HOST:PORT[/DB] (rediss:// for TLS), got ${JSON.stringify(text)}`);
  return text;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(text: string): string {
  const url = new URL(text);
  if (url.password !== "") url.password = "***";
  return url.toString().replace(/\/$/, "");
}

/**
 * A connection for long-lived use (BullMQ workers, queues, the run store): commands wait while Redis is away and
 * are sent when it is back (`maxRetriesPerRequest: null`, as BullMQ requires), so a restarted Redis loses no work.
 * Connection errors are handed to `onError` (default: ignored) instead of crashing the process.
 */
export function connect(url: string, onError: (e: Error) => void = () => {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(100 * times, 2000) } satisfies RedisOptions);
  redis.on("error", onError);
  return redis;
}

/**
 * Checks once, within `ms`, that a Redis answers at `url`; rejects with an Error whose message says why not (the
 * commands turn it into exit 2 naming the URL), so that a wrong URL fails at once instead of waiting forever.
 */
export async function checkReachable(url: string, ms = 5000): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: ms, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // ioredis rejects with "Connection is closed."; the socket's error (ECONNREFUSED, ENOTFOUND, …) says why.
  let cause: Error | null = null;
  probe.on("error", (e: Error) => (cause = e));
  try {
    await probe.connect();
    await probe.ping();
    // ioredis does not fail a connection whose SELECT is refused (a /DB beyond the server's `databases`): it stays on
    // database 0. Select it again here, where a refusal rejects.
    if (probe.options.db) await probe.select(probe.options.db);
  } catch (e) {
    throw new Error(`cannot reach Redis at ${redactUrl(url)} (${(cause ?? (e as Error)).message}); start redis-server there or pass another --queue`);
  } finally {
    probe.disconnect();
  }
}
