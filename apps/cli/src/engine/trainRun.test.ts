import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lossAndGrad } from "@vanish/rnn";
import { beforeAll, describe, expect, it } from "vitest";
import { RunDirectory } from "../runs/runDirectory";
import { resolveRunConfig, type PartialRunConfig } from "./config";
import { configHash } from "./configHash";
import { NonFiniteError, RunAbortedError } from "./errors";
import type { MetricsRecord } from "./metrics";
import { createTaskData } from "./taskData";
import { createRunModel, trainRun } from "./trainRun";

let root = "";
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "vanish-train-"));
});
let n = 0;
const fresh = (): string => join(root, `run${++n}`);

const tiny = (over: PartialRunConfig = {}): PartialRunConfig => ({
  task: { name: "adding", preset: "easy" },
  cell: "gru",
  hiddenSize: 6,
  steps: 24,
  batchSize: 4,
  logEvery: 4,
  evalBatches: 1,
  ...over,
});

const exploding: PartialRunConfig = tiny({
  cell: "rnn_relu",
  hiddenSize: 8,
  batchSize: 8,
  steps: 50,
  logEvery: 5,
  recurrentInit: { kind: "scaledNormal", scale: 3 },
  optimizer: { name: "sgd", lr: 1 },
});

describe("trainRun", () => {
  it("writes config.json, one metrics line per interval, a checkpoint and summary.json", async () => {
    const dir = fresh();
    const logged: MetricsRecord[] = [];
    const summary = await trainRun(tiny({ evalEvery: 12 }), { runDir: dir, onLog: (r) => logged.push(r), checkpointEvery: 8 });
    const run = new RunDirectory(dir);
    expect(run.readConfig()).toEqual(resolveRunConfig(tiny({ evalEvery: 12 })));
    const metrics = run.readMetrics();
    expect(metrics).toEqual(JSON.parse(JSON.stringify(logged)));
    expect(metrics.map((r) => r.step)).toEqual([4, 8, 12, 16, 20, 24]);
    expect(metrics.every((r) => r.interval === 4 && r.loss! > 0 && r.gradNormBefore! > 0 && r.gradNormAfter === r.gradNormBefore)).toBe(true);
    expect(metrics.filter((r) => r.eval).map((r) => r.step)).toEqual([12, 24]);
    expect(run.readCheckpoint()!.step).toBe(24);
    expect(run.readSummary()).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(summary).toMatchObject({ id: configHash(resolveRunConfig(tiny({ evalEvery: 12 }))), status: "completed", steps: 24, finalLoss: metrics[5].loss, failure: null, resumedFrom: 0 });
    expect(summary.evaluation!.baseline).toEqual({ metric: "mse", value: 1 / 6, predictor: "constant 1" });
    expect(summary.evaluation!.accuracy).toBeNull();
  });

  it("reports the final evaluation equal to the trained model's loss on the evaluation set", async () => {
    const config = resolveRunConfig(tiny({ steps: 8, cell: "lstm", task: { name: "temporalOrder", preset: "easy" } }));
    const summary = await trainRun(config);
    const data = createTaskData(config);
    const untrained = createRunModel(config, data);
    const r = lossAndGrad(untrained, data.evalSet.batches[0], { grad: false });
    // Eight Adam steps change the loss; the evaluation is a forward pass of the same set (one batch here).
    expect(summary.evaluation!.loss).not.toBe(r.loss);
    expect(summary.evaluation!.count).toBe(4);
    expect(summary.evaluation!.accuracy).toBeGreaterThanOrEqual(0);
    expect(summary.evaluation!.baseline).toEqual({ metric: "error", value: 0.75, predictor: "chance" });
  });

  it("is a pure function of the config: two runs give identical metrics", async () => {
    const a: MetricsRecord[] = [];
    const b: MetricsRecord[] = [];
    await trainRun(tiny({ seed: 3 }), { onLog: (r) => a.push(r) });
    await trainRun(tiny({ seed: 3 }), { onLog: (r) => b.push(r) });
    expect(a).toEqual(b);
    const c: MetricsRecord[] = [];
    await trainRun(tiny({ seed: 4 }), { onLog: (r) => c.push(r) });
    expect(c[0].loss).not.toBe(a[0].loss);
  });

  it.each([
    ["adding / gru / adam", tiny({ clip: "norm:0.5" })],
    ["agreement / lstm / sgd, truncated BPTT", tiny({ task: { name: "agreement", preset: "easy" }, cell: "lstm", optimizer: { name: "sgd", lr: 0.5, momentum: 0.9 }, bptt: { mode: "truncated", k1: 3, k2: 5 }, instrumentEvery: 4 })],
    ["copy / rnn_tanh / zclip, float64", tiny({ task: { name: "copy", preset: "easy" }, cell: "rnn_tanh", clip: "zclip:warmup=3", dtype: "float64", instrumentEvery: 6 })],
    ["agreement lm / gru / adam", tiny({ task: { name: "agreement", preset: "easy", knobs: { framing: "lm" } }, instrumentEvery: 6 })],
    ["agreement lm / lstm / norm clip, truncated BPTT", tiny({ task: { name: "agreement", preset: "easy", knobs: { framing: "lm" } }, cell: "lstm", clip: "norm:1", bptt: { mode: "truncated", k1: 4, k2: 6 } })],
  ])("resumes bit-identically after an interruption (%s)", async (_, config) => {
    const whole = fresh();
    await trainRun(config, { runDir: whole, checkpointEvery: 6 });
    const cut = fresh();
    const controller = new AbortController();
    await expect(trainRun(config, { runDir: cut, checkpointEvery: 6, signal: controller.signal, onLog: (r) => r.step === 12 && controller.abort() })).rejects.toThrow(RunAbortedError);
    expect(new RunDirectory(cut).readCheckpoint()!.step).toBe(12);
    expect(existsSync(join(cut, "summary.json"))).toBe(false);
    const summary = await trainRun(config, { runDir: cut, resume: true, checkpointEvery: 6 });
    expect(summary.resumedFrom).toBe(12);
    expect(readFileSync(join(cut, "metrics.jsonl"), "utf8")).toBe(readFileSync(join(whole, "metrics.jsonl"), "utf8"));
    expect(readFileSync(join(cut, "checkpoint.json"), "utf8")).toBe(readFileSync(join(whole, "checkpoint.json"), "utf8"));
    const a = new RunDirectory(whole).readSummary()!;
    expect({ ...summary, seconds: 0, resumedFrom: 0 }).toEqual({ ...a, seconds: 0 });
  });

  it("trains agreement's lm framing: the loss per token falls and verb agreement accuracy is measured per sentence", async () => {
    const config = tiny({ task: { name: "agreement", preset: "easy", knobs: { framing: "lm" } }, hiddenSize: 16, batchSize: 8, steps: 40, logEvery: 10, evalBatches: 2, optimizer: { name: "adam", lr: 0.02 } });
    const records: MetricsRecord[] = [];
    const summary = await trainRun(config, { onLog: (r) => records.push(r) });
    const data = createTaskData(resolveRunConfig(config));
    const untrained = createRunModel(resolveRunConfig(config), data);
    const before = data.evalSet.batches.map((b) => lossAndGrad(untrained, b, { grad: false }));
    const beforeLoss = before.reduce((s, r) => s + r.loss * r.weight, 0) / before.reduce((s, r) => s + r.weight, 0);
    // An untrained model is near ln V per token; 40 steps must bring it well below.
    expect(beforeLoss).toBeGreaterThan(0.9 * Math.log(data.vocabSize));
    expect(summary.evaluation!.loss).toBeLessThan(0.75 * beforeLoss);
    expect(records.at(-1)!.loss!).toBeLessThan(0.75 * records[0].loss!);
    // Training accuracy: the mean over 10 steps of (sentences right / 8).
    for (const r of records) expect(Math.round(r.accuracy! * 80)).toBeCloseTo(r.accuracy! * 80, 9);
    expect(summary.evaluation!.count).toBe(16);
    expect(Math.round(summary.evaluation!.accuracy! * 16)).toBeCloseTo(summary.evaluation!.accuracy! * 16, 9);
    expect(summary.evaluation!.byDistance!.map((d) => d.count)).toEqual([16, 16, 16, 16, 16]);
  });

  it("drops the metrics written after the checkpoint it resumes from", async () => {
    const stopAt = async (step: number): Promise<RunDirectory> => {
      const dir = fresh();
      const controller = new AbortController();
      const run = trainRun(tiny(), { runDir: dir, signal: controller.signal, onLog: (r) => r.step === step && controller.abort() });
      await expect(run).rejects.toThrow(`trainRun: stopped at step ${step} by the abort signal; resume to continue`);
      return new RunDirectory(dir);
    };
    const late = await stopAt(16);
    const early = await stopAt(8);
    // As after a crash between checkpoints: metrics up to 16, the last checkpoint at 8.
    late.writeCheckpoint(early.readCheckpoint()!);
    expect(late.readMetrics().map((r) => r.step)).toEqual([4, 8, 12, 16]);
    const summary = await trainRun(tiny(), { runDir: late.path, resume: true });
    expect(summary.resumedFrom).toBe(8);
    const whole = fresh();
    await trainRun(tiny(), { runDir: whole });
    expect(readFileSync(late.file("metrics"), "utf8")).toBe(readFileSync(join(whole, "metrics.jsonl"), "utf8"));
  });

  it("returns the stored summary when resuming a completed run, and refuses to overwrite a run without resume", async () => {
    const dir = fresh();
    const first = await trainRun(tiny({ steps: 4 }), { runDir: dir });
    expect(await trainRun(tiny({ steps: 4 }), { runDir: dir, resume: true })).toEqual(JSON.parse(JSON.stringify(first)));
    await expect(trainRun(tiny({ steps: 4 }), { runDir: dir })).rejects.toThrow(`trainRun: ${dir} already holds a run; pass resume: true to continue it, or choose another directory`);
    const other = configHash(resolveRunConfig(tiny({ steps: 5 })));
    await expect(trainRun(tiny({ steps: 5 }), { runDir: dir, resume: true })).rejects.toThrow(`trainRun: ${dir} holds run ${first.id}, not ${other} (a different config); choose another directory`);
  });

  it("truncated BPTT with k1 = k2 >= T is full BPTT", async () => {
    const full: MetricsRecord[] = [];
    const trunc: MetricsRecord[] = [];
    await trainRun(tiny({ dtype: "float64" }), { onLog: (r) => full.push(r) });
    await trainRun(tiny({ dtype: "float64", bptt: { mode: "truncated", k1: 10, k2: 10 } }), { onLog: (r) => trunc.push(r) });
    expect(trunc).toEqual(full);
  });

  it("records per-step ‖dL/dh_t‖ and the spectral radius at instrumented steps", async () => {
    const logged: MetricsRecord[] = [];
    await trainRun(tiny({ instrumentEvery: 8, task: { name: "adding", preset: "easy", knobs: { length: 7 } } }), { onLog: (r) => logged.push(r) });
    expect(logged.map((r) => r.instrumentedStep ?? null)).toEqual([null, 8, null, 16, null, 24]);
    const r = logged[1];
    expect(r.hiddenGradNorms).toHaveLength(7);
    expect(r.hiddenGradNorms!.every((v) => v > 0)).toBe(true);
    expect(r.spectralRadius).toBeGreaterThan(0);
  });

  it("stops with a NonFiniteError naming the step under the error policy, leaving parseable files and a failed summary", async () => {
    const dir = fresh();
    const error = await trainRun(exploding, { runDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteError);
    const e = error as NonFiniteError;
    expect(e.step).toBe(4);
    expect(e.message).toBe(
      'trainRun: the gradient norm is NaN at step 4; the nonFinite policy "error" stops here (clip the gradients, e.g. clip "norm:1", lower the learning rate, or use nonFinite "skip" to skip such updates)',
    );
    const run = new RunDirectory(dir);
    const metrics = run.readMetrics();
    expect(metrics.at(-1)).toMatchObject({ step: 4, interval: 4, nonFinite: 1, gradNormBefore: null, skipped: 0 });
    expect(run.readSummary()).toMatchObject({ status: "failed", steps: 4, evaluation: null, failure: { step: 4, kind: "nonFinite", message: e.message } });
    expect(e.summary!.failure!.step).toBe(4);
  });

  it("skips and counts non-finite updates under the skip policy; global-norm clipping prevents them", async () => {
    const skipped = await trainRun({ ...exploding, nonFinite: "skip" });
    expect(skipped.status).toBe("completed");
    expect(skipped.nonFiniteSteps).toBeGreaterThan(0);
    expect(skipped.skippedSteps).toBe(skipped.nonFiniteSteps);
    const logged: MetricsRecord[] = [];
    const clipped = await trainRun({ ...exploding, clip: "norm:1" }, { onLog: (r) => logged.push(r) });
    expect(clipped.nonFiniteSteps).toBe(0);
    expect(clipped.clippedSteps).toBeGreaterThan(0);
    expect(clipped.clippedSteps).toBe(logged.reduce((s, r) => s + r.clipped, 0));
    expect(logged.every((r) => r.threshold === 1 && r.gradNormAfter! <= 1 + 1e-6)).toBe(true);
    expect(clipped.evaluation!.loss).toBeLessThan(1);
  });

  it("under the clip policy lets the clip spec's non-finite policy decide: skip and count, or stop naming its error", async () => {
    const skipped = await trainRun({ ...exploding, nonFinite: "clip", clip: "skip" });
    const plainSkip = await trainRun({ ...exploding, nonFinite: "skip" });
    expect(skipped.status).toBe("completed");
    expect(skipped.nonFiniteSteps).toBe(plainSkip.nonFiniteSteps);
    expect(skipped.skippedSteps).toBe(skipped.nonFiniteSteps);
    expect(skipped.evaluation).toEqual(plainSkip.evaluation);

    const dir = fresh();
    const error = await trainRun({ ...exploding, nonFinite: "clip", clip: "applyIfFinite:1" }, { runDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteError);
    const e = error as NonFiniteError;
    expect(e.message).toMatch(
      /^trainRun: the gradient norm is NaN at step \d+; under the nonFinite policy "clip" the clipping spec stops here: ApplyIfFinite\.apply: 2 steps in a row had non-finite gradients, more than maxConsecutiveFailures 1 /,
    );
    expect(new RunDirectory(dir).readSummary()).toMatchObject({ status: "failed", skippedSteps: 1, nonFiniteSteps: 2, failure: { step: e.step, kind: "nonFinite" } });

    expect(() => resolveRunConfig({ nonFinite: "clip", clip: "norm:1" })).toThrow(
      'resolveRunConfig: config.nonFinite "clip" needs a clip spec that starts with a non-finite policy ("error", "skip", "zeroNans", "applyIfFinite"), e.g. "skip>norm:1", got clip "norm:1"',
    );
  });
});
