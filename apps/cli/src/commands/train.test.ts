import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveRunConfig } from "../engine/config";
import { configHash } from "../engine/configHash";
import type { RunSummary } from "../engine/summary";
import { run } from "../../test/harness";
import { RunDirectory } from "../runs/runDirectory";

let root = "";
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "vanish-cli-train-"));
});
let n = 0;
const fresh = (): string => join(root, `run${++n}`);

const TINY = ["--task", "adding", "--preset", "easy", "--cell", "gru", "--hidden-size", "6", "--batch-size", "4", "--steps", "12", "--log-every", "4", "--eval-batches", "1"];

describe("vanish train", () => {
  it("trains from flags into --out and prints the summary as JSON with --json", async () => {
    const out = fresh();
    const r = await run("train", ...TINY, "--out", out, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as RunSummary;
    const dir = new RunDirectory(out);
    expect(dir.readSummary()).toEqual(summary);
    const config = resolveRunConfig({ task: { name: "adding", preset: "easy" }, cell: "gru", hiddenSize: 6, batchSize: 4, steps: 12, logEvery: 4, evalBatches: 1 });
    expect(dir.readConfig()).toEqual(config);
    expect(summary.id).toBe(configHash(config));
    const metrics = dir.readMetrics();
    expect(metrics.map((m) => m.step)).toEqual([4, 8, 12]);
    expect(summary.finalLoss).toBe(metrics[2].loss);
    expect(summary.evaluation!.loss).toBeGreaterThan(0);
  });

  it("prints a readable summary without --json, and nothing with --quiet", async () => {
    const out = fresh();
    const r = await run("train", ...TINY, "--out", out);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^run [0-9a-f]{16} → ${out}$`));
    expect(lines[1]).toBe('  adding (easy: length 10, variant "modern") · gru ×1 · hidden 6 · adam lr 0.001 · clip none · 12 steps');
    expect(lines[3]).toMatch(/^ {2}evaluation: mse \d/);
    const q = await run("train", ...TINY, "--out", fresh(), "--quiet");
    expect(q).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("trains agreement's lm framing from --knob framing=lm and prints loss per token and verb agreement accuracy", async () => {
    const out = fresh();
    const r = await run("train", "--task", "agreement", "--preset", "easy", "--knob", "framing=lm", "--hidden-size", "8", "--batch-size", "4", "--steps", "8", "--log-every", "4", "--eval-batches", "1", "--out", out);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const lines = r.stdout.split("\n");
    const summary = new RunDirectory(out).readSummary()!;
    expect(lines[2]).toMatch(/^ {2}final training loss per token \d\.\d+ · clipped 0/);
    expect(lines[3]).toBe(`  evaluation: verb agreement accuracy ${(summary.evaluation!.accuracy! * 100).toFixed(1)}%, loss per token ${Number(summary.evaluation!.loss.toPrecision(4))} (baseline error 0.5, chance (two verb forms))`);
    expect(lines[4]).toMatch(/^ {2}by distance: \[1–1\] \d+\.\d% · \[2–2\] \d+\.\d% · \[3–4\] /);
  });

  it("reads --config FILE, lets flags override it, and names the file for a bad key", async () => {
    const file = join(root, "config.json");
    writeFileSync(file, JSON.stringify({ task: { name: "adding", preset: "easy" }, cell: "lstm", hiddenSize: 6, batchSize: 4, steps: 12, logEvery: 4, evalBatches: 1 }));
    const out = fresh();
    const r = await run("train", "--config", file, "--cell", "gru", "--out", out, "--quiet");
    expect(r.code).toBe(0);
    expect((new RunDirectory(out).readConfig() as { cell: string }).cell).toBe("gru");
    writeFileSync(file, JSON.stringify({ cells: "gru" }));
    const bad = await run("train", "--config", file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `vanish: config.cells in ${file} is not a known key; valid keys: task, cell, layers, hiddenSize, embeddingSize, recurrentInit, forgetBias, optimizer, clip, nonFinite, bptt, steps, batchSize, logEvery, evalEvery, evalBatches, dtype, seed, instrumentEvery\n`,
    );
  });

  it.each([
    [["--steps", "0"], "vanish: --steps (config.steps) must be an integer >= 1, got 0\n"],
    [["--lr", "fast"], "error: option '--lr <rate>' argument 'fast' is invalid. --lr takes a number, got \"fast\".\n"],
    [["--cell", "rnn"], "error: option '--cell <cell>' argument 'rnn' is invalid. Allowed choices are rnn_tanh, rnn_relu, lstm, gru.\n"],
    [["--task", "adding", "--knob", "lenght=3"], 'vanish: --knob (config.task.knobs.lenght) is not a known key for task "adding"; valid keys: length, variant\n'],
    [["--optimizer", "sgd", "--opt", "betas=[0.9,0.99]"], 'vanish: --opt (config.optimizer.betas) is not a known key for optimizer "sgd"; valid keys: name, lr, momentum, dampening, nesterov, weightDecay\n'],
    [["--k1", "5", "--k2", "2"], "vanish: --k2 (config.bptt.k2) must be an integer >= 5, got 2\n"],
    [["--init", "gaussian"], 'vanish: --init (config.recurrentInit.kind) must be one of "uniform", "scaledNormal", "orthogonal", "identity", got "gaussian"\n'],
    [["--colour"], "error: unknown option '--colour'\n"],
  ])("exits 2 for %j, naming the flag and the valid values", async (args, message) => {
    const r = await run("train", ...args);
    expect(r.stderr).toBe(message);
    expect(r.code).toBe(2);
  });

  it("exits 2 with the clip spec's valid forms for a bad --clip", async () => {
    const r = await run("train", "--clip", "norm");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vanish: --clip \(config\.clip\) is invalid: parseClipSpec: "norm": norm needs a value: norm:MAX\[:type=2\|1\|inf\]\nvalid forms:\n/);
  });

  it("exits 1 naming the step when the loss diverges under --non-finite error, and 0 with clipping", async () => {
    const explode = ["--task", "adding", "--preset", "easy", "--cell", "rnn_relu", "--hidden-size", "8", "--batch-size", "8", "--steps", "50", "--log-every", "5", "--init", "scaledNormal:3", "--optimizer", "sgd", "--lr", "1", "--eval-batches", "1"];
    const out = fresh();
    const r = await run("train", ...explode, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `vanish: the gradient norm is NaN at step 4; the --non-finite error policy stops here (clip the gradients, e.g. --clip norm:1, lower the learning rate, or use --non-finite skip to skip such updates)\n  metrics and summary: ${out}\n`,
    );
    expect(new RunDirectory(out).readSummary()).toMatchObject({ status: "failed", failure: { step: 4 } });
    const clipped = await run("train", ...explode, "--clip", "norm:1", "--out", fresh(), "--json");
    expect(clipped.code).toBe(0);
    expect(JSON.parse(clipped.stdout)).toMatchObject({ status: "completed", steps: 50, nonFiniteSteps: 0 });
  });

  it("refuses an existing run directory without --resume, and --resume --out alone continues the stored run", async () => {
    const out = fresh();
    expect((await run("train", ...TINY, "--out", out, "--quiet")).code).toBe(0);
    const again = await run("train", ...TINY, "--out", out);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`vanish: ${out} already holds a run; pass --resume to continue it, or choose another directory\n`);
    const resumed = await run("train", "--resume", "--out", out, "--json");
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toEqual(new RunDirectory(out).readSummary());
    const other = await run("train", "--resume", "--out", out, "--seed", "5");
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(new RegExp(`^vanish: ${out} holds run [0-9a-f]{16}, not [0-9a-f]{16} \\(a different config\\); choose another directory\\n$`));
  });

  it("uses runs/<config hash> by default", async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const r = await run("train", ...TINY, "--seed", "9", "--json");
      const id = JSON.parse(r.stdout).id as string;
      expect(JSON.parse(readFileSync(join(root, "runs", id, "summary.json"), "utf8")).id).toBe(id);
    } finally {
      process.chdir(cwd);
    }
  });

  it("documents every flag and gives examples in --help", async () => {
    const r = await run("train", "--help");
    expect(r.code).toBe(0);
    for (const flag of ["--config", "--task", "--preset", "--knob", "--cell", "--layers", "--hidden-size", "--embedding-size", "--init", "--forget-bias", "--optimizer", "--lr", "--opt", "--clip", "--non-finite", "--bptt", "--k1", "--k2", "--no-stateful", "--steps", "--batch-size", "--log-every", "--eval-every", "--eval-batches", "--dtype", "--seed", "--instrument-every", "--out", "--resume", "--checkpoint-every", "--json", "--quiet"]) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain("Examples:\n  $ vanish train --task adding --preset easy --cell lstm --steps 300");
  });
});
