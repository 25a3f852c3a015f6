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
  it("makes one row per model and bucket at the bucket's centre, with pooled counts and no bars for one seed", () => {
    const t = bucketTable([{ label: "RNN", cell: "rnn_tanh", runs: [run([0.9, 0.6], [0.8])] }], "distance");
    expect(t.rows).toEqual([
      { label: "RNN", cell: "rnn_tanh", bucket: 5.5, accuracy: 0.9, count: 100 },
      { label: "RNN", cell: "rnn_tanh", bucket: 15.5, accuracy: 0.6, count: 100 },
    ]);
    expect(t.bars).toEqual([]);
    expect(t.models).toEqual([{ label: "RNN", buckets: [{ lo: 1, hi: 10, correct: 90, count: 100 }, { lo: 11, hi: 20, correct: 60, count: 100 }] }]);
  });

  it("averages seeds, with ± one standard deviation as error bars, and sums their counts", () => {
    const t = bucketTable([{ label: "LSTM", runs: [run([0.9], [0.7, 0.5]), run([0.8], [0.9, 0.5])] }], "attractors");
    expect(t.rows.map((r) => [r.bucket, r.accuracy, r.count])).toEqual([
      [0, 0.8, 200],
      [1, 0.5, 200],
    ]);
    expect(t.bars[0]!.low).toBeCloseTo(0.8 - Math.SQRT2 * 0.1, 12);
    expect(t.bars[1]).toEqual({ label: "LSTM", bucket: 1, low: 0.5, high: 0.5 });
    const high = bucketTable([{ label: "GRU", runs: [run([1], []), run([0.9], [])] }], "distance");
    expect(high.bars[0]!.high).toBe(1);
    expect(t.models[0]!.buckets[0]).toEqual({ lo: 0, hi: 0, correct: 160, count: 200 });
  });

  it("leaves out runs that have no evaluation (failed runs)", () => {
    const failed = { ...run([0.5], [0.5]), summary: { ...run([0.5], [0.5]).summary, evaluation: null } };
    expect(bucketTable([{ label: "RNN", runs: [failed] }], "distance")).toEqual({ rows: [], bars: [], models: [] });
  });
});
