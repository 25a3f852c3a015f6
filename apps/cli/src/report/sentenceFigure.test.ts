import { describe, expect, it } from "vitest";
import { sentenceText, spreadBuckets, type SentenceSaliency } from "./sentenceFigure";

describe("spreadBuckets", () => {
  it("skips the first bucket and spreads four over the rest, ends included", () => {
    expect(spreadBuckets([1, 2, 3, 4, 5, 6, 7])).toEqual([2, 4, 5, 7]);
    expect(spreadBuckets([1, 2, 3])).toEqual([2, 3]);
    expect(spreadBuckets([1])).toEqual([1]);
    expect(spreadBuckets([1, 2, 3, 4, 5, 6, 7], 2)).toEqual([2, 7]);
  });
});

describe("sentenceText", () => {
  const words = ["the", "cats", "near", "the", "dog", "were", "full", "."];
  const at = (label: string, saliency: number[], pCorrect: number): SentenceSaliency => ({ label, cell: label === "RNN" ? "rnn_tanh" : "lstm", words, subject: 1, verb: 5, pCorrect, saliency });

  it("states the subject's gradient relative to the last word's for both models, and their predictions", () => {
    const text = sentenceText(at("RNN", [1e-12, 2e-11, 1e-4, 1e-3, 0.02], 0.41), at("LSTM", [0.1, 0.15, 0.1, 0.1, 0.12], 0.996));
    expect(text).toBe(
      '4 words back, the RNN\'s gradient at "cats" is 1e-9 of its value at the last word ("dog"); the LSTM\'s 1.3. ' +
        'On that sentence the RNN gives the right form "were" 41.0% of the two forms\' probability, the LSTM 99.6%.',
    );
  });
});
