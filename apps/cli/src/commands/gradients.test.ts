import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Random, randn } from "@vanish/core";
import { batchFromJSON, createModel, modelFromJSON, modelToJSON, referenceLoss } from "@vanish/rnn";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../test/harness";

const appDir = fileURLToPath(new URL("../..", import.meta.url));
const tsx = fileURLToPath(new URL("../../../../node_modules/.bin/tsx", import.meta.url));

let dir = "";
const T = 6;
const B = 3;
const model = createModel({ cell: "rnn_tanh", inputSize: 2, hiddenSize: 5, outputSize: 3, dtype: "float64" }, new Random(4));
const modelJSON = modelToJSON(model);
const x = randn([T, B, 2], new Random(5), { dtype: "float64" });
const batchLast = { x: x.toArray() as number[][][], y: [2, 0, 1], loss: "last" };
const batchAll = { x: x.toArray() as number[][][], y: Array.from({ length: T }, (_, t) => [t % 3, (t + 1) % 3, 0]), loss: "all" };

function write(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}


/** Loss, grads and ‖dL/dh_t‖ from the library's reference (autodiff) path, to hold the CLI's numbers to. */
function expected(batch: typeof batchLast | typeof batchAll) {
  const m = modelFromJSON(modelJSON, { dtype: "float64" });
  const targets = batch.loss === "last" ? (batch.y as number[]) : (batch.y as number[][]).flat();
  const r = referenceLoss(m, { x, targets, loss: batch.loss as "last" | "all" }, { probeHidden: true });
  r.loss.backward();
  const norms = r.hiddenProbes[0].map((p) => Math.hypot(...p.grad!.toTypedArray()));
  return { loss: r.loss.item(), grads: Object.fromEntries(m.namedParameters().map(([n, t]) => [n, t.grad!.toArray()])), norms };
}

function expectNestedClose(actual: unknown, wanted: unknown, rtol: number): void {
  const a = [actual].flat(Infinity) as number[];
  const e = [wanted].flat(Infinity) as number[];
  expect(a.length).toBe(e.length);
  a.forEach((v, i) => expect(Math.abs(v - e[i])).toBeLessThanOrEqual(1e-12 + rtol * Math.abs(e[i])));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vanish-cli-"));
});

describe("vanish gradients", () => {
  it.each([
    ["last", batchLast],
    ["all", batchAll],
  ] as const)("prints {loss, grads, hiddenGradNorms} equal to the library's reference path (loss %s)", async (_, batch) => {
    const r = await run("gradients", "--model", write("model.json", modelJSON), "--batch", write("batch.json", batch));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["loss", "grads", "hiddenGradNorms"]);
    expect(Object.keys(out.grads)).toEqual(Object.keys(modelJSON.stateDict));
    const e = expected(batch);
    expectNestedClose(out.loss, e.loss, 1e-12);
    for (const [name, g] of Object.entries(e.grads)) expectNestedClose(out.grads[name], g, 1e-9);
    expect(out.hiddenGradNorms).toHaveLength(T);
    expectNestedClose(out.hiddenGradNorms, e.norms, 1e-9);
  });

  it("computes in float32 with --dtype float32 (close to float64, not identical)", async () => {
    const args = ["--model", write("model.json", modelJSON), "--batch", write("batch.json", batchLast)];
    const f64 = JSON.parse((await run("gradients", ...args)).stdout);
    const f32 = JSON.parse((await run("gradients", ...args, "--dtype", "float32")).stdout);
    expect(f32.loss).not.toBe(f64.loss);
    expectNestedClose(f32.loss, f64.loss, 1e-5);
    expectNestedClose(f32.grads.weight_hh_l0, f64.grads.weight_hh_l0, 1e-3);
  });

  const broken = (change: (m: typeof modelJSON) => unknown) => change(JSON.parse(JSON.stringify(modelJSON)));
  it.each([
    ["a missing model file", () => ["--model", join(dir, "nope.json"), "--batch", write("b.json", batchLast)], "vanish: cannot read the model file <dir>/nope.json: no such file"],
    ["invalid JSON", () => ["--model", write("m.json", "{cell: rnn"), "--batch", write("b.json", batchLast)], "vanish: the model file <dir>/m.json is not valid JSON: Expected property name or '}' in JSON at position 1"],
    ["an unknown cell", () => ["--model", write("m.json", broken((m) => ({ ...m, cell: "elman" }))), "--batch", write("b.json", batchLast)], 'vanish: <dir>/m.json: cell must be one of "rnn_tanh", "rnn_relu", "lstm", "gru", got the string "elman"'],
    [
      "a short row in the state dict",
      () => ["--model", write("m.json", broken((m) => ((m.stateDict.weight_hh_l0 as number[][])[3].pop(), m))), "--batch", write("b.json", batchLast)],
      "vanish: <dir>/m.json: stateDict.weight_hh_l0[3] must be an array of 5 numbers (shape [5]), got an array of length 4",
    ],
    [
      "a missing parameter",
      () => ["--model", write("m.json", broken((m) => (delete (m.stateDict as Record<string, unknown>)["head.bias"], m))), "--batch", write("b.json", batchLast)],
      "vanish: <dir>/m.json: stateDict does not match a rnn_tanh model with 1 layer(s): missing head.bias [3]",
    ],
    [
      "a string among the numbers",
      () => ["--model", write("m.json", broken((m) => (((m.stateDict["head.weight"] as unknown[][])[1][2] = "0.5"), m))), "--batch", write("b.json", batchLast)],
      'vanish: <dir>/m.json: stateDict["head.weight"][1][2] must be a finite number, got the string "0.5"',
    ],
    [
      "x with the wrong input width",
      () => ["--model", write("m.json", modelJSON), "--batch", write("b.json", { ...batchLast, x: batchLast.x.map((s, t) => (t === 4 ? [s[0], [1], s[2]] : s)) })],
      "vanish: <dir>/b.json: x[4][1] must be an array of 2 numbers (shape [2]), got an array of length 1",
    ],
    ["a class id out of range", () => ["--model", write("m.json", modelJSON), "--batch", write("b.json", { ...batchLast, y: [2, 3, 0] })], "vanish: <dir>/b.json: y[1] must be a class id in [0, 2] (outputSize 3), got 3"],
    ["y of the wrong length", () => ["--model", write("m.json", modelJSON), "--batch", write("b.json", { ...batchLast, y: [1, 0] })], "vanish: <dir>/b.json: y must be an array of 3 numbers (shape [3]), got an array of length 2"],
    ["an unknown loss", () => ["--model", write("m.json", modelJSON), "--batch", write("b.json", { ...batchLast, loss: "mean" })], 'vanish: <dir>/b.json: loss must be "last" or "all", got the string "mean"'],
    ["an empty sequence", () => ["--model", write("m.json", modelJSON), "--batch", write("b.json", { ...batchLast, x: [] })], "vanish: <dir>/b.json: x must be an array of T >= 1 steps [T][B][I], got an array of length 0"],
  ])("exits with code 2 and names the problem: %s", async (_, args, message) => {
    const r = await run("gradients", ...args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.replaceAll(dir, "<dir>")).toBe(`${message}\n`);
  });

  it("exits with code 2 on a usage error (a required option missing, a bad --dtype)", async () => {
    const missing = await run("gradients", "--model", "m.json");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("error: required option '--batch <file>' not specified\n");
    const dtype = await run("gradients", "--model", "m.json", "--batch", "b.json", "--dtype", "float16");
    expect(dtype.code).toBe(2);
    expect(dtype.stderr).toBe("error: option '--dtype <dtype>' argument 'float16' is invalid. Allowed choices are float64, float32.\n");
  });
});

describe("the vanish entry point (spawned with tsx from sources, in a temp dir)", () => {
  const exec = promisify(execFile);
  const spawnCli = (...args: string[]) => exec(tsx, ["--tsconfig", join(appDir, "tsconfig.source.json"), join(appDir, "src/main.ts"), ...args], { cwd: dir });

  it("prints the report for relative paths", async () => {
    write("model.json", modelJSON);
    write("batch.json", batchLast);
    const { stdout } = await spawnCli("gradients", "--model", "model.json", "--batch", "batch.json");
    const out = JSON.parse(stdout);
    expectNestedClose(out.loss, expected(batchLast).loss, 1e-12);
  });

  it("sets exit code 2 for a malformed batch", async () => {
    write("model.json", modelJSON);
    write("bad.json", { ...batchLast, y: [0, 1, 7] });
    const failure = await spawnCli("gradients", "--model", "model.json", "--batch", "bad.json").then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toBe("vanish: bad.json: y[2] must be a class id in [0, 2] (outputSize 3), got 7\n");
  });
});

describe("vanish gradients --help", () => {
  it("gives examples that work exactly as written in an empty directory (echo lines by sh, vanish lines by the CLI)", async () => {
    const help = (await run("gradients", "--help")).stdout;
    const lines = help.split("\n").filter((l) => l.startsWith("  $ ")).map((l) => l.slice(4));
    expect(lines.filter((l) => l.startsWith("vanish gradients"))).toHaveLength(3);
    const cwd = process.cwd();
    const empty = mkdtempSync(join(tmpdir(), "vanish-gradients-examples-"));
    const outputs: { args: string[]; report: { loss: number; grads: Record<string, unknown>; hiddenGradNorms: number[] } }[] = [];
    try {
      process.chdir(empty);
      for (const line of lines) {
        if (line.startsWith("echo ")) {
          execFileSync("sh", ["-c", line], { cwd: empty });
          continue;
        }
        const args = line.split(" ");
        expect(args[0]).toBe("vanish");
        const r = await run(...args.slice(1));
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        outputs.push({ args, report: JSON.parse(r.stdout) });
      }
      // Each report is the reference (autodiff) path's loss on the files the examples wrote.
      for (const { args, report } of outputs) {
        const file = (flag: string) => JSON.parse(readFileSync(args[args.indexOf(flag) + 1], "utf8"));
        const model = modelFromJSON(file("--model"), { dtype: "float64" });
        const batch = batchFromJSON(file("--batch"), model);
        const loss = referenceLoss(model, batch).loss.item();
        expect(Math.abs(report.loss - loss)).toBeLessThanOrEqual(args.includes("float32") ? 1e-6 : 1e-12);
        expect(Object.keys(report.grads)).toEqual(Object.keys(file("--model").stateDict));
        expect(report.hiddenGradNorms).toHaveLength(batch.x!.shape[0]);
      }
    } finally {
      process.chdir(cwd);
    }
    // What the help says about the first example.
    expect(outputs[0].report.hiddenGradNorms.map((v) => v.toFixed(2))).toEqual(["0.74", "0.91", "1.10", "1.36"]);
    expect(help).toContain("falls from 1.36 at t = 4 to 0.74 at t = 1");
  });
});
