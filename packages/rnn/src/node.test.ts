import { Random } from "@vanish/core";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCheckpoint, serializeCheckpoint } from "./checkpoint/checkpoint";
import { createModel } from "./model/createModel";
import { readCheckpointFile, writeCheckpointFile, writeFileAtomic } from "./node";

const model = () => createModel({ cell: "gru", inputSize: 2, hiddenSize: 3, outputSize: 2 }, new Random(0));

describe("@vanish/rnn/node checkpoint files", () => {
  it("writes through a temporary file and a rename, replacing the old file whole and leaving nothing behind", () => {
    const dir = mkdtempSync(join(tmpdir(), "vanish-ckpt-"));
    const path = join(dir, "run.ckpt.json");
    writeCheckpointFile(path, createCheckpoint(model(), { step: 1 }));
    const second = createCheckpoint(model(), { step: 2, clipping: { threshold: 1 } });
    writeCheckpointFile(path, second);
    expect(readdirSync(dir)).toEqual(["run.ckpt.json"]);
    expect(readFileSync(path, "utf8")).toBe(serializeCheckpoint(second));
    expect(readCheckpointFile(path).step).toBe(2);
  });

  it("writes any text atomically with writeFileAtomic", () => {
    const dir = mkdtempSync(join(tmpdir(), "vanish-atomic-"));
    const path = join(dir, "summary.json");
    writeFileAtomic(path, "old");
    writeFileAtomic(path, "new");
    expect(readdirSync(dir)).toEqual(["summary.json"]);
    expect(readFileSync(path, "utf8")).toBe("new");
  });

  it("leaves the old file untouched and removes the temporary file when the write fails", () => {
    const dir = mkdtempSync(join(tmpdir(), "vanish-ckpt-"));
    const target = join(dir, "busy");
    mkdirSync(target);
    writeFileSync(join(target, "keep"), "x");
    // Renaming a file over a non-empty directory fails after the temporary file was fully written.
    expect(() => writeCheckpointFile(target, createCheckpoint(model(), { step: 3 }))).toThrow();
    expect(readdirSync(dir)).toEqual(["busy"]);
    expect(readdirSync(target)).toEqual(["keep"]);
  });

  it("reports a file that is not a checkpoint", () => {
    const path = join(mkdtempSync(join(tmpdir(), "vanish-ckpt-")), "x.json");
    writeFileSync(path, "[]");
    expect(() => readCheckpointFile(path)).toThrow('parseCheckpoint: not a Vanish checkpoint (format must be "vanish-checkpoint", got undefined)');
  });
});
