import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type LabConfig } from "../config/labConfig";
import { TOUR_STEPS, tourConfig } from "../tour/tourSteps";
import { decisionSaliency } from "@vanish/rnn";
import type { Trainer } from "../training/trainer";
import { LabController } from "./LabController";
import type { Response } from "./protocol";

const small: LabConfig = { ...DEFAULT_CONFIG, preset: "easy", distance: 5, cell: "rnn_tanh", hiddenSize: 8, batchSize: 4 };

/** A controller with a manual task queue and a clock that advances 10 ms per reading. */
function harness(options: { sliceMs?: number; instrumentEvery?: number; evaluateEvery?: number } = {}) {
  const sent: Response[] = [];
  const queue: (() => void)[] = [];
  let time = 0;
  const c = new LabController({
    post: (m) => sent.push(m),
    schedule: (task) => queue.push(task),
    now: () => (time += 10),
    sliceMs: options.sliceMs ?? 30,
    instrumentEvery: options.instrumentEvery ?? 2,
    evaluateEvery: options.evaluateEvery ?? 50,
  });
  const runTasks = (n: number) => {
    for (let i = 0; i < n && queue.length > 0; i++) queue.shift()!();
  };
  const take = () => sent.splice(0, sent.length);
  const of = <T extends Response["type"]>(ms: Response[], type: T) => ms.filter((m): m is Extract<Response, { type: T }> => m.type === type);
  return { c, queue, runTasks, take, of };
}

describe("LabController: the live model reads the sentence view's sentence", () => {
  it("answers explain with the live model's reading: the words before the verb, its two classes, ‖∂s/∂e‖ per word", () => {
    const { c, take, of } = harness();
    c.handle({ type: "explain", text: "the cats were hungry" });
    expect(of(take(), "sentence")).toEqual([{ type: "sentence", step: 0, text: "the cats were hungry", reading: null, message: "No run yet: the live model appears once the settings are valid." }]);
    c.handle({ type: "config", config: small });
    c.handle({ type: "step", count: 3 });
    take();
    c.handle({ type: "explain", text: "The cats near the dog were hungry." });
    const [answer] = of(take(), "sentence");
    expect(answer).toMatchObject({ step: 3, message: "", reading: { label: "Live RNN (tanh), step 3", verb: 5, subject: 1, correct: "were", wrong: "was" } });
    const reading = answer!.reading!;
    expect(reading.saliency).toHaveLength(5);
    // The same numbers from @vanish/rnn on the trainer's model: no <bos>, "were" is plural (class 1).
    const trainer = (c as unknown as { trainer: Trainer }).trainer;
    const v = trainer.source.words!.vocabulary;
    const d = decisionSaliency(trainer.model, ["the", "cats", "near", "the", "dog"].map((w) => v.id(w)), { verbStep: 4, correct: 1, wrong: 0 });
    expect(reading.saliency).toEqual(Array.from(d.saliency));
    expect(reading.pCorrect).toBeCloseTo(d.pCorrect, 6);
    c.handle({ type: "explain", text: "the cats in the zzz were full" });
    expect(of(take(), "sentence")[0]!.message).toBe("Not in the models' vocabulary: “zzz”. Try one of the examples, or words from the data below.");
    // A language-model run is read as the shipped models are: <bos> first, the two verb forms' logits.
    c.handle({ type: "config", config: { ...small, framing: "lm" } });
    take();
    c.handle({ type: "explain", text: "The cats near the dog were hungry." });
    const lm = of(take(), "sentence")[0]!.reading!;
    const t2 = (c as unknown as { trainer: Trainer }).trainer;
    const v2 = t2.source.words!.vocabulary;
    const d2 = decisionSaliency(t2.model, [v2.bosId, ...["the", "cats", "near", "the", "dog"].map((w) => v2.id(w))], { verbStep: 5, correct: v2.id("were"), wrong: v2.id("was") });
    expect(lm.saliency).toEqual(Array.from(d2.saliency.subarray(1)));
    c.handle({ type: "config", config: { ...small, task: "adding" } });
    take();
    c.handle({ type: "explain", text: "the cats were hungry" });
    expect(of(take(), "sentence")[0]!.message).toBe("The live model is learning the adding problem; choose the agreement task to read sentences with it.");
  });
});

describe("LabController", () => {
  it("starts unconfigured and refuses to train until it has settings", () => {
    const { c, take } = harness();
    expect(c.runState).toBe("unconfigured");
    for (const type of ["start", "step", "reset"]) c.handle({ type });
    expect(take()).toEqual([
      { type: "error", request: "start", message: "start: there is no run yet; send the settings (a config message) first" },
      { type: "error", request: "step", message: "step: there is no run yet; send the settings (a config message) first" },
      { type: "error", request: "reset", message: "reset: there is no run yet; send the settings (a config message) first" },
    ]);
  });

  it("builds a run from a config: progress 'ready' at step 0, then the examples with predictions", () => {
    const { c, take, of } = harness();
    c.handle({ type: "config", config: small });
    const sent = take();
    expect(sent.map((m) => m.type)).toEqual(["progress", "samples"]);
    expect(sent[0]).toEqual({ type: "progress", state: "ready", step: 0, stepsPerSecond: 0 });
    const [samples] = of(sent, "samples");
    expect(samples.samples).toHaveLength(4);
    expect(samples.predictions).toHaveLength(4);
    expect(samples.task).toBe("agreement");
  });

  it("lm framing: evaluates the held-out buckets at step 0 and every k-th step, in the metrics", () => {
    const { c, take, of } = harness({ evaluateEvery: 3 });
    c.handle({ type: "config", config: { ...small, framing: "lm", distance: 8 } });
    const built = take();
    expect(built.map((m) => m.type)).toEqual(["progress", "samples", "metrics"]);
    const [zero] = of(built, "metrics");
    expect(zero.records).toEqual([]);
    expect(zero.evaluations.map((e) => [e.step, e.buckets.length])).toEqual([[0, 4]]);
    c.handle({ type: "step", count: 7 });
    const [m] = of(take(), "metrics");
    expect(m.records).toHaveLength(7);
    expect(m.evaluations.map((e) => e.step)).toEqual([3, 6]);
    // the number framing has none
    c.handle({ type: "config", config: small });
    c.handle({ type: "step", count: 3 });
    expect(of(take(), "metrics").map((x) => x.evaluations)).toEqual([[]]);
  });

  it("refuses a bad config visibly and keeps the run it has", () => {
    const { c, take } = harness();
    c.handle({ type: "config", config: small });
    take();
    c.handle({ type: "config", config: { ...small, hiddenSize: 0 } });
    expect(take()).toEqual([
      {
        type: "error",
        request: "config",
        message: "the settings were refused: hidden size must be an integer from 1 to 256, got 0",
        errors: [{ field: "hiddenSize", message: "hidden size must be an integer from 1 to 256, got 0" }],
      },
    ]);
    expect(c.runState).toBe("ready");
    c.handle({ type: "step", count: 1 });
    expect(c.step).toBe(1);
  });

  it("steps on request: metrics with every record, instruments on every k-th step, then paused", () => {
    const { c, take, of } = harness({ instrumentEvery: 2 });
    c.handle({ type: "config", config: small });
    take();
    c.handle({ type: "step", count: 3 });
    const sent = take();
    expect(sent.map((m) => m.type)).toEqual(["metrics", "samples", "progress"]);
    const [metrics] = of(sent, "metrics");
    expect(metrics.records.map((r) => r.step)).toEqual([1, 2, 3]);
    expect(metrics.instruments.map((i) => i.step)).toEqual([1, 3]);
    expect(of(sent, "progress")[0]).toMatchObject({ state: "paused", step: 3 });
  });

  it("trains in slices while running, yielding between them, and stops at pause", () => {
    const { c, queue, runTasks, take, of } = harness({ sliceMs: 30 });
    c.handle({ type: "config", config: small });
    take();
    c.handle({ type: "start" });
    expect(c.runState).toBe("running");
    // the first slice ran at once: the clock advances 10 ms per reading, so a 30 ms slice is 3 steps
    let sent = take();
    expect(of(sent, "progress").map((p) => p.state)).toEqual(["running", "running"]);
    expect(of(sent, "metrics")[0].records).toHaveLength(3);
    expect(queue).toHaveLength(1);
    runTasks(3);
    expect(c.step).toBe(12);
    c.handle({ type: "step" });
    expect(take().at(-1)).toEqual({ type: "error", request: "step", message: "step: the run is training; pause it first" });
    c.handle({ type: "pause" });
    sent = take();
    expect(sent).toEqual([{ type: "progress", state: "paused", step: 12, stepsPerSecond: 0 }]);
    // the slice already scheduled does nothing after the pause
    runTasks(5);
    expect(c.step).toBe(12);
    expect(take()).toEqual([]);
  });

  it("reset replays the run from the same seed; a new config replaces it", () => {
    const { c, take, of } = harness();
    c.handle({ type: "config", config: small });
    c.handle({ type: "step", count: 2 });
    const first = of(take(), "metrics")[0].records.map((r) => r.loss);
    c.handle({ type: "reset" });
    expect(c.runState).toBe("ready");
    expect(c.step).toBe(0);
    c.handle({ type: "step", count: 2 });
    expect(of(take(), "metrics")[0].records.map((r) => r.loss)).toEqual(first);
    c.handle({ type: "config", config: { ...small, seed: 9 } });
    c.handle({ type: "step", count: 2 });
    expect(of(take(), "metrics")[0].records.map((r) => r.loss)).not.toEqual(first);
  });

  it("halts on a non-finite loss under the 'stop' policy, says why, and refuses to go on until reset", () => {
    const { c, runTasks, take, of } = harness({ sliceMs: 1000 });
    c.handle({ type: "config", config: tourConfig(TOUR_STEPS.find((s) => s.id === "exploding")!) });
    take();
    c.handle({ type: "start" });
    runTasks(10);
    const sent = take();
    expect(c.runState).toBe("halted");
    const [warning] = of(sent, "nonFinite");
    expect(warning.report.action).toBe("stopped");
    expect(of(sent, "progress").at(-1)).toEqual({ type: "progress", state: "halted", step: warning.report.step, stepsPerSecond: 0 });
    c.handle({ type: "start" });
    expect(take()).toEqual([
      {
        type: "error",
        request: "start",
        message: `start: the run stopped at step ${warning.report.step} (non-finite ${warning.report.where}); reset it or change the settings`,
      },
    ]);
    c.handle({ type: "reset" });
    expect(c.runState).toBe("ready");
  });

  it("answers a malformed message with an error and changes nothing", () => {
    const { c, take } = harness();
    c.handle({ type: "config", config: small });
    take();
    c.handle({ type: "step", count: -1 });
    c.handle(42);
    expect(take()).toEqual([
      { type: "error", request: "step", message: "step: count must be an integer from 1 to 1000, got -1" },
      { type: "error", request: "unknown", message: "a message must be an object { type, … }, got 42" },
    ]);
    expect(c.runState).toBe("ready");
  });
});
