// What each clip spec does in a real run (the points 5–7), and the run-level changes around it: pnpm's
// directory, a sweep directory given to report.
import { existsSync, mkdtempSync, mkdirSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { trainRun } from "../src/engine/trainRun";
import { expandSweeps } from "../src/commands/report";
import { vanish } from "./child";
import { run } from "./harness";

const root = mkdtempSync(join(tmpdir(), "vanish-specs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A relu RNN that explodes at step 4 (197 of 200 steps non-finite without clipping). */
const EXPLODING = ["train", "--task", "adding", "--preset", "easy", "--cell", "rnn_relu", "--init", "scaledNormal:3", "--optimizer", "sgd", "--lr", "1", "--hidden-size", "8", "--batch-size", "8", "--steps", "200", "--json"];

describe("every non-finite policy in a clip spec acts in the run", () => {
  it("skip: every non-finite update is skipped and counted, the run completes", async () => {
    const r = await run(...EXPLODING, "--clip", "skip", "--out", join(root, "skip"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "completed", steps: 200, nonFiniteSteps: 197, skippedSteps: 197 });
  });

  it("error: the first non-finite step fails the run (exit 1), naming the spec and the step", async () => {
    const r = await run(...EXPLODING, "--clip", "error", "--out", join(root, "error"));
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toMatch(/^vanish: the gradient norm is NaN at step 4; under the nonFinite policy "clip" the clipping spec stops here: ErrorOnNonFinite\.apply: the gradients are not finite /);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "failed", steps: 4, nonFiniteSteps: 1, failure: { step: 4, kind: "nonFinite" } });
  });

  it("applyIfFinite:3 skips three non-finite steps in a row and stops at the fourth", async () => {
    const r = await run(...EXPLODING, "--clip", "applyIfFinite:3", "--out", join(root, "aif"));
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toMatch(/^vanish: the gradient norm is NaN at step 7; under the nonFinite policy "clip" the clipping spec stops here: ApplyIfFinite\.apply: 4 steps in a row had non-finite gradients, more than maxConsecutiveFailures 3 /);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "failed", steps: 7, nonFiniteSteps: 4, skippedSteps: 3 });
  });

  it("zeroNans: the NaNs are zeroed and the update taken (no skip), so the run completes", async () => {
    const r = await run(...EXPLODING, "--clip", "zeroNans", "--out", join(root, "zeronans"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "completed", steps: 200, skippedSteps: 0 });
    expect(JSON.parse(r.stdout).nonFiniteSteps).toBeGreaterThan(0);
  });

  it("without a policy in the spec, --non-finite decides (error: stop at step 4)", async () => {
    const r = await run(...EXPLODING, "--out", join(root, "none"));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "failed", steps: 4 });
  });
});

describe("a run whose loss ends 100× above its first is flagged", () => {
  it("diverged: true in the summary and a line in the printed summary; a healthy run is not", async () => {
    const flags = ["train", "--task", "adding", "--preset", "easy", "--cell", "rnn_relu", "--init", "identity:1", "--optimizer", "sgd", "--clip", "norm:1", "--hidden-size", "8", "--batch-size", "8", "--steps", "60", "--eval-batches", "1"];
    const bad = await run(...flags, "--lr", "20", "--out", join(root, "diverged"));
    expect(bad.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(root, "diverged", "summary.json"), "utf8"));
    expect(summary).toMatchObject({ status: "completed", diverged: true });
    expect(summary.finalLoss).toBeGreaterThan(100 * summary.firstLoss);
    expect(bad.stdout).toMatch(/\n {2}diverged: the final training loss [\d.e+]+ is more than 100× the first step's 0\.1823\n/);
    const good = await run(...flags, "--lr", "0.5", "--out", join(root, "healthy"), "--json");
    expect(JSON.parse(good.stdout)).toMatchObject({ status: "completed", diverged: false });
  });
});

describe("ZClip and AutoClip under truncated BPTT keep statistics per window position", () => {
  it("the checkpointed state has one stream per window, and full BPTT keeps the old single-stream state", async () => {
    const base = { task: { name: "copy", preset: "easy" }, cell: "lstm", hiddenSize: 8, batchSize: 4, steps: 30, evalBatches: 1 } as const;
    for (const clip of ["zclip:warmup=5", "autoclip"]) {
      await trainRun({ ...base, clip, bptt: { mode: "truncated", k1: 5, k2: 10 } }, { runDir: join(root, `tbptt-${clip}`) });
      await trainRun({ ...base, clip }, { runDir: join(root, `full-${clip}`) });
      const state = (dir: string) => JSON.parse(readFileSync(join(root, dir, "checkpoint.json"), "utf8")).clipping.clip;
      // copy easy: 3 symbols + 5 delay + 3 recalls = 11 steps → windows ending at 5, 10, 11 under k1 = 5.
      expect(state(`tbptt-${clip}`).streams).toHaveLength(2);
      expect(state(`full-${clip}`).streams).toBeUndefined();
    }
  }, 60_000);
});

describe("pnpm vanish runs where the user typed it", () => {
  it("resolves --out against INIT_CWD when started by the package script", async () => {
    const here = join(root, "typed-here");
    mkdirSync(here);
    const r = await vanish(["train", "--task", "adding", "--preset", "easy", "--hidden-size", "4", "--batch-size", "2", "--steps", "2", "--eval-batches", "1", "--out", "rel", "--quiet"], {
      env: { npm_lifecycle_event: "vanish", INIT_CWD: here },
    }).done;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(join(here, "rel", "summary.json"))).toBe(true);
  });
});

describe("report takes a sweep directory", () => {
  it("expands a sweep directory (or its sweep.json) into its runs, once each", async () => {
    const out = join(root, "sweep");
    const r = await run("sweep", "--task", "adding", "--preset", "easy", "--hidden-size", "4", "--batch-size", "2", "--steps", "2", "--eval-batches", "1", "--seeds", "0,1", "--workers", "1", "--out", out, "--quiet");
    expect(r.code).toBe(0);
    const runs = expandSweeps([out]);
    expect(runs).toHaveLength(2);
    expect(expandSweeps([join(out, "sweep.json"), ...runs])).toEqual(runs);
    const report = await run("report", out, "--out", join(root, "sweep-report"), "--json");
    expect(report.stderr).toBe("");
    expect(report.code).toBe(0);
  }, 60_000);
});
