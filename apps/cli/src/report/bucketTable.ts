// Accuracy per test bucket (distance or attractor count) of several models, each trained with one or more seeds:
// the chart's rows (mean over seeds), its error bars (± one standard deviation) and the pooled counts the gap
// sentence tests.
import type { BucketAccuracy, CellType } from "@vanish/viz";
import type { ErrorBar } from "./errorBars";
import type { RunRecord } from "./explodingSentences";
import type { ModelBuckets } from "./gapSentence";
import { meanStd } from "./stats";

/** One model (a line of the chart) and its runs, one per seed. */
export interface ModelRuns {
  readonly label: string;
  readonly cell?: CellType;
  readonly runs: readonly RunRecord[];
}

export interface BucketTable {
  readonly rows: BucketAccuracy[];
  /** Mean ± one standard deviation, within [0, 1]; only with more than one seed. */
  readonly bars: ErrorBar[];
  readonly models: ModelBuckets[];
}

/** Builds the table from each run's final evaluation; runs without one (failed runs) are left out. */
export function bucketTable(models: readonly ModelRuns[], by: "distance" | "attractors"): BucketTable {
  const rows: BucketAccuracy[] = [];
  const bars: ErrorBar[] = [];
  const counts: ModelBuckets[] = [];
  for (const m of models) {
    const evaluations = m.runs.flatMap((r) => (r.summary.evaluation === null ? [] : [r.summary.evaluation]));
    if (evaluations.length === 0) continue;
    const scores = evaluations.map((e) =>
      (by === "distance" ? (e.byDistance ?? []) : (e.byAttractors ?? [])).map((s) => ({
        lo: "distance" in s ? s.distance[0] : s.attractors,
        hi: "distance" in s ? s.distance[1] : s.attractors,
        accuracy: s.accuracy ?? NaN,
        count: s.count,
      })),
    );
    const buckets = scores[0]!.map((first, k) => {
      const perSeed = scores.map((s) => s[k]!);
      const { mean, std } = meanStd(perSeed.map((s) => s.accuracy));
      const bucket = by === "distance" ? (first.lo + first.hi) / 2 : first.lo;
      const key = m.cell === undefined ? { label: m.label } : { label: m.label, cell: m.cell };
      const count = perSeed.reduce((a, s) => a + s.count, 0);
      rows.push({ ...key, bucket, accuracy: mean, count });
      // Accuracy is a fraction: the bar stops at 0% and 100%.
      if (perSeed.length > 1) bars.push({ ...key, bucket, low: Math.max(0, mean - std), high: Math.min(1, mean + std) });
      const correct = perSeed.reduce((a, s) => a + Math.round(s.accuracy * s.count), 0);
      return { lo: first.lo, hi: first.hi, correct, count };
    });
    counts.push({ label: m.label, buckets });
  }
  return { rows, bars, models: counts };
}
