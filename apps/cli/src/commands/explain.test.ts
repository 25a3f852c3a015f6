import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decisionSaliency } from "@vanish/rnn";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../test/harness";
import type { PartialRunConfig } from "../engine/config";
import { editDistance, loadExplainModel, tokenize } from "../engine/explain";
import { trainRun } from "../engine/trainRun";
import { bar, probability } from "./explain";

let root = "";
let rnn = "";
let lstm = "";
let number = "";

/** A tiny agreement language model, a few steps of the CLI's own training. */
const tiny = (cell: "rnn_tanh" | "lstm", framing: "lm" | "number" = "lm"): PartialRunConfig => ({
  task: { name: "agreement", preset: "easy", knobs: { framing, distance: [1, 6], lexicon: { animate: 4, inanimate: 4, adjectives: 2, verbs: 2 } } },
  cell,
  hiddenSize: 6,
  embeddingSize: 4,
  steps: 4,
  batchSize: 4,
  logEvery: 2,
  evalBatches: 1,
  seed: 3,
});

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "vanish-explain-"));
  rnn = join(root, "rnn");
  lstm = join(root, "lstm");
  await trainRun(tiny("rnn_tanh"), { runDir: rnn });
  await trainRun(tiny("lstm"), { runDir: lstm });
  number = join(root, "number");
  await trainRun(tiny("rnn_tanh", "number"), { runDir: number });
}, 120_000);

const SENTENCE = "The cats near the dog were hungry.";

describe("vanish explain", () => {
  it("--json prints exactly {tokens, verbAt, prediction, saliency, hiddenGradNorms}, equal to decisionSaliency on the run's model", async () => {
    const r = await run("explain", "--run", rnn, "--sentence", SENTENCE, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["tokens", "verbAt", "prediction", "saliency", "hiddenGradNorms"]);
    expect(out.tokens).toEqual(["the", "cats", "near", "the", "dog", "were", "hungry", "."]);
    expect(out.verbAt).toBe(5);
    expect(Object.keys(out.prediction)).toEqual(["correct", "wrong", "pCorrect", "pWrong"]);
    expect(out.prediction.correct).toBe("were");
    expect(out.prediction.wrong).toBe("was");
    expect(out.prediction.pCorrect + out.prediction.pWrong).toBeCloseTo(1, 12);
    expect(out.saliency).toHaveLength(5);
    expect(out.hiddenGradNorms).toHaveLength(5);

    // The same numbers straight from @vanish/rnn: <bos> first, so word i is step i + 1.
    const m = loadExplainModel(rnn);
    const v = m.vocabulary;
    const ids = [v.bosId, ...["the", "cats", "near", "the", "dog"].map((w) => v.id(w))];
    const d = decisionSaliency(m.model, ids, { verbStep: 5, correct: v.id("were"), wrong: v.id("was") });
    expect(out.saliency).toEqual(Array.from(d.saliency.subarray(1)));
    expect(out.hiddenGradNorms).toEqual(Array.from(d.hiddenGradNorms.subarray(1)));
    expect(out.prediction.pCorrect).toBeCloseTo(d.pCorrect / (d.pCorrect + d.pWrong), 6);
  });

  it("explains a number-prediction run: the words before the verb, scored on the written form's number against the other", async () => {
    const r = await run("explain", "--run", number, "--sentence", SENTENCE, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.verbAt).toBe(5);
    expect(out.prediction).toMatchObject({ correct: "were", wrong: "was" });
    const m = loadExplainModel(number);
    expect(m.framing).toBe("number");
    const v = m.vocabulary;
    // No <bos>: word i is step i; "were" is plural, class 1.
    const d = decisionSaliency(m.model, ["the", "cats", "near", "the", "dog"].map((w) => v.id(w)), { verbStep: 4, correct: 1, wrong: 0 });
    expect(out.saliency).toEqual(Array.from(d.saliency));
    expect(out.hiddenGradNorms).toEqual(Array.from(d.hiddenGradNorms));
    expect(out.prediction.pCorrect).toBeCloseTo(d.pCorrect, 6);
    const text = await run("explain", "--run", number, "--run", rnn, "--sentence", SENTENCE);
    expect(text.stdout.split("\n")[0]).toMatch(new RegExp(`^ +RNN \\(number\\)  ${number} +RNN  ${rnn}$`));
  });

  it("reads a checkpoint file (with config.json beside it) the same as its run directory", async () => {
    const a = await run("explain", "--run", rnn, "--sentence", SENTENCE, "--json");
    const b = await run("explain", "--run", join(rnn, "checkpoint.json"), "--sentence", SENTENCE, "--json");
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it("prints the prediction and one line per word with a log-scale bar", async () => {
    const r = await run("explain", "--run", rnn, "--sentence", SENTENCE);
    expect(r.code).toBe(0);
    const out = JSON.parse((await run("explain", "--run", rnn, "--sentence", SENTENCE, "--json")).stdout);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(`${" ".repeat(11)}RNN  ${rnn}`);
    expect(lines[1]).toBe(`${" ".repeat(11)}"were" ${probability(out.prediction.pCorrect)} vs "was" ${probability(out.prediction.pWrong)}`);
    const top = Math.max(...out.saliency);
    expect(lines[3]).toBe(`  1  cats  ${out.saliency[1].toExponential(1).padStart(7)} ${bar(out.saliency[1], top)}`);
    expect(lines[7]).toBe(`  5  were          (the verb)`);
    expect(lines[8]).toBe("");
    expect(r.stdout).toContain("renormalised over the pair");
  });

  it("puts several runs side by side, and --json gives an array in --run order", async () => {
    const r = await run("explain", "--run", rnn, "--run", lstm, "--sentence", SENTENCE);
    expect(r.code).toBe(0);
    const header = r.stdout.split("\n")[0]!;
    expect(header).toMatch(new RegExp(`RNN  ${rnn} +LSTM  ${lstm}$`));
    expect(r.stdout.split("\n")[3]).toMatch(/^ {2}1 {2}cats {2}.+e-?\d+ .+ {2}.+e-?\d+ .+$/);
    const j = await run("explain", "--run", rnn, "--run", lstm, "--sentence", SENTENCE, "--json");
    const out = JSON.parse(j.stdout);
    expect(out).toHaveLength(2);
    const single = JSON.parse((await run("explain", "--run", lstm, "--sentence", SENTENCE, "--json")).stdout);
    expect(out[1]).toEqual(single);
  });

  it("--verb-at chooses another verb form; the default is the last one", async () => {
    const sentence = "the dogs that see the cat are hungry";
    const last = JSON.parse((await run("explain", "--run", lstm, "--sentence", sentence, "--json")).stdout);
    expect(last.verbAt).toBe(6);
    expect(last.prediction).toMatchObject({ correct: "are", wrong: "is" });
    const first = JSON.parse((await run("explain", "--run", lstm, "--sentence", sentence, "--verb-at", "3", "--json")).stdout);
    expect(first.verbAt).toBe(3);
    expect(first.prediction).toMatchObject({ correct: "see", wrong: "sees" });
    expect(first.saliency).toHaveLength(3);
  });

  it.each([
    [["--verb-at", "2"], `--verb-at 2: "that" is not a verb form that agrees in number; it has "see" at 3, "are" at 6`],
    [["--verb-at", "9"], "--verb-at must be a word index in [1, 7] (0 is the first word, and the verb needs a word before it), got 9"],
    [["--verb-at", "0"], "--verb-at must be a word index in [1, 7] (0 is the first word, and the verb needs a word before it), got 0"],
    [["--verb-at", "x"], '--verb-at must be a non-negative integer (a word index), got "x"'],
  ])("rejects %j with exit code 2", async (flags, message) => {
    const r = await run("explain", "--run", lstm, "--sentence", "the dogs that see the cat are hungry", ...flags);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`vanish: ${message}\n`);
  });

  it("names unknown words with the nearest words of the vocabulary, exit code 2", async () => {
    const r = await run("explain", "--run", rnn, "--sentence", "the cats in the kitchen were full");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vanish: 1 word not in the vocabulary of .+rnn \(\d+ words\):\n {2}"kitchen" \(word 4\): near words "[a-z]+", "[a-z]+", "[a-z]+", "[a-z]+", "[a-z]+"\n$/);
    const typo = await run("explain", "--run", rnn, "--sentence", "the catz near the dog were hungry");
    expect(typo.stderr).toContain(`"catz" (word 1): near words "cat", "cats"`);
  });

  it("--run and --sentence are required", async () => {
    const noRun = await run("explain", "--sentence", SENTENCE);
    expect(noRun.code).toBe(2);
    expect(noRun.stderr).toContain("error: required option '--run <dir>' not specified");
    const noSentence = await run("explain", "--run", rnn);
    expect(noSentence.code).toBe(2);
    expect(noSentence.stderr).toContain("error: required option '--sentence <text>' not specified");
    const empty = await run("explain", "--run", rnn, "--sentence", "  ");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('vanish: --sentence must hold at least one word, got "  "\n');
  });

  it("a sentence without an agreeing verb, a missing run and a run that is not an agreement language model exit with 2", async () => {
    const noVerb = await run("explain", "--run", rnn, "--sentence", "the cats near the dog");
    expect(noVerb.code).toBe(2);
    expect(noVerb.stderr).toBe(`vanish: the sentence has no verb form that agrees in number (such as "is"/"are", "was"/"were"); write one, e.g. "the cats near the dog were hungry"\n`);
    const missing = await run("explain", "--run", join(root, "nothing"), "--sentence", SENTENCE);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`vanish: --run ${join(root, "nothing")}: no such run directory or checkpoint file\n`);
    const other = join(root, "adding");
    mkdirSync(other);
    copyFileSync(join(rnn, "checkpoint.json"), join(other, "checkpoint.json"));
    writeFileSync(join(other, "config.json"), JSON.stringify({ task: { name: "adding", preset: "easy" } }));
    const wrong = await run("explain", "--run", other, "--sentence", SENTENCE);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(`vanish: --run ${other}: explain needs an agreement run in the lm or the number framing (task agreement, knob framing=lm or framing=number), got a run of the adding task\n`);
  });
});

describe("explain's helpers", () => {
  it("tokenize lowercases and splits off punctuation", () => {
    expect(tokenize("The cats, near the Dog, were hungry.")).toEqual(["the", "cats", ",", "near", "the", "dog", ",", "were", "hungry", "."]);
    expect(tokenize("   ")).toEqual([]);
  });

  it("editDistance counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("cats", "cats")).toBe(0);
  });

  it("bar: 24 blocks at the top, one fewer per half decade, a sliver below 12 decades", () => {
    expect(bar(1, 1)).toBe("█".repeat(24));
    expect(bar(0.1, 1)).toBe("█".repeat(22));
    expect(bar(1e-13, 1)).toBe("▏");
    expect(bar(0, 1)).toBe("·");
  });

  it("probability: two decimals, or a significant digit near 0 and 1", () => {
    expect(probability(0.4567)).toBe("0.46");
    expect(probability(0.0003)).toBe("3e-4");
    expect(probability(0.9997)).toBe("1 − 3e-4");
  });
});
