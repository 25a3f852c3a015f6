import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../test/harness";
import { resolveRunConfig } from "../engine/config";
import { configHash } from "../engine/configHash";
import { RunDirectory } from "../runs/runDirectory";
import { gridEntry } from "./sweep";
import type { SweepRow } from "./sweepRows";

let root = "";
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "vanish-cli-sweep-"));
});

describe("vanish sweep", () => {
  it("sweeps agreement's lm framing and reports verb agreement accuracy per job", async () => {
    const out = join(root, "lm");
    const args = ["sweep", "--task", "agreement", "--preset", "easy", "--knob", "framing=lm", "--hidden-size", "6", "--batch-size", "4", "--steps", "6", "--eval-batches", "1", "--grid", "cell=rnn_tanh,gru", "--workers", "1", "--out", out];
    const rows = JSON.parse((await run(...args, "--json")).stdout) as SweepRow[];
    expect(rows.map((row) => [row.point, row.status, row.languageModel])).toEqual([
      [{ cell: "rnn_tanh" }, "completed", true],
      [{ cell: "gru" }, "completed", true],
    ]);
    const summary = new RunDirectory(join(out, rows[1].id)).readSummary()!;
    expect(rows[1].evalAccuracy).toBe(summary.evaluation!.accuracy);
    const again = await run(...args);
    expect(again.stdout.split("\n")[2]).toBe(`  ${rows[1].id}  skipped  cell="gru"                eval verb agreement accuracy ${(rows[1].evalAccuracy! * 100).toFixed(1)}%`);
  });

  it("runs a sweep file's grid × --seeds on a worker, writes sweep.json, and skips everything on a rerun", async () => {
    const file = join(root, "sweep.json");
    writeFileSync(file, JSON.stringify({ base: { task: { name: "adding", preset: "easy" }, hiddenSize: 6, batchSize: 4, steps: 8, logEvery: 4, evalBatches: 1 }, grid: { cell: ["rnn_tanh", "gru"] }, seeds: [7] }));
    const out = join(root, "runs");
    const args = ["sweep", "--sweep", file, "--optimizer", "sgd", "--lr", "0.1", "--seeds", "0-1", "--workers", "1", "--out", out];
    const r = await run(...args, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as SweepRow[];
    expect(rows.map((row) => [row.point, row.outcome, row.status, row.steps])).toEqual([
      [{ cell: "rnn_tanh", seed: 0 }, "ran", "completed", 8],
      [{ cell: "rnn_tanh", seed: 1 }, "ran", "completed", 8],
      [{ cell: "gru", seed: 0 }, "ran", "completed", 8],
      [{ cell: "gru", seed: 1 }, "ran", "completed", 8],
    ]);
    const config = resolveRunConfig({ task: { name: "adding", preset: "easy" }, hiddenSize: 6, batchSize: 4, steps: 8, logEvery: 4, evalBatches: 1, cell: "gru", seed: 1, optimizer: { name: "sgd", lr: 0.1 } });
    expect(rows[3].id).toBe(configHash(config));
    const summary = new RunDirectory(join(out, rows[3].id)).readSummary()!;
    expect(summary.config).toEqual(config);
    expect(rows[3].evalLoss).toBe(summary.evaluation!.loss);
    expect(JSON.parse(readFileSync(join(out, "sweep.json"), "utf8")).jobs).toEqual(rows);

    const again = await run(...args);
    expect(again.code).toBe(0);
    const lines = again.stdout.split("\n");
    expect(lines[0]).toBe(`sweep: 4 jobs (0 run, 4 already finished) → ${out}`);
    expect(lines[1]).toBe(`  ${rows[0].id}  skipped  cell="rnn_tanh" seed=0    eval loss ${Number(rows[0].evalLoss!.toPrecision(4))}`);
  });

  it("exits 2 naming the grid point and flag of a bad value", async () => {
    const r = await run("sweep", "--task", "adding", "--grid", "cell=gru,rnn", "--out", join(root, "bad"));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vanish: at grid point {"cell":"rnn"}: --cell (config.cell) must be one of "rnn_tanh", "rnn_relu", "lstm", "gru", got "rnn"\n');
    const s = await run("sweep", "--seeds", "3-1");
    expect(s.code).toBe(2);
    expect(s.stderr).toBe("error: option '--seeds <list>' argument '3-1' is invalid. --seeds range 3-1 is empty (use LO-HI with LO <= HI).\n");
  });

  it("reads grid values as JSON where they parse", () => {
    expect(gridEntry("optimizer.lr=0.1,1e-3")).toEqual(["optimizer.lr", [0.1, 0.001]]);
    expect(gridEntry("clip=none,norm:1")).toEqual(["clip", ["none", "norm:1"]]);
    expect(gridEntry("task.knobs.distance=[[4,10],[10,20]]")).toEqual(["task.knobs.distance", [[4, 10], [10, 20]]]);
  });
});
