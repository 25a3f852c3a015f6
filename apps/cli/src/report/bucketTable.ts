// Accuracy per test bucket (distance or attractor count) of several models, each trained with one or more seeds:
// the chart's rows (mean over seeds), its bands (the lowest and the highest seed) and the pooled counts the gap
// sentence tests. Distance buckets sit at their geometric centre, for a log distance axis (1, 2, 3–4, 5–8, …).
import type { AccuracyBand, BucketAccuracy, CellType } from "@vanish/viz";
import type { RunRecord } from "./explodingSentences";
import type { ModelBuckets } from "./gapSentence";

/** One model (a line of the chart) and its runs, one per seed. */
export interface ModelRuns {
  readonly label: string;
  readonly cell?: CellType;
  readonly runs: readonly RunRecord[];
}

export interface BucketTable {
  readonly rows: BucketAccuracy[];
  /** The lowest and the highest seed's accuracy per bucket; only with more than one seed. */
  readonly bands: AccuracyBand[];
  readonly models: ModelBuckets[];
}

/** Builds the table from each run's final evaluation; runs without one (failed runs) are left out. */
export function bucketTable(models: readonly ModelRuns[], by: "distance" | "attractors"): BucketTable {
  const rows: BucketAccuracy[] = [];
  const bands: AccuracyBand[] = [];
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
      const accuracies = perSeed.map((s) => s.accuracy);
      const mean = accuracies.reduce((a, v) => a + v, 0) / accuracies.length;
      const bucket = by === "distance" ? Math.sqrt(first.lo * first.hi) : first.lo;
      const key = m.cell === undefined ? { label: m.label } : { label: m.label, cell: m.cell };
      const count = perSeed.reduce((a, s) => a + s.count, 0);
      rows.push({ ...key, bucket, accuracy: mean, count });
      if (perSeed.length > 1 && accuracies.every(Number.isFinite)) bands.push({ label: m.label, bucket, low: Math.min(...accuracies), high: Math.max(...accuracies) });
      const correct = perSeed.reduce((a, s) => a + Math.round(s.accuracy * s.count), 0);
      return { lo: first.lo, hi: first.hi, correct, count };
    });
    counts.push({ label: m.label, buckets });
  }
  return { rows, bands, models: counts };
}
