// Fault injection on real `vanish` processes: signals at several moments, a second writer, stale locks, unwritable
// and impossible output folders. Each case checks the exit code, the first line of the message, that no stack trace
// is printed, and that no file was lost or silently altered.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { parseCheckpoint } from "@vanish/rnn";
import { afterAll, describe, expect, it } from "vitest";
import { trainRun } from "../src/engine/trainRun";
import { lockDirectory } from "../src/runs/dirLock";
import { spawn } from "node:child_process";
import { appDir, childEnv, vanish, vanishCommand, waitFor, type Exited } from "./child";

const root = mkdtempSync(join(tmpdir(), "vanish-faults-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TINY = { task: { name: "adding", preset: "easy" }, cell: "gru", hiddenSize: 6, batchSize: 4, steps: 400, logEvery: 2, evalBatches: 1 } as const;
const FLAGS = ["--task", "adding", "--preset", "easy", "--cell", "gru", "--hidden-size", "6", "--batch-size", "4", "--steps", "400", "--log-every", "2", "--eval-batches", "1", "--checkpoint-every", "10"];

const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : []);
const snapshot = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).filter((f) => !f.startsWith(".")).map((f) => [f, readFileSync(join(dir, f), "utf8")]));

/** The first line of stderr, after checking that nothing on stderr looks like a stack trace. */
function firstLine(r: Exited): string {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain("unexpected error");
  return r.stderr.split("\n")[0];
}

describe("signals: SIGTERM, SIGHUP and SIGINT checkpoint, say so, and exit 128 + n; --resume continues byte-identically", () => {
  for (const [signal, code, after] of [
    ["SIGTERM", 143, 3],
    ["SIGHUP", 129, 40],
    ["SIGINT", 130, 90],
  ] as const) {
    it(`${signal} after ${after} metrics records`, async () => {
      const out = join(root, `sig-${signal}`);
      const { child, done } = vanish(["train", ...FLAGS, "--out", out]);
      await waitFor(() => lines(join(out, "metrics.jsonl")).length >= after, child);
      child.kill(signal);
      const r = await done;
      expect(r.code).toBe(code);
      const step = parseCheckpoint(readFileSync(join(out, "checkpoint.json"), "utf8")).step;
      expect(firstLine(r)).toBe(`vanish: stopped by ${signal} at step ${step}, checkpoint written; continue with: vanish train --resume --out ${out}`);
      // The checkpoint is at the step the run stopped, so the metrics stop there too: nothing to drop on resume.
      expect(JSON.parse(lines(join(out, "metrics.jsonl")).at(-1)!).step).toBeLessThanOrEqual(step);
      expect(existsSync(join(out, "summary.json"))).toBe(false);
      expect(existsSync(join(out, ".vanish.lock"))).toBe(false);

      if (signal !== "SIGTERM") return;
      const resumed = vanish(["train", "--resume", "--out", out, "--checkpoint-every", "10", "--json"]);
      const rr = await resumed.done;
      expect(rr.stderr).toBe("");
      expect(rr.code).toBe(0);
      expect(JSON.parse(rr.stdout)).toMatchObject({ status: "completed", steps: 400, resumedFrom: step });
      const whole = join(root, "sig-whole");
      await trainRun(TINY, { runDir: whole, checkpointEvery: 10 });
      expect(readFileSync(join(out, "metrics.jsonl"), "utf8")).toBe(readFileSync(join(whole, "metrics.jsonl"), "utf8"));
      expect(readFileSync(join(out, "checkpoint.json"), "utf8")).toBe(readFileSync(join(whole, "checkpoint.json"), "utf8"));
    });
  }
});

describe("one writer per run directory", () => {
  it("refuses a second writer with exit 2, naming the directory and the PID that holds it, and changes nothing", async () => {
    const out = join(root, "locked");
    await trainRun({ ...TINY, steps: 20 }, { runDir: out, checkpointEvery: 10 });
    const before = snapshot(out);
    // This test process holds the lock, as a running `vanish train` would.
    const lock = lockDirectory(out, "vanish train");
    try {
      const r = await vanish(["train", "--resume", "--out", out]).done;
      expect(r.code).toBe(2);
      expect(firstLine(r)).toMatch(new RegExp(`^vanish: ${out} is in use by PID ${process.pid} \\(vanish train, since [0-9T:.-]+Z\\): one process at a time may write a run directory`));
      const sweep = await vanish(["sweep", "--task", "adding", "--steps", "2", "--out", out]).done;
      expect(sweep.code).toBe(2);
      expect(firstLine(sweep)).toMatch(new RegExp(`^vanish: ${out} is in use by PID ${process.pid} \\(vanish train, since .*\\): one process at a time may write a sweep directory`));
    } finally {
      lock.release();
    }
    expect(snapshot(out)).toEqual(before);
  });

  it("takes over the lock of a process that died (kill -9) at once", async () => {
    const out = join(root, "stale");
    await trainRun({ ...TINY, steps: 20 }, { runDir: out, checkpointEvery: 10 });
    mkdirSync(join(out, ".vanish.lock"));
    // PID 2^22 + 1 is above Linux's pid_max default: no such process.
    writeFileSync(join(out, ".vanish.owner"), JSON.stringify({ pid: 4194305, hostname: hostname(), thread: 0, what: "vanish train", since: "2026-01-01T00:00:00.000Z" }));
    const r = await vanish(["train", "--resume", "--out", out, "--json"]).done;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
  });
});

describe("file-system errors exit 2 with the path, never a stack", () => {
  it("--out under a file (ENOTDIR) and --out that is a file (EEXIST)", async () => {
    const file = join(root, "a-file");
    writeFileSync(file, "x");
    const under = await vanish(["train", ...FLAGS, "--out", join(file, "run")]).done;
    expect(under.code).toBe(2);
    expect(firstLine(under)).toBe(`vanish: cannot create the folder ${join(file, "run")}: a part of the path is a file, not a folder (ENOTDIR)`);
    const onto = await vanish(["train", ...FLAGS, "--out", file]).done;
    expect(onto.code).toBe(2);
    expect(firstLine(onto)).toBe(`vanish: cannot create the folder ${file}: it already exists (EEXIST)`);
    expect(readFileSync(file, "utf8")).toBe("x");
  });

  it("a folder the user may not write (EACCES), as a non-root user", async () => {
    const parent = mkdtempSync(join(tmpdir(), "vanish-ro-"));
    chmodSync(parent, 0o555);
    // Root may write anywhere: run the CLI as "nobody" then (the repository is world-readable).
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    try {
      const r = await vanish(["train", ...FLAGS, "--out", join(parent, "run")], asNobody).done;
      expect(r.code).toBe(2);
      expect(firstLine(r)).toBe(`vanish: cannot create the folder ${join(parent, "run")}: permission denied (EACCES)`);
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      chmodSync(parent, 0o755);
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe("a killed pnpm wrapper leaves no orphan writer", () => {
  it("SIGKILL of the parent that a package script started: the CLI checkpoints and stops as on SIGHUP", async () => {
    const out = join(root, "orphan");
    const log = join(root, "orphan.log");
    const [cmd, argv] = vanishCommand(["train", ...FLAGS, "--steps", "1000000", "--out", out]);
    // The wrapper (as pnpm would be): starts the CLI with a package script's environment, prints its PID, waits.
    const wrapper = spawn(
      process.execPath,
      ["-e", `const c = require("node:child_process").spawn(process.argv[1], JSON.parse(process.argv[2]), { stdio: ["ignore", "ignore", require("node:fs").openSync(process.argv[3], "w")] }); console.log(c.pid); setInterval(() => {}, 1000);`, cmd, JSON.stringify(argv), log],
      { env: { ...childEnv(), npm_lifecycle_event: "vanish", INIT_CWD: root, TSX_TSCONFIG_PATH: join(appDir, "tsconfig.source.json"), NO_COLOR: "1" }, stdio: ["ignore", "pipe", "ignore"] },
    );
    const pid = await new Promise<number>((resolve) => wrapper.stdout!.once("data", (d) => resolve(Number(String(d).trim()))));
    await waitFor(() => lines(join(out, "metrics.jsonl")).length >= 3, wrapper);
    wrapper.kill("SIGKILL");
    const alive = (): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const started = Date.now();
    while (alive() && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
    const step = parseCheckpoint(readFileSync(join(out, "checkpoint.json"), "utf8")).step;
    expect(readFileSync(log, "utf8").split("\n")[0]).toBe(`vanish: stopped by SIGHUP at step ${step}, checkpoint written; continue with: pnpm vanish train --resume --out ${out}`);
    expect(JSON.parse(lines(join(out, "metrics.jsonl")).at(-1)!).step).toBeLessThanOrEqual(step);
  });
});
