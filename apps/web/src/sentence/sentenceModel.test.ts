import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decisionSaliency } from "@vanish/rnn";
import { describe, expect, it } from "vitest";
import { EXAMPLE_SENTENCES } from "../ui/sentenceView";
import { decodeFloats, encodeFloats, inkOn, readSentence, sentenceModel, shade, tokenize, type SentenceModelFile, type SentenceReading } from "./sentenceModel";

const shipped = (cell: string): SentenceModelFile => JSON.parse(readFileSync(fileURLToPath(new URL(`../../public/sentence-models/${cell}.json`, import.meta.url)), "utf8"));
const rnn = sentenceModel(shipped("rnn_tanh"));
const lstm = sentenceModel(shipped("lstm"));
const read = (m: typeof rnn, text: string) => readSentence(m, text) as SentenceReading;

describe("the shipped sentence models", () => {
  it("are the demo's seed-0 RNN and LSTM (hidden 32, embedding 16, 2,000 steps) over the demo's vocabulary", () => {
    for (const [m, cell] of [[rnn, "rnn_tanh"], [lstm, "lstm"]] as const) {
      const f = shipped(cell);
      expect(f.step).toBe(2000);
      expect(m.model.cell).toBe(cell);
      expect([m.model.hiddenSize, m.model.inputSize, m.model.vocabSize]).toEqual([32, 16, m.vocabulary.size]);
      expect(f.task.knobs.framing).toBe("lm");
    }
  });

  it("show the lesson: on a 26-word gap the LSTM is sure of the verb and still feels the subject; the RNN's gradient there is gone", () => {
    const text = EXAMPLE_SENTENCES[4]!;
    const a = read(rnn, text);
    const b = read(lstm, text);
    expect(b.verb - b.subject).toBe(26);
    expect(b.pCorrect).toBeGreaterThan(0.99);
    // Measured on the shipped weights: 4.2e-9 for the RNN, 0.15 for the LSTM.
    expect(a.saliency[a.subject]! / a.saliency[a.verb - 1]!).toBeLessThan(1e-8);
    expect(b.saliency[b.subject]! / b.saliency[b.verb - 1]!).toBeGreaterThan(0.1);
  });
});

describe("readSentence", () => {
  it("scores the last agreeing verb as written against its other form, with ‖∂s/∂e‖ of every word before it", () => {
    const r = read(lstm, "The cats near the dog were hungry.");
    expect(r).toMatchObject({ words: ["the", "cats", "near", "the", "dog", "were", "hungry", "."], verb: 5, subject: 1, correct: "were", wrong: "was" });
    const v = lstm.vocabulary;
    const d = decisionSaliency(lstm.model, [v.bosId, ...["the", "cats", "near", "the", "dog"].map((w) => v.id(w))], { verbStep: 5, correct: v.id("were"), wrong: v.id("was") });
    expect(r.saliency).toEqual(Array.from(d.saliency.subarray(1)));
    expect(r.pCorrect).toBeCloseTo(d.pCorrect / (d.pCorrect + d.pWrong), 6);
  });

  it("names unknown words, and says when there is no verb or no sentence", () => {
    expect(readSentence(lstm, "the cats in the kitchen were full")).toEqual({ kind: "unknown", words: ["kitchen"] });
    expect(readSentence(lstm, "the cats near the dog")).toEqual({ kind: "noVerb" });
    expect(readSentence(lstm, "  ")).toEqual({ kind: "empty" });
  });

  it("every example sentence is in the vocabulary and has a verb", () => {
    for (const s of EXAMPLE_SENTENCES) expect(read(rnn, s).saliency.length).toBeGreaterThan(0);
  });
});

describe("helpers", () => {
  it("float32 base64 round-trips exactly", () => {
    const x = Float32Array.from([1.5, -0.1, 3e-30, 0]);
    expect(decodeFloats(encodeFloats(x))).toEqual(x);
  });

  it("tokenize lowercases and splits off punctuation", () => {
    expect(tokenize("The Cats, near the dog.")).toEqual(["the", "cats", ",", "near", "the", "dog", "."]);
  });

  it("shade runs viridis from dark (12 decades down and below) to yellow (the top)", () => {
    expect(shade(1, 1)).toBe("#fde725");
    expect(shade(1e-12, 1)).toBe("#440154");
    expect(shade(1e-20, 1)).toBe("#440154");
    expect(shade(1e-6, 1)).toBe("#21918c");
    expect(inkOn("#440154")).toBe("#ffffff");
    expect(inkOn("#fde725")).toBe("#1b1f24");
  });
});
