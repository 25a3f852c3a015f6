// Damaged, truncated and tampered run files, and inputs that cannot work: each is refused with exit 2 and one line
// naming the file (or flag) and what is wrong, no stack trace, and the run directory left exactly as it was.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunAbortedError } from "../src/engine/errors";
import { trainRun } from "../src/engine/trainRun";
import { run } from "./harness";

const root = mkdtempSync(join(tmpdir(), "vanish-corrupt-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TINY = { task: { name: "adding", preset: "easy" }, cell: "gru", hiddenSize: 6, batchSize: 4, steps: 60, logEvery: 2, evalBatches: 1 } as const;
const snapshot = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));

/** An interrupted run: checkpoint at step 30, metrics up to step 30. */
const interrupted = join(root, "interrupted");
beforeAll(async () => {
  const controller = new AbortController();
  await expect(trainRun(TINY, { runDir: interrupted, checkpointEvery: 10, signal: controller.signal, onLog: (r) => r.step === 30 && controller.abort() })).rejects.toThrow(RunAbortedError);
});

/** A copy of the interrupted run, damaged by `damage`; resumes it and checks nothing changed. */
async function resumeDamaged(name: string, damage: (dir: string) => void): Promise<string> {
  const dir = join(root, name);
  cpSync(interrupted, dir, { recursive: true });
  damage(dir);
  const before = snapshot(dir);
  const r = await run("train", "--resume", "--out", dir);
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr.split("\n").length).toBe(2);
  expect(snapshot(dir)).toEqual(before);
  return r.stderr;
}

describe("resume refuses what would leave a silent gap", () => {
  it("metrics.jsonl cut short of the checkpoint", async () => {
    const stderr = await resumeDamaged("cut", (d) => truncateSync(join(d, "metrics.jsonl"), readFileSync(join(d, "metrics.jsonl"), "utf8").split("\n").slice(0, 5).join("\n").length + 1));
    expect(stderr).toBe(
      `vanish: ${join(root, "cut")}/metrics.jsonl stops at step 10 but the checkpoint is at step 30: the records of steps 12, 14, 16, …, 30 (10 in all) are missing; the log cannot be rebuilt from the checkpoint; restore the file, or delete checkpoint.json to restart the run from step 0\n`,
    );
  });

  it("an empty metrics.jsonl", async () => {
    expect(await resumeDamaged("empty", (d) => writeFileSync(join(d, "metrics.jsonl"), ""))).toMatch(/metrics\.jsonl holds no record but the checkpoint is at step 30: the records of steps 2, 4, 6, …, 30 \(15 in all\) are missing/);
  });

  it("records out of order (two writers)", async () => {
    expect(await resumeDamaged("twice", (d) => writeFileSync(join(d, "metrics.jsonl"), readFileSync(join(d, "metrics.jsonl"), "utf8").repeat(2)))).toMatch(/metrics\.jsonl is out of order: line 16 is step 2 after step 30 \(two processes wrote it\?\)/);
  });

  it("a checkpoint tampered to a step beyond the run's steps", async () => {
    const stderr = await resumeDamaged("tampered", (d) => writeFileSync(join(d, "checkpoint.json"), readFileSync(join(d, "checkpoint.json"), "utf8").replace('"step":30', '"step":99999')));
    expect(stderr).toBe(`vanish: ${join(root, "tampered")}/checkpoint.json is at step 99999, beyond the run's 60 steps, so it is not this run's; delete it to restart the run from step 0\n`);
  });

  it("a checkpoint.json that is not JSON", async () => {
    expect(await resumeDamaged("garbled", (d) => writeFileSync(join(d, "checkpoint.json"), "{\"step\": 3"))).toMatch(/^vanish: .*garbled\/checkpoint\.json is damaged: .*; delete it to restart the run from step 0, or restore it from a copy\n$/);
  });

  it("--resume of a directory that holds no run, or does not exist", async () => {
    const empty = join(root, "no-run");
    mkdirSync(empty);
    const r = await run("train", "--resume", "--out", empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`vanish: --resume: ${empty} holds no run (no config.json); check the path, or drop --resume to start a new run there\n`);
    const typo = await run("train", "--resume", "--out", join(root, "typo"));
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(`vanish: --resume: ${join(root, "typo")} does not exist, so there is no run to continue; check the path, or drop --resume to start a new run\n`);
    expect(existsSync(join(root, "typo"))).toBe(false);
    expect(readdirSync(empty)).toEqual([]);
  });
});

describe("a sweep names the job whose run directory is damaged, and finishes the others", () => {
  it("exit 2, one line per bad job, the good job done", async () => {
    const out = join(root, "sweep");
    const args = ["sweep", "--task", "adding", "--preset", "easy", "--cell", "gru", "--hidden-size", "6", "--batch-size", "4", "--steps", "12", "--eval-batches", "1", "--seeds", "0,1", "--workers", "1", "--checkpoint-every", "5", "--out", out, "--quiet"];
    expect((await run(...args)).code).toBe(0);
    const ids = readdirSync(out).filter((f) => /^[0-9a-f]{16}$/.test(f)).sort();
    const [bad, good] = ids;
    rmSync(join(out, bad, "summary.json"));
    rmSync(join(out, good, "summary.json"));
    writeFileSync(join(out, bad, "checkpoint.json"), "not json");
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const [first, job] = r.stderr.split("\n");
    expect(first).toBe("vanish: 1 of 2 jobs could not run (the other 1 finished; fix these and rerun the same command to finish the sweep):");
    expect(job).toMatch(new RegExp(`^  job ${bad} \\(seed=\\d\\): ${out}/${bad}/checkpoint\\.json is damaged: `));
    expect(existsSync(join(out, good, "summary.json"))).toBe(true);
    expect(readFileSync(join(out, bad, "checkpoint.json"), "utf8")).toBe("not json");
  }, 60_000);
});

describe("sizes and values that cannot work are refused before anything is allocated", () => {
  const cases: [string[], RegExp][] = [
    [["--hidden-size", "1e9"], /^vanish: this run needs a tensor of 4\.00e\+18 elements \(weight_hh \(gates × hidden × hidden\); hidden 1000000000, /],
    [["--task", "adding", "--knob", "length=1e9"], /^vanish: this run needs a tensor of 6\.40e\+10 elements \(one batch of inputs/],
    [["--batch-size", "1e8"], /^vanish: this run needs a tensor of .* elements \(one batch of inputs .*batch 100000000/],
    [["--hidden-size", "4000", "--layers", "40"], /^vanish: this run needs about [\d.]+ GB of memory \(hidden 4000, batch 32, 40 layers, /],
    [["--steps", "1e12"], /^vanish: --steps \(config\.steps\) must be at most 10000000 \(about 3 hours at 1 ms a step, the fastest runs here\), got 1000000000000$/],
    [["--clip", "norm:0"], /^vanish: --clip \(config\.clip\) "norm:0" has maxNorm 0, which zeroes every gradient so that the run trains nothing; use a threshold > 0, or "none" for no clipping$/],
    [["--clip", "value:0"], /^vanish: --clip \(config\.clip\) "value:0" has clipValue 0, which zeroes every gradient/],
    [["--seed", "9007199254740993"], /^vanish: --seed \(config\.seed\) must be at most 9007199254740991 \(the largest exact integer\), got 9007199254740992$/],
  ];
  for (const [flags, message] of cases) {
    it(flags.join(" "), async () => {
      const out = join(root, `size-${flags.join("_").replace(/[^\w]/g, "")}`);
      const r = await run("train", ...flags, "--out", out);
      expect(r.code).toBe(2);
      expect(r.stderr.split("\n")[0]).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }

  it("data --count that cannot be written at once", async () => {
    const r = await run("data", "--task", "adding", "--count", "1e8");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vanish: --count 100000000 is too many examples to write at once: about 1\.3e\+11 characters of text and [\d.]+ GB of memory \(sequences up to 25 steps\)/);
  });
});

describe("smaller inputs", () => {
  it("a config file with a byte-order mark is read", async () => {
    const file = join(root, "bom.json");
    writeFileSync(file, `\uFEFF${JSON.stringify({ task: { name: "adding", preset: "easy" }, hiddenSize: 4, batchSize: 2, steps: 2, evalBatches: 1 })}`);
    const r = await run("train", "--config", file, "--out", join(root, "bom-run"), "--json");
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "completed", steps: 2 });
  });

  it("data --split is refused for a sequence task", async () => {
    const r = await run("data", "--task", "adding", "--split", "test", "--count", "2");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("vanish: --split applies to the agreement task only (its train, test and held-out sentences); adding has one stream of examples — use --seed for another sample\n");
  });

  it("a binary model file: the message shows control bytes escaped", async () => {
    const file = join(root, "binary.json");
    writeFileSync(file, Buffer.from([0, 1, 27, 91, 51, 49, 109, 7, 8]));
    const r = await run("gradients", "--model", file, "--batch", file);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stderr).toMatch(/^vanish: the model file .*binary\.json is not valid JSON: .*\\u0000\\u0001\\u001b\[31m\\u0007\\u0008/);
  });
});
