import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MetricsRecord } from "../engine/metrics";
import { parseMetrics, RunDirectory } from "./runDirectory";

const record = (step: number): MetricsRecord => ({ step, interval: 1, loss: 1 / step, accuracy: null, gradNormBefore: 2, gradNormAfter: 2, threshold: null, clipped: 0, nonFinite: 0, skipped: 0 });

describe("RunDirectory", () => {
  it("appends whole metrics lines and truncates them to a checkpoint's step atomically", () => {
    const dir = new RunDirectory(mkdtempSync(join(tmpdir(), "vanish-dir-")));
    for (const step of [1, 2, 3, 4]) dir.appendMetrics(record(step));
    expect(dir.readMetrics()).toEqual([1, 2, 3, 4].map(record));
    dir.truncateMetrics(2);
    expect(dir.readMetrics()).toEqual([record(1), record(2)]);
    expect(readdirSync(dir.path)).toEqual(["metrics.jsonl"]);
  });

  it("removes the temporary files of interrupted atomic writes, and nothing else", () => {
    const dir = new RunDirectory(mkdtempSync(join(tmpdir(), "vanish-dir-")));
    writeFileSync(join(dir.path, ".checkpoint.json.1234.7.tmp"), "{ torn");
    writeFileSync(join(dir.path, "notes.tmp"), "mine");
    dir.removeTemporaryFiles();
    expect(readdirSync(dir.path)).toEqual(["notes.tmp"]);
  });
});

describe("parseMetrics", () => {
  it("drops a torn last line but rejects a bad line in the middle", () => {
    const a = JSON.stringify(record(1));
    expect(parseMetrics(`${a}\n{"step": 2, "los`)).toEqual([record(1)]);
    expect(() => parseMetrics(`${a}\n{"step": 2\n${a}\n`)).toThrow(/^metrics\.jsonl line 2 is not valid JSON: /);
    expect(parseMetrics("")).toEqual([]);
  });
});
