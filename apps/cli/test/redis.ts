// A real Redis for the queue tests: Debian's redis-server on a free 127.0.0.1 port chosen by the OS, in its own
// temporary folder, stopped by its PID. `.ci/run` installs redis-server when it is missing.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

/** A free loopback port: the OS picks one for a listener that is closed again at once. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("freePort: no port"))));
    });
  });
}

export interface RedisServer {
  port: number;
  url: string;
  /** The folder redis-server runs in (its dump.rdb when `persist` is on). */
  dir: string;
  /** Stops it with SIGTERM (a clean shutdown, which saves a snapshot when `persist` is on) and waits for the exit. */
  stop(): Promise<void>;
  /** Stops it, then starts it again on the same port and folder (what a restarted Redis does). */
  restart(): Promise<void>;
  /** Kills it with SIGKILL (no snapshot at exit), then starts it again on the same port from its last snapshot, if any. */
  crash(): Promise<void>;
  /** Stops it (if running) and removes its folder. */
  dispose(): Promise<void>;
}

/**
 * Starts a redis-server on a free loopback port. `persist: true` keeps Redis's default snapshotting (save points
 * 3600 1 / 300 100 / 60 10000 and a snapshot at shutdown); otherwise nothing is written to disk.
 */
export async function startRedis(options: { persist?: boolean } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "vanish-redis-"));
  let port = 0;
  let child: ChildProcess | null = null;
  // A new port on each attempt of a first start (another process may take a port between the check and the bind);
  // a restart keeps its port, as a restarted Redis does.
  const launch = async (keepPort: boolean): Promise<void> => {
    const persistence = options.persist ? ["--save", "3600 1 300 100 60 10000"] : ["--save", "", "--appendonly", "no"];
    for (let attempt = 0; ; attempt++) {
      if (!keepPort) port = await freePort();
      const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, ...persistence], { stdio: ["ignore", "pipe", "pipe"] });
      let log = "";
      proc.stdout!.on("data", (d) => (log += String(d)));
      proc.stderr!.on("data", (d) => (log += String(d)));
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      const up = await Promise.race([waitForPing(port).then(() => true), exited.then(() => false)]);
      if (up) {
        child = proc;
        return;
      }
      if (attempt >= 3) throw new Error(`startRedis: redis-server did not start on 127.0.0.1:${port}:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const stop = async (signal: NodeJS.Signals = "SIGTERM"): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill(signal);
    await exited;
    child = null;
  };
  await launch(false);
  return {
    get port() {
      return port;
    },
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    dir,
    stop: () => stop(),
    restart: async () => {
      await stop();
      await launch(true);
    },
    crash: async () => {
      await stop("SIGKILL");
      await launch(true);
    },
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPing(port: number, ms = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const client = new Redis({ host: "127.0.0.1", port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on("error", () => {});
    try {
      await client.connect();
      if ((await client.ping()) === "PONG") return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    if (Date.now() - started > ms) throw new Error(`waitForPing: no Redis answered on 127.0.0.1:${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
