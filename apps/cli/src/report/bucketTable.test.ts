import { describe, expect, it } from "vitest";
import { bucketTable } from "./bucketTable";
import type { RunRecord } from "./explodingSentences";
import { summaryFixture } from "./summaryFixture";

function run(distance: number[], attractors: number[], count = 100): RunRecord {
  const summary = summaryFixture({
    evaluation: {
      loss: 0.5,
      accuracy: 0.7,
      count,
      baseline: { metric: "error", value: 0.5, predictor: "chance" },
      byDistance: distance.map((accuracy, k) => ({ distance: [1 + 10 * k, 10 + 10 * k] as const, accuracy, count, loss: 0.5 })),
      byAttractors: attractors.map((accuracy, a) => ({ attractors: a, accuracy, count, loss: 0.5 })),
    },
  });
  return { summary, metrics: [] };
}

describe("bucketTable", () => {
  it("makes one row per model and bucket at the bucket's geometric centre, with pooled counts and no band for one seed", () => {
    const t = bucketTable([{ label: "RNN", cell: "rnn_tanh", runs: [run([0.9, 0.6], [0.8])] }], "distance");
    expect(t.rows).toEqual([
      { label: "RNN", cell: "rnn_tanh", bucket: Math.sqrt(10), accuracy: 0.9, count: 100 },
      { label: "RNN", cell: "rnn_tanh", bucket: Math.sqrt(11 * 20), accuracy: 0.6, count: 100 },
    ]);
    expect(t.bands).toEqual([]);
    expect(t.models).toEqual([{ label: "RNN", buckets: [{ lo: 1, hi: 10, correct: 90, count: 100 }, { lo: 11, hi: 20, correct: 60, count: 100 }] }]);
  });

  it("averages seeds, with the lowest and the highest seed as the band, and sums their counts", () => {
    const t = bucketTable([{ label: "LSTM", runs: [run([0.9], [0.7, 0.5]), run([0.8], [0.9, 0.5]), run([1], [0.6, 0.5])] }], "attractors");
    expect(t.rows.map((r) => [r.bucket, r.accuracy, r.count])).toEqual([
      [0, (0.7 + 0.9 + 0.6) / 3, 300],
      [1, 0.5, 300],
    ]);
    expect(t.bands).toEqual([
      { label: "LSTM", bucket: 0, low: 0.6, high: 0.9 },
      { label: "LSTM", bucket: 1, low: 0.5, high: 0.5 },
    ]);
    expect(t.models[0]!.buckets[0]).toEqual({ lo: 0, hi: 0, correct: 220, count: 300 });
  });

  it("leaves out runs that have no evaluation (failed runs)", () => {
    const failed = { ...run([0.5], [0.5]), summary: { ...run([0.5], [0.5]).summary, evaluation: null } };
    expect(bucketTable([{ label: "RNN", runs: [failed] }], "distance")).toEqual({ rows: [], bands: [], models: [] });
  });
});
