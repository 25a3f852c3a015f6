import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Tensor } from "@vanish/core";
import { AgreementGenerator, fromCSV, fromJSONL, generateAgreement, summarizeAgreement } from "@vanish/datasets";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveRunConfig } from "../engine/config";
import { createTaskData } from "../engine/taskData";
import { run } from "../../test/harness";

let root = "";
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "vanish-cli-data-"));
});

describe("vanish data", () => {
  it("exports agreement examples as JSONL that @vanish/datasets reads back, with their statistics as JSON", async () => {
    const out = join(root, "agreement.jsonl");
    const r = await run("data", "--task", "agreement", "--preset", "easy", "--knob", "distance=[2,9]", "--count", "40", "--seed", "3", "--out", out, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const config = { preset: "easy" as const, distance: [2, 9] as [number, number] };
    const vocabulary = new AgreementGenerator(config).vocabulary;
    const back = fromJSONL(readFileSync(out, "utf8"), vocabulary);
    const expected = generateAgreement(3, config, 40);
    expect(back.map((e) => Array.from(e.sentence))).toEqual(expected.map((e) => Array.from(e.sentence)));
    const stats = JSON.parse(r.stdout);
    expect(stats).toMatchObject({ task: "agreement", preset: "easy", split: "train", vocabularySize: vocabulary.size, count: 40 });
    expect(stats.distance).toEqual(JSON.parse(JSON.stringify(summarizeAgreement(expected).distance)));
    expect(stats.distance.min).toBeGreaterThanOrEqual(2);
    expect(stats.distance.max).toBeLessThanOrEqual(9);
  });

  it("exports CSV of the test split and prints a Markdown summary", async () => {
    const out = join(root, "test.csv");
    const r = await run("data", "--task", "agreement", "--preset", "easy", "--split", "test", "--count", "10", "--format", "csv", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^agreement \(easy, test split, vocabulary \d+\): 10 examples, \d+% plural targets, 0 held-out subjects\n\n\| field \| min \| mean \| max \|/);
    const vocabulary = new AgreementGenerator("easy").vocabulary;
    expect(fromCSV(readFileSync(out, "utf8"), vocabulary).map((e) => Array.from(e.sentence))).toEqual(generateAgreement(0, "easy", 10, { split: "test" }).map((e) => Array.from(e.sentence)));
  });

  it("writes a sequence task to stdout (statistics on stderr); the sample is a run's first training batch", async () => {
    const r = await run("data", "--task", "adding", "--knob", "length=6", "--count", "4", "--seed", "2");
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { length: number; inputs: number[][]; target: number });
    expect(rows).toHaveLength(4);
    const data = createTaskData(resolveRunConfig({ task: { name: "adding", knobs: { length: 6 } }, batchSize: 4, seed: 2 }));
    const first = data.next(data.trainRng);
    const x = first.x!.toArray() as number[][][];
    rows.forEach((row, b) => {
      expect(row.length).toBe(6);
      expect(row.inputs).toEqual(x.map((step) => step[b]));
      expect(row.target).toBe((first.targets as Tensor).data[b]);
      // The target is the sum of the two marked values.
      expect(row.target).toBeCloseTo(row.inputs.filter((s) => s[1] === 1).reduce((s, v) => s + v[0], 0), 6);
    });
    expect(r.stderr).toMatch(/^adding \(default: length 6, variant modern\): 4 examples, length 6–6 \(mean 6\), 2 features, target mean [\d.]+ ± [\d.]+; baseline mse 0\.1667 \(constant 1\)\n$/);
  });

  it("writes long-form CSV for sequence tasks and counts classes", async () => {
    const out = join(root, "to.csv");
    const r = await run("data", "--task", "temporalOrder", "--preset", "easy", "--knob", "jitter=0", "--count", "3", "--format", "csv", "--out", out, "--json");
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("example,t,x0,x1,x2,x3,x4,x5,x6,x7,target");
    expect(lines).toHaveLength(1 + 3 * 20);
    const stats = JSON.parse(r.stdout);
    expect(stats.targets.counts.reduce((s: number, v: number) => s + v, 0)).toBe(3);
    expect(stats.length).toEqual({ min: 20, mean: 20, max: 20 });
    const lastRows = lines.filter((l) => l.split(",")[1] === "19").map((l) => Number(l.split(",").at(-1)));
    expect(lastRows.every((c) => c >= 0 && c < 4)).toBe(true);
  });

  it("exits 2 naming the flag for a bad knob or value", async () => {
    const r = await run("data", "--task", "copy", "--knob", "delay=0");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("vanish: --knob (config.task.knobs.delay) must be an integer >= 1, got 0\n");
    const c = await run("data", "--task", "copy", "--count", "many");
    expect(c.code).toBe(2);
    expect(c.stderr).toBe("error: option '--count <n>' argument 'many' is invalid. --count takes an integer >= 0, got \"many\".\n");
    const t = await run("data");
    expect(t.code).toBe(2);
    expect(t.stderr).toBe("error: required option '--task <name>' not specified\n");
  });
});
