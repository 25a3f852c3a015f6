import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { configHash } from "../engine/configHash";
import { demoPlan } from "./demoPlan";
import { runDemo, type DemoResults } from "./runDemo";

let dir = "";
let results: DemoResults;
const done: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "vanish-demo-"));
  results = await runDemo(demoPlan("quick"), dir, { workers: 0, onRunDone: (run, n, total) => done.push(`${n}/${total} ${run.job.key}`) });
}, 180_000);

describe("runDemo (quick plan, in this thread)", () => {
  it("trains every job of the plan into runs/<config hash> and returns them in plan order", () => {
    const plan = demoPlan("quick");
    expect(results.runs.map((r) => r.job.key)).toEqual(plan.jobs.map((j) => j.key));
    expect(readdirSync(join(dir, "runs")).sort()).toEqual(plan.jobs.map((j) => configHash(j.config)).sort());
    expect(done).toHaveLength(plan.jobs.length);
    expect(done.at(-1)).toMatch(new RegExp(`^${plan.jobs.length}/${plan.jobs.length} `));
  });

  it("keeps each run's summary and metrics; the unclipped exploding run fails with the step it diverged at", () => {
    for (const run of results.runs) {
      expect(run.metrics.length).toBeGreaterThan(0);
      expect(run.metrics.at(-1)!.step).toBe(run.summary.steps);
    }
    const unclipped = results.runs.find((r) => r.job.key === "exploding/none/0")!;
    expect(unclipped.summary.status).toBe("failed");
    expect(unclipped.summary.failure!.step).toBe(unclipped.summary.steps);
    const clipped = results.runs.find((r) => r.job.key === "exploding/norm:1/0")!;
    expect(clipped.summary.status).toBe("completed");
  });

  it("probes every agreement model before and after training on the same batch", () => {
    expect(results.probes.map((p) => p.job.key)).toEqual(["agreement/rnn_tanh/0", "agreement/lstm/0", "agreement/gru/0"]);
    for (const p of results.probes) {
      expect(p.init.counts).toEqual(p.trained.counts);
      // The probe follows the longest test bucket (33+ words) back from the verb: far back, a float32 gradient of an
      // untrained tanh RNN can underflow to exactly 0, which is a measurement too (drawn as ▼ on the log axis).
      // Steps that no sentence of the batch reaches (counts 0) have no value (NaN).
      expect(p.init.values.every((v, k) => (p.init.counts[k]! > 0 ? Number.isFinite(v) && v >= 0 : Number.isNaN(v)))).toBe(true);
      expect(p.init.values[0]).toBeGreaterThan(0);
      expect(p.init.counts[0]).toBe(8);
      expect(p.init.counts[32]).toBe(8);
      expect(p.trained.values).not.toEqual(p.init.values);
    }
  });

  it("skips finished runs when run again into the same directory", async () => {
    const again = await runDemo(demoPlan("quick"), dir, { workers: 0 });
    expect(again.runs.every((r) => r.outcome === "skipped")).toBe(true);
    expect(again.runs.map((r) => r.summary)).toEqual(results.runs.map((r) => r.summary));
    expect(again.probes.map((p) => p.trained.values)).toEqual(results.probes.map((p) => p.trained.values));
  });
});
