import { describe, expect, it } from "vitest";
import { gapSentence, measureGap, type ModelBuckets } from "./gapSentence";

const EDGES = [
  [4, 10],
  [11, 17],
  [18, 24],
  [25, 31],
  [32, 40],
] as const;

/** A model with `n` examples per bucket and the given accuracies. */
function model(label: string, accuracies: readonly number[], n = 400): ModelBuckets {
  return { label, buckets: EDGES.map(([lo, hi], k) => ({ lo, hi, count: n, correct: Math.round(accuracies[k]! * n) })) };
}

describe("measureGap and gapSentence", () => {
  it("finds the first distance from which every tail shows the gap, and reports the shorter distances too", () => {
    const models = [model("RNN", [0.97, 0.9, 0.7, 0.6, 0.55]), model("LSTM", [0.98, 0.93, 0.9, 0.88, 0.85]), model("GRU", [0.99, 0.95, 0.93, 0.9, 0.9])];
    const finding = measureGap(models);
    expect(finding.kind).toBe("tail");
    // 11–17 alone: 0.93 vs 0.90 is under 5 points, so the tail starts at 18
    expect(finding).toMatchObject({ kind: "tail", from: 18 });
    expect(gapSentence(finding)).toBe(
      "At distance ≥ 18 the RNN is at 61.7% while the LSTM is at 87.7% and the GRU at 91.0% (1,200 test sentences per model). " +
        "At distance < 18 they are at 93.5%, 95.5% and 97.0%.",
    );
  });

  it("pools counts, so the percentages are exact fractions of the test sentences", () => {
    const finding = measureGap([model("RNN", [0.5, 0.5, 0.5, 0.5, 0.5], 10), model("LSTM", [1, 1, 1, 1, 1], 10)]);
    expect(finding).toEqual({
      kind: "tail",
      from: 4,
      to: 40,
      tail: [
        { label: "RNN", correct: 25, count: 50, accuracy: 0.5 },
        { label: "LSTM", correct: 50, count: 50, accuracy: 1 },
      ],
      head: null,
    });
    expect(gapSentence(finding)).toBe("At every distance tested (4–40), the RNN is at 50.0% while the LSTM is at 100.0% (50 test sentences per model).");
  });

  it("says where the largest gap is when the far buckets have none (both at chance there)", () => {
    const finding = measureGap([model("RNN", [0.95, 0.7, 0.5, 0.5, 0.5]), model("LSTM", [0.96, 0.92, 0.52, 0.5, 0.49])]);
    expect(finding).toMatchObject({ kind: "bucket", lo: 11, hi: 17 });
    expect(gapSentence(finding)).toBe(
      "No gap holds for every longer distance; the largest is at distance 11–17, where the RNN is at 70.0% while the LSTM is at 92.0% (400 test sentences per model).",
    );
  });

  it("says there is no gap, with the overall numbers, when the gated cell is not better", () => {
    const finding = measureGap([model("RNN", [1, 1, 0.99, 0.99, 0.99]), model("LSTM", [1, 1, 0.99, 0.98, 0.97])]);
    expect(finding.kind).toBe("none");
    expect(gapSentence(finding)).toBe(
      "No gap: at no distance does the LSTM beat the RNN by 5 points or more (beyond two standard errors); over all buckets the RNN is at 99.4% while the LSTM is at 98.8% (2,000 test sentences per model).",
    );
  });

  it("does not call a difference within noise a gap (two standard errors)", () => {
    // 6 points on 20 examples per bucket is well within noise (SE of the difference ≈ 0.14 per bucket)
    const finding = measureGap([model("RNN", [0.9, 0.85, 0.8, 0.8, 0.8], 20), model("LSTM", [0.95, 0.9, 0.85, 0.85, 0.85], 20)]);
    expect(finding.kind).toBe("none");
  });

  it("speaks of attractors", () => {
    const buckets = (accs: number[]) => accs.map((a, k) => ({ lo: k, hi: k, count: 100, correct: a * 100 }));
    const finding = measureGap([{ label: "RNN", buckets: buckets([0.95, 0.6, 0.4]) }, { label: "LSTM", buckets: buckets([0.97, 0.9, 0.8]) }], { by: "attractors" });
    expect(gapSentence(finding, { by: "attractors" })).toBe(
      "With ≥ 1 attractors the RNN is at 50.0% while the LSTM is at 85.0% (200 test sentences per model). With < 1 attractors they are at 95.0% and 97.0%.",
    );
  });

  it("rejects models whose buckets differ", () => {
    expect(() => measureGap([model("RNN", [1, 1, 1, 1, 1])])).toThrow("measureGap: models must hold the baseline and at least one other model, got 1");
    const short: ModelBuckets = { label: "LSTM", buckets: model("LSTM", [1, 1, 1, 1, 1]).buckets.slice(1) };
    expect(() => measureGap([model("RNN", [1, 1, 1, 1, 1]), short])).toThrow(
      "measureGap: models[1].buckets must have the same length as models[0].buckets (5), got 4",
    );
    const shifted: ModelBuckets = { label: "LSTM", buckets: model("LSTM", [1, 1, 1, 1, 1]).buckets.map((b) => ({ ...b, lo: b.lo + 1 })) };
    expect(() => measureGap([model("RNN", [1, 1, 1, 1, 1]), shifted])).toThrow("measureGap: models[1].buckets[0] must be [4, 10] as in models[0], got [5, 10]");
  });
});
