import { describe, expect, it } from "vitest";
import { reachOf, reachSentence } from "./reach";

describe("reachOf", () => {
  const rnn = [
    { lo: 5, hi: 8, accuracy: 0.51 },
    { lo: 1, hi: 1, accuracy: 1 },
    { lo: 3, hi: 4, accuracy: 0.8 },
    { lo: 2, hi: 2, accuracy: 0.99 },
    { lo: 9, hi: 16, accuracy: 0.9 },
  ];

  it("is the lower edge of the first bucket, in distance order, below the bar", () => {
    expect(reachOf(rnn)).toBe(5);
    expect(reachOf(rnn, 0.85)).toBe(3);
    expect(reachOf(rnn, 0.5)).toBe(null);
  });

  it("counts a bucket that could not be scored (NaN) as below the bar", () => {
    expect(reachOf([{ lo: 1, hi: 1, accuracy: 1 }, { lo: 2, hi: 2, accuracy: NaN }])).toBe(2);
  });
});

describe("reachSentence", () => {
  it("groups models with the same reach and says how far each carries the number", () => {
    expect(reachSentence([{ label: "RNN", reach: 5 }, { label: "LSTM", reach: null }, { label: "GRU", reach: null }], 40)).toBe(
      "The RNN carries the subject's number about 4 words (below 75.0% from distance 5 on); the LSTM and the GRU beyond 40 words (at or above 75.0% in every bucket up to 40).",
    );
    expect(reachSentence([{ label: "RNN", reach: 1 }, { label: "LSTM", reach: 33 }], 64)).toBe(
      "The RNN carries the subject's number not even one word (below 75.0% already at distance 1); the LSTM about 32 words (below 75.0% from distance 33 on).",
    );
    expect(reachSentence([{ label: "RNN", reach: null }, { label: "LSTM", reach: null }], 40)).toBe(
      "The RNN and the LSTM carry the subject's number beyond 40 words (at or above 75.0% in every bucket up to 40).",
    );
  });
});
