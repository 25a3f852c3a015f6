// End to end: `vanish report` on small runs trained here, one alone and several compared, and its usage errors.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { trainRun } from "../engine/trainRun";
import { readRun } from "../report/readRun";
import { runSentence } from "../report/runSentence";
import { escaped, run } from "../../test/harness";



let root = "";
const dirs: Record<"rnn" | "lstm" | "agreeRnn" | "agreeGru" | "lmRnn" | "lmGru" | "unfinished", string> = { rnn: "", lstm: "", agreeRnn: "", agreeGru: "", lmRnn: "", lmGru: "", unfinished: "" };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "vanish-report-"));
  const adding = { task: { name: "adding", knobs: { length: 10 } }, hiddenSize: 8, batchSize: 8, steps: 20, logEvery: 5, instrumentEvery: 5, evalBatches: 1 };
  const agreement = { task: { name: "agreement", preset: "easy" }, hiddenSize: 8, embeddingSize: 8, batchSize: 8, steps: 10, logEvery: 5, evalBatches: 1 };
  for (const [key, config] of [
    ["rnn", { ...adding, cell: "rnn_tanh" }],
    ["lstm", { ...adding, cell: "lstm" }],
    ["agreeRnn", { ...agreement, cell: "rnn_tanh" }],
    ["agreeGru", { ...agreement, cell: "gru" }],
    ["lmRnn", { ...agreement, task: { ...agreement.task, knobs: { framing: "lm" } }, cell: "rnn_tanh" }],
    ["lmGru", { ...agreement, task: { ...agreement.task, knobs: { framing: "lm" } }, cell: "gru" }],
  ] as const) {
    dirs[key] = join(root, key);
    await trainRun(config, { runDir: dirs[key] });
  }
  dirs.unfinished = join(root, "unfinished");
  cpSync(dirs.rnn, dirs.unfinished, { recursive: true });
  rmSync(join(dirs.unfinished, "summary.json"));
}, 180_000);

describe("vanish report", () => {
  it("draws one run into RUN_DIR/report: training curves, ‖dL/dh_t‖, its heatmap and the spectral radius", async () => {
    const r = await run("report", dirs.rnn);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const html = join(dirs.rnn, "report", "index.html");
    expect(r.stdout).toBe(`${html}\n`);
    const text = readFileSync(html, "utf8");
    expect(text).toContain(escaped(runSentence("RNN", readRun(dirs.rnn))));
    for (const name of ["training", "gradient-norms", "gradient-heatmap-2", "spectral-radius"]) expect(existsSync(join(dirs.rnn, "report", `${name}.png`))).toBe(true);
    expect(text).toContain('id="vanish-chart-3"');
  });

  it("compares runs, naming them by what differs, with --json", async () => {
    const out = join(root, "compare");
    const r = await run("report", dirs.rnn, dirs.lstm, "--out", out, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.html).toBe(join(out, "index.html"));
    const text = readFileSync(json.html, "utf8");
    expect(text).toContain("2 runs compared");
    expect(text).toContain(escaped(runSentence("RNN", readRun(dirs.rnn))));
    expect(text).toContain(escaped(runSentence("LSTM", readRun(dirs.lstm))));
    expect(json.pngs.map((p: string) => p.slice(out.length + 1))).toEqual(["training.png", "gradient-norms.png", "gradient-heatmap-2.png", "gradient-heatmap-3.png", "spectral-radius.png"]);
  });

  it("draws accuracy by distance and attractors for agreement runs, with the measured gap", async () => {
    const out = join(root, "agreement");
    const r = await run("report", dirs.agreeRnn, dirs.agreeGru, "--out", out, "--quiet");
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    const text = readFileSync(join(out, "index.html"), "utf8");
    expect(existsSync(join(out, "accuracy-distance.png"))).toBe(true);
    expect(existsSync(join(out, "accuracy-attractors.png"))).toBe(true);
    expect(text).toMatch(/(At every distance tested|At distance|No gap)[^<]*the RNN is at \d+\.\d%/);
  });

  it("reports lm runs as loss per token and verb agreement accuracy, by distance and attractors", async () => {
    const out = join(root, "lm");
    const r = await run("report", dirs.lmRnn, dirs.lmGru, "--out", out, "--quiet");
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    const text = readFileSync(join(out, "index.html"), "utf8");
    const sentence = runSentence("GRU", readRun(dirs.lmGru));
    expect(sentence).toMatch(/^GRU: 10 steps, final training loss per token \d\.\d+; evaluation verb agreement accuracy \d+\.\d% \(chance \(two verb forms\): 50\.0%\), loss per token \d\.\d+ on 8 held-out sequences\.$/);
    expect(text).toContain(escaped(sentence));
    // The figure's heading and the chart's own title.
    expect(text.split("Verb agreement accuracy against distance")).toHaveLength(3);
    expect(text).toContain("training loss per token (nats)");
    expect(existsSync(join(out, "accuracy-attractors.png"))).toBe(true);
  });

  it("draws an unfinished run from its metrics", async () => {
    const r = await run("report", dirs.unfinished, "--out", join(root, "unfinished-report"));
    expect(r.code).toBe(0);
    const last = readRun(dirs.unfinished).metrics.at(-1)!;
    expect(readFileSync(join(root, "unfinished-report", "index.html"), "utf8")).toContain(`RNN: unfinished — ${last.step} of 20 steps logged`);
  });

  it("exits with code 2 for a missing folder or one that is not a run", async () => {
    const missing = await run("report", join(root, "nope"));
    expect(missing).toMatchObject({ code: 2, stderr: `vanish: ${join(root, "nope")}: no such run directory\n` });
    mkdirSync(join(root, "empty"));
    const empty = await run("report", join(root, "empty"));
    expect(empty).toMatchObject({
      code: 2,
      stderr: `vanish: ${join(root, "empty")}: not a run directory (no config.json; expected config.json, metrics.jsonl, checkpoint.json, summary.json as vanish train writes them)\n`,
    });
    const none = await run("report");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("error: missing required argument 'runDirs'");
  });
});
