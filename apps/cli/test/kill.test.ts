// The kill test: a real `vanish train` process is killed with SIGKILL mid-run; every file it leaves must parse, and
// `--resume` must finish with metrics byte-identical to an uninterrupted run.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseCheckpoint } from "@vanish/rnn";
import { describe, expect, it } from "vitest";
import { trainRun } from "../src/engine/trainRun";
import { resolveRunConfig } from "../src/engine/config";
import { childEnv } from "./child";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** `node --import tsx src/main.ts …` as ONE process (the tsx binary would put node in a child, out of reach of kill -9). */
function vanish(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", tsx, join(appDir, "src/main.ts"), ...args], {
    env: { ...childEnv(), TSX_TSCONFIG_PATH: join(appDir, "tsconfig.source.json"), NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stderr })));
}

const metricLines = (dir: string): string[] => (existsSync(join(dir, "metrics.jsonl")) ? readFileSync(join(dir, "metrics.jsonl"), "utf8").split("\n").filter(Boolean) : []);

const FLAGS = ["--task", "adding", "--preset", "easy", "--cell", "lstm", "--hidden-size", "12", "--batch-size", "8", "--steps", "300", "--log-every", "3", "--eval-batches", "1"];

describe("kill -9 and --resume", () => {
  it("leaves parseable files after SIGKILL, and resumes to the same metrics as an uninterrupted run", async () => {
    const root = mkdtempSync(join(tmpdir(), "vanish-kill-"));
    const out = join(root, "run");
    const child = vanish(["train", ...FLAGS, "--checkpoint-every", "20", "--out", out, "--quiet"]);
    const done = exited(child);
    // Kill once a checkpoint exists and the metrics have gone past it (so the resume must drop some records).
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const lines = metricLines(out);
        const last = lines.length > 0 ? (JSON.parse(lines[lines.length - 1]) as { step: number }).step : 0;
        if (last >= 45 && last % 20 !== 0) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        }
        if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error("the run finished before it could be killed"));
        }
      }, 5);
    });
    const killed = await done;
    expect(killed.signal).toBe("SIGKILL");

    // Every file of the run parses; no summary yet; a checkpoint from before the kill; the dead process's lock is
    // left behind (the resume below takes it over at once: its PID no longer exists).
    const files = readdirSync(out).filter((f) => !f.endsWith(".tmp"));
    expect(files.sort()).toEqual([".vanish.lock", ".vanish.owner", "checkpoint.json", "config.json", "metrics.jsonl"]);
    expect(JSON.parse(readFileSync(join(out, ".vanish.owner"), "utf8"))).toMatchObject({ pid: child.pid, what: "vanish train" });
    expect(JSON.parse(readFileSync(join(out, "config.json"), "utf8"))).toEqual(resolveRunConfig({ task: { name: "adding", preset: "easy" }, cell: "lstm", hiddenSize: 12, batchSize: 8, steps: 300, logEvery: 3, evalBatches: 1 }));
    const records = metricLines(out).map((l) => JSON.parse(l) as { step: number });
    const checkpoint = parseCheckpoint(readFileSync(join(out, "checkpoint.json"), "utf8"));
    expect(checkpoint.step % 20).toBe(0);
    expect(checkpoint.step).toBeGreaterThanOrEqual(40);
    // The checkpoint at step s comes after the record of the last logging step up to s (every 3 steps here); the
    // records written after it, if the kill left any, are dropped by the resume below.
    expect(records.at(-1)!.step).toBeGreaterThanOrEqual(checkpoint.step - (checkpoint.step % 3));

    const resumed = vanish(["train", "--resume", "--out", out, "--checkpoint-every", "20", "--json"]);
    let stdout = "";
    resumed.stdout!.on("data", (d) => (stdout += String(d)));
    const r = await exited(resumed);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: "completed", steps: 300, resumedFrom: checkpoint.step });

    const whole = join(root, "whole");
    await trainRun({ task: { name: "adding", preset: "easy" }, cell: "lstm", hiddenSize: 12, batchSize: 8, steps: 300, logEvery: 3, evalBatches: 1 }, { runDir: whole, checkpointEvery: 20 });
    expect(readFileSync(join(out, "metrics.jsonl"), "utf8")).toBe(readFileSync(join(whole, "metrics.jsonl"), "utf8"));
    expect(readFileSync(join(out, "checkpoint.json"), "utf8")).toBe(readFileSync(join(whole, "checkpoint.json"), "utf8"));
  });

  it("checkpoints and exits 130 on Ctrl-C (SIGINT), naming the resume command", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "vanish-int-")), "run");
    const child = vanish(["train", ...FLAGS, "--steps", "100000", "--out", out]);
    const done = exited(child);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (metricLines(out).length >= 3) {
          clearInterval(timer);
          child.kill("SIGINT");
          resolve();
        }
      }, 5);
    });
    const r = await done;
    expect(r.code).toBe(130);
    const step = parseCheckpoint(readFileSync(join(out, "checkpoint.json"), "utf8")).step;
    expect(r.stderr).toBe(`vanish: stopped by SIGINT at step ${step}, checkpoint written; continue with: vanish train --resume --out ${out}\n`);
    expect(existsSync(join(out, "summary.json"))).toBe(false);
  });
});
