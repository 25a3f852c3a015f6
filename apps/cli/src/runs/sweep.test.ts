import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveRunConfig } from "../engine/config";
import { configHash } from "../engine/configHash";
import { RunAbortedError } from "../engine/errors";
import { trainRun } from "../engine/trainRun";
import { RunDirectory } from "./runDirectory";
import { expandSweep, runSweep, type SweepSpec } from "./sweep";

let root = "";
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "vanish-sweep-"));
});

const base = { task: { name: "adding", preset: "easy" }, hiddenSize: 6, batchSize: 4, steps: 16, logEvery: 4, evalBatches: 1 };
const spec: SweepSpec = { base, grid: { cell: ["rnn_tanh", "gru"], "optimizer.lr": [0.01, 0.003] }, seeds: [0, 1] };

describe("expandSweep", () => {
  it("expands grid × seeds in order (last key fastest), each job named by its config hash", () => {
    const jobs = expandSweep(spec);
    expect(jobs.map((j) => j.point)).toEqual([
      { cell: "rnn_tanh", "optimizer.lr": 0.01, seed: 0 },
      { cell: "rnn_tanh", "optimizer.lr": 0.01, seed: 1 },
      { cell: "rnn_tanh", "optimizer.lr": 0.003, seed: 0 },
      { cell: "rnn_tanh", "optimizer.lr": 0.003, seed: 1 },
      { cell: "gru", "optimizer.lr": 0.01, seed: 0 },
      { cell: "gru", "optimizer.lr": 0.01, seed: 1 },
      { cell: "gru", "optimizer.lr": 0.003, seed: 0 },
      { cell: "gru", "optimizer.lr": 0.003, seed: 1 },
    ]);
    const last = jobs[7];
    expect(last.config).toEqual(resolveRunConfig({ ...base, cell: "gru", optimizer: { name: "adam", lr: 0.003 }, seed: 1 }));
    expect(last.id).toBe(configHash(last.config));
  });

  it("goes inside short forms and merges duplicate configs into one job", () => {
    const jobs = expandSweep({ base: { ...base, optimizer: "sgd" }, grid: { "optimizer.lr": [0.001, 1e-3], "task.knobs.length": [5] } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0].config.optimizer).toEqual({ name: "sgd", lr: 0.001 });
    expect(jobs[0].config.task.knobs).toEqual({ length: 5, variant: "modern" });
  });

  it("names the grid point of a bad value and rejects unknown sweep keys", () => {
    expect(() => expandSweep({ base, grid: { cell: ["gru", "rnn"] } })).toThrow('expandSweep: at grid point {"cell":"rnn"}: config.cell must be one of "rnn_tanh", "rnn_relu", "lstm", "gru", got "rnn"');
    expect(() => expandSweep({ base, grids: {} } as SweepSpec)).toThrow("expandSweep: sweep.grids is not a known key; valid keys: base, grid, seeds");
    expect(() => expandSweep({ base, grid: { cell: [] } })).toThrow('expandSweep: grid["cell"] must be a non-empty array of values, got []');
  });
});

describe("runSweep", () => {
  it("gives the same files on 2 worker threads as serially in this thread", async () => {
    const jobs = expandSweep(spec);
    const serial = await runSweep(jobs, join(root, "serial"), { workers: 0 });
    const done: string[] = [];
    const parallel = await runSweep(jobs, join(root, "parallel"), { workers: 2, onJobDone: (r) => done.push(r.job.id) });
    expect(done.sort()).toEqual(jobs.map((j) => j.id).sort());
    expect(parallel.map((r) => r.outcome)).toEqual(jobs.map(() => "ran"));
    for (const [i, job] of jobs.entries()) {
      const a = readFileSync(join(root, "serial", job.id, "metrics.jsonl"), "utf8");
      expect(readFileSync(join(root, "parallel", job.id, "metrics.jsonl"), "utf8")).toBe(a);
      expect(readFileSync(join(root, "parallel", job.id, "checkpoint.json"), "utf8")).toBe(readFileSync(join(root, "serial", job.id, "checkpoint.json"), "utf8"));
      expect({ ...parallel[i].summary, seconds: 0 }).toEqual({ ...serial[i].summary, seconds: 0 });
    }
    // Different grid points really differ.
    expect(serial[0].summary.finalLoss).not.toBe(serial[4].summary.finalLoss);
  });

  it("skips finished jobs and resumes interrupted ones bit-identically", async () => {
    const jobs = expandSweep({ base, grid: { cell: ["lstm"] }, seeds: [0, 1] });
    const out = join(root, "resume");
    // Job 0 finished earlier; job 1 was interrupted at step 8.
    await trainRun(jobs[0].config, { runDir: join(out, jobs[0].id) });
    const controller = new AbortController();
    await expect(trainRun(jobs[1].config, { runDir: join(out, jobs[1].id), checkpointEvery: 4, signal: controller.signal, onLog: (r) => r.step === 8 && controller.abort() })).rejects.toThrow(RunAbortedError);
    const results = await runSweep(jobs, out, { workers: 0 });
    expect(results.map((r) => r.outcome)).toEqual(["skipped", "resumed"]);
    expect(results[1].summary.resumedFrom).toBe(8);
    const whole = join(root, "whole");
    await trainRun(jobs[1].config, { runDir: whole });
    expect(readFileSync(join(out, jobs[1].id, "metrics.jsonl"), "utf8")).toBe(readFileSync(join(whole, "metrics.jsonl"), "utf8"));
    expect(new RunDirectory(join(out, jobs[0].id)).readSummary()!.status).toBe("completed");
  });
});
