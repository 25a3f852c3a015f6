// End to end: a quick `vanish demo` in a temporary folder, on two worker threads, then its files checked against the
// run directories it wrote (the report must say what the runs measured).
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { configHash } from "../engine/configHash";
import { demoPlan } from "../experiments/demoPlan";
import { demoShortcuts } from "../experiments/demoShortcuts";
import { shortcutSentence } from "../report/demoReport";
import { bucketTable } from "../report/bucketTable";
import { gapSentence, measureGap } from "../report/gapSentence";
import { readRun } from "../report/readRun";
import { sentenceSaliency, sentenceText } from "../report/sentenceFigure";
import { loadExplainModel } from "../engine/explain";
import { agreementTestSets } from "@vanish/datasets";
import { escaped, run } from "../../test/harness";



/** Checks a PNG's structure: signature, IHDR first, IEND last, and IDAT that inflates to exactly height rows. */
function checkPng(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    chunks.push({ type: bytes.toString("latin1", at + 4, at + 8), data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  expect(chunks[0]!.type).toBe("IHDR");
  expect(chunks.at(-1)!.type).toBe("IEND");
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const channels = { 2: 3, 6: 4 }[ihdr[9]!]!;
  expect(ihdr[8]).toBe(8);
  const pixels = inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)));
  expect(pixels.length).toBe(height * (1 + width * channels));
  return { width, height };
}

let out = "";
let result: { code: number; stdout: string; stderr: string };
let html = "";

beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), "vanish-demo-e2e-")), "report");
  result = await run("demo", "--size", "quick", "--out", out, "--workers", "2");
  html = existsSync(join(out, "index.html")) ? readFileSync(join(out, "index.html"), "utf8") : "";
}, 180_000);

const FIGURES = ["gradient-norms", "sentence-gradients", "accuracy-distance", "accuracy-attractors", "control-distance", "agreement-training", "adding", "exploding", "clipping-strategies", "cliff"];

describe("vanish demo --size quick", () => {
  it("prints the report's path on stdout and the progress of every run on stderr", () => {
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${join(out, "index.html")}\n`);
    const jobs = demoPlan("quick").jobs;
    for (const job of jobs) expect(result.stderr).toContain(job.key);
    expect(result.stderr).toContain(`[${jobs.length}/${jobs.length}]`);
  });

  it("writes one self-contained HTML file with every chart", () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (let i = 0; i < FIGURES.length; i++) expect(html).toContain(`id="vanish-chart-${i}"`);
    expect(html).not.toContain(`id="vanish-chart-${FIGURES.length}"`);
    // No external resources: the vega runtime is inlined.
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain("1. Vanishing: ‖∂L/∂h‖ back from the read-out");
    expect(html).toContain("10. The cliff (Pascanu, Mikolov &amp; Bengio 2013, Fig. 6)");
  });

  it("writes a valid PNG of each chart", () => {
    for (const name of FIGURES) {
      const { width, height } = checkPng(join(out, `${name}.png`));
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(200);
    }
  });

  it.each(["agreement", "control"] as const)("states the gap measured by the %s runs it wrote", (group) => {
    const plan = demoPlan("quick");
    const models = plan.jobs
      .filter((j) => j.group === group)
      .map((j) => {
        const r = readRun(join(out, "runs", configHash(j.config)));
        return { label: { rnn_tanh: "RNN", lstm: "LSTM", gru: "GRU" }[j.cell as "rnn_tanh"], runs: [{ summary: r.summary!, metrics: r.metrics }] };
      });
    for (const by of group === "agreement" ? (["distance", "attractors"] as const) : (["distance"] as const)) {
      const sentence = gapSentence(measureGap(bucketTable(models, by).models, { by }), { by });
      expect(sentence).toMatch(/RNN is at \d+\.\d%/);
      expect(html).toContain(escaped(sentence));
    }
  });

  it("states how much of the verb's gradient reaches the subject of its longest test sentence, from the checkpoints it wrote", () => {
    const plan = demoPlan("quick");
    const at = (cell: string) => {
      const job = plan.jobs.find((j) => j.key === `agreement/${cell}/0`)!;
      return loadExplainModel(join(out, "runs", configHash(job.config)));
    };
    const task = plan.jobs[0]!.config.task as { knobs: object; preset: string };
    const { config } = plan.jobs.find((j) => j.key === "agreement/lstm/0")!;
    const bucket = agreementTestSets(0, { ...task.knobs, preset: task.preset } as never, { perBucket: config.evalBatches * config.batchSize }).byDistance.at(-1)!;
    const example = bucket.examples.find((e) => e.meta.number === 1) ?? bucket.examples[0]!;
    const sentence = sentenceText(sentenceSaliency(at("rnn_tanh"), example, "RNN", "rnn_tanh"), sentenceSaliency(at("lstm"), example, "LSTM", "lstm"));
    expect(sentence).toMatch(/^\d+ words back, the RNN's gradient at "\w+" is /);
    expect(html).toContain(escaped(sentence));
  });

  it("states the step at which the unclipped run became non-finite, read from its summary", () => {
    const job = demoPlan("quick").jobs.find((j) => j.key === "exploding/none/0")!;
    const summary = readRun(join(out, "runs", configHash(job.config))).summary!;
    expect(summary.status).toBe("failed");
    expect(html).toContain(`Without clipping, the loss became non-finite at step ${summary.failure!.step}`);
    expect(html).toMatch(/With global norm ≤ 1 \(norm:1\), the same run/);
  });

  it("writes demo.json beside the report, holding exactly what the run directories measured", () => {
    const json = JSON.parse(readFileSync(join(out, "demo.json"), "utf8"));
    const plan = demoPlan("quick");
    expect(json.size).toBe("quick");
    expect(json.seeds).toEqual(plan.seeds);
    const summaryOf = (key: string) => readRun(join(out, "runs", configHash(plan.jobs.find((j) => j.key === key)!.config))).summary!;
    for (const group of ["agreement", "control"] as const) {
      expect(json[group].map((r: { cell: string; seed: number }) => `${group}/${r.cell}/${r.seed}`)).toEqual(plan.jobs.filter((j) => j.group === group).map((j) => j.key));
      for (const r of json[group]) {
        const e = summaryOf(`${group}/${r.cell}/${r.seed}`).evaluation!;
        const byDistance = [...e.byDistance!].sort((a, b) => a.distance[0] - b.distance[0]);
        expect(r.byDistance).toEqual(byDistance.map((b) => ({ distance: b.distance, accuracy: b.accuracy, count: b.count })));
        expect(r.byAttractors).toEqual(e.byAttractors!.map((b) => ({ attractors: b.attractors, accuracy: b.accuracy, count: b.count })));
        // Log-spaced buckets, sorted by distance: 1, 2, 3–4, 5–8, …
        expect(r.byDistance.slice(0, 3).map((b: { distance: number[] }) => b.distance)).toEqual([[1, 1], [2, 2], [3, 4]]);
      }
    }
    for (const r of json.adding) {
      const s = summaryOf(`adding/${r.cell}/${r.seed}`);
      expect(r).toEqual({ cell: r.cell, seed: r.seed, length: 10, mse: s.evaluation!.loss, baseline: s.evaluation!.baseline.value });
    }
    expect(json.exploding.map((r: { clip: string }) => r.clip)).toEqual(plan.jobs.filter((j) => j.group === "exploding").map((j) => j.clip));
    for (const r of json.exploding) {
      const s = summaryOf(`exploding/${r.clip}/${r.seed}`);
      expect(r).toEqual({ clip: r.clip, seed: r.seed, status: s.status, failureStep: s.failure?.step ?? null, mse: s.evaluation?.loss ?? null });
    }
    expect(json.shortcuts.map((s: { name: string }) => s.name)).toEqual(["firstWord", "lastNoun", "nounMajority", "nounCounts", "position", "bigramBeforeVerb", "majorityLabel"]);
    // The audit is a pure function of the first agreement run's task, seed and test-set size: recomputed, it agrees.
    const audited = demoShortcuts(plan.jobs.find((j) => j.group === "agreement")!.config);
    expect(json.shortcuts).toEqual(audited.map((s) => ({ name: s.name, accuracy: s.accuracy })));
    expect(audited.every((s) => s.count > 0 && s.accuracy >= 0 && s.accuracy <= 1)).toBe(true);
    // The report states the same audit in words.
    expect(shortcutSentence(audited)).toMatch(/^No memory-free shortcut does better than \d+\.\d% on the \d+ test sentences/);
    expect(html).toContain(escaped(shortcutSentence(audited)));
    // Reach: the first bucket whose accuracy (one seed here) is below 75%, or null.
    for (const cell of ["rnn_tanh", "lstm", "gru"]) {
      const buckets = json.agreement.find((r: { cell: string }) => r.cell === cell).byDistance;
      const below = buckets.find((b: { accuracy: number | null }) => !(b.accuracy !== null && b.accuracy >= 0.75));
      expect(json.reach[cell]).toBe(below === undefined ? null : below.distance[0]);
    }
  });

  it("reuses the finished runs when run again, and prints JSON with --json", async () => {
    const again = await run("demo", "--size", "quick", "--out", out, "--workers", "0", "--json");
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("");
    const json = JSON.parse(again.stdout);
    expect(json.html).toBe(join(out, "index.html"));
    expect(json.pngs.map((p: string) => p.slice(out.length + 1))).toEqual(FIGURES.map((f) => `${f}.png`));
    expect(json.findings).toHaveLength(4);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("finished by an earlier invocation");
  });

  it("rejects bad flags with exit code 2 and names the flag", async () => {
    const size = await run("demo", "--size", "huge");
    expect(size.code).toBe(2);
    expect(size.stderr).toContain("error: option '--size <size>' argument 'huge' is invalid. Allowed choices are quick, default, full.");
    const workers = await run("demo", "--workers", "-1", "--out", out);
    expect(workers).toMatchObject({ code: 2, stderr: 'vanish: --workers must be an integer >= 0, got "-1"\n' });
    const both = await run("demo", "--full", "--size", "quick", "--out", out);
    expect(both).toMatchObject({ code: 2, stderr: "vanish: --full conflicts with --size quick; use one of them\n" });
  });
});
