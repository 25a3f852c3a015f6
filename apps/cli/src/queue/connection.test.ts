import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startRedis, type RedisServer } from "../../test/redis";
import { checkReachable, connect, parseQueueUrl, redactUrl } from "./connection";

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.dispose();
});

describe("parseQueueUrl", () => {
  it.each(["redis://h:6379", "redis://127.0.0.1:6379/2", "redis://h:6379/", "rediss://cache.example.com:6380", "redis://user:pa55@h:6379/0", "redis://:secret@h:1"])("accepts %s unchanged", (text) => {
    expect(parseQueueUrl(text)).toBe(text);
  });

  it.each(["http://h:6379", "redis://h:6379/x", "redis://h:6379/2/3", "redis://:6379", "redis://", "redis://h:6379?db=2", "redis://h:6379#2", "garbage", "", "127.0.0.1:6379"])("rejects %j naming the flag and the expected form", (text) => {
    expect(() => parseQueueUrl(text)).toThrow(new TypeError(`--queue takes a Redis URL redis://HOST:PORT[/DB] (rediss:// for TLS), got ${JSON.stringify(text)}`));
  });

  it("names another flag when given one", () => {
    expect(() => parseQueueUrl("http://h", "--store")).toThrow('--store takes a Redis URL redis://HOST:PORT[/DB] (rediss:// for TLS), got "http://h"');
  });
});

describe("redactUrl", () => {
  it("hides the password and keeps the rest", () => {
    expect(redactUrl("redis://user:pa55word@h:6379/2")).toBe("redis://user:***@h:6379/2");
    expect(redactUrl("redis://:pa55word@h:6379")).toBe("redis://:***@h:6379");
    expect(redactUrl("redis://h:6379")).toBe("redis://h:6379");
    expect(redactUrl("rediss://u@h:6380/1")).toBe("rediss://u@h:6380/1");
    expect(redactUrl("redis://user:pa55word@h:6379/2")).not.toContain("pa55word");
  });
});

describe("checkReachable", () => {
  it("resolves for a running Redis", async () => {
    await expect(checkReachable(redis.url)).resolves.toBeUndefined();
  });

  it("rejects quickly for a closed port, naming the URL (without its password) and the reason", async () => {
    const port = await freePort();
    const started = Date.now();
    await expect(checkReachable(`redis://127.0.0.1:${port}`)).rejects.toThrow(
      new Error(`cannot reach Redis at redis://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}); start redis-server there or pass another --queue`),
    );
    expect(Date.now() - started).toBeLessThan(6000);
    const secret = checkReachable(`redis://u:topsecret@127.0.0.1:${port}/1`);
    await expect(secret).rejects.toThrow(`cannot reach Redis at redis://u:***@127.0.0.1:${port}/1 (`);
    await expect(secret).rejects.not.toThrow("topsecret");
  });
});

describe("checkReachable and the database number", () => {
  it("rejects a /DB the server does not have, instead of using database 0", async () => {
    await expect(checkReachable(`${redis.url}/15`)).resolves.toBeUndefined();
    await expect(checkReachable(`${redis.url}/99`)).rejects.toThrow(
      new Error(`cannot reach Redis at ${redis.url}/99 (ERR DB index is out of range); start redis-server there or pass another --queue`),
    );
  });
});

describe("connect", () => {
  it("talks to the Redis of the URL, on its DB", async () => {
    const db2 = connect(`${redis.url}/2`);
    const db0 = connect(redis.url);
    try {
      await db2.set("vanish:test:db", "two");
      expect(await db2.get("vanish:test:db")).toBe("two");
      expect(await db0.get("vanish:test:db")).toBeNull();
    } finally {
      db2.disconnect();
      db0.disconnect();
    }
  });
});
