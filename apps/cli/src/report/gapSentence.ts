// The vanishing-gradient claim in words, from counts measured on test buckets: "at distance ≥ N the RNN is at X%
// while the LSTM is at Y%". The words are computed, never written by hand, and say so when there is no gap.
import { formatCount, formatPercent, listText } from "./format";

/** One test bucket of one model: examples with distance (or attractor count) in [lo, hi]. */
export interface BucketCount {
  readonly lo: number;
  readonly hi: number;
  readonly correct: number;
  readonly count: number;
}

/** A model's buckets, sorted by `lo`, all models sharing the same buckets. */
export interface ModelBuckets {
  readonly label: string;
  readonly buckets: readonly BucketCount[];
}

/** A model's accuracy pooled over some buckets. */
export interface Pooled {
  readonly label: string;
  readonly correct: number;
  readonly count: number;
  readonly accuracy: number;
}

export type GapFinding =
  /** Every tail of buckets from `from` on shows the gap: "at distance ≥ from …". */
  | { readonly kind: "tail"; readonly from: number; readonly to: number; readonly tail: readonly Pooled[]; readonly head: readonly Pooled[] | null }
  /** No tail holds, but bucket [lo, hi] does (the largest significant gap). */
  | { readonly kind: "bucket"; readonly lo: number; readonly hi: number; readonly at: readonly Pooled[] }
  /** No bucket shows the gap; accuracies pooled over every bucket. */
  | { readonly kind: "none"; readonly overall: readonly Pooled[] };

export interface GapOptions {
  /** What the buckets measure (default "distance"). */
  readonly by?: "distance" | "attractors";
  /** The smallest accuracy difference that counts as a gap (default 0.05, five points). */
  readonly minGap?: number;
}

function pool(model: ModelBuckets, from: number, to: number): Pooled {
  let correct = 0;
  let count = 0;
  for (let k = from; k < to; k++) {
    correct += model.buckets[k]!.correct;
    count += model.buckets[k]!.count;
  }
  return { label: model.label, correct, count, accuracy: count === 0 ? NaN : correct / count };
}

/** `better` beats `worse` by at least `minGap` and by more than two standard errors of the difference. */
function beats(better: Pooled, worse: Pooled, minGap: number): boolean {
  const gap = better.accuracy - worse.accuracy;
  const p = better.accuracy;
  const q = worse.accuracy;
  const se = Math.sqrt((p * (1 - p)) / better.count + (q * (1 - q)) / worse.count);
  return gap >= minGap && gap > 2 * se;
}

/**
 * Where `models[1]` (e.g. the LSTM) beats `models[0]` (the vanilla RNN): the smallest bucket start N such that
 * every bucket from N on is ahead by at least `minGap`, and the buckets from N on pooled are ahead by more than two
 * standard errors too. Failing that, the single bucket with the largest such gap; failing that, none. Other models
 * are reported over the same buckets.
 */
export function measureGap(models: readonly ModelBuckets[], options: GapOptions = {}): GapFinding {
  const fn = "measureGap";
  if (models.length < 2) throw new RangeError(`${fn}: models must hold the baseline and at least one other model, got ${models.length}`);
  const n = models[0]!.buckets.length;
  models.forEach((m, i) => {
    if (m.buckets.length !== n) {
      throw new RangeError(`${fn}: models[${i}].buckets must have the same length as models[0].buckets (${n}), got ${m.buckets.length}`);
    }
    m.buckets.forEach((b, k) => {
      const ref = models[0]!.buckets[k]!;
      if (b.lo !== ref.lo || b.hi !== ref.hi) {
        throw new RangeError(`${fn}: models[${i}].buckets[${k}] must be [${ref.lo}, ${ref.hi}] as in models[0], got [${b.lo}, ${b.hi}]`);
      }
    });
  });
  const minGap = options.minGap ?? 0.05;
  const [base, other] = [models[0]!, models[1]!];
  let from = -1;
  for (let k = n - 1; k >= 0; k--) {
    if (!(pool(other, k, k + 1).accuracy - pool(base, k, k + 1).accuracy >= minGap)) break;
    if (beats(pool(other, k, n), pool(base, k, n), minGap)) from = k;
  }
  if (from >= 0) {
    return {
      kind: "tail",
      from: base.buckets[from]!.lo,
      to: base.buckets[n - 1]!.hi,
      tail: models.map((m) => pool(m, from, n)),
      head: from === 0 ? null : models.map((m) => pool(m, 0, from)),
    };
  }
  let best = -1;
  let bestGap = -Infinity;
  for (let k = 0; k < n; k++) {
    const o = pool(other, k, k + 1);
    const b = pool(base, k, k + 1);
    if (beats(o, b, minGap) && o.accuracy - b.accuracy > bestGap) {
      best = k;
      bestGap = o.accuracy - b.accuracy;
    }
  }
  if (best >= 0) {
    const bucket = base.buckets[best]!;
    return { kind: "bucket", lo: bucket.lo, hi: bucket.hi, at: models.map((m) => pool(m, best, best + 1)) };
  }
  return { kind: "none", overall: models.map((m) => pool(m, 0, n)) };
}

function where(by: "distance" | "attractors", lo: number, hi?: number): string {
  if (by === "distance") return hi === undefined ? `at distance ≥ ${lo}` : lo === hi ? `at distance ${lo}` : `at distance ${lo}–${hi}`;
  if (hi === undefined) return `with ≥ ${lo} attractors`;
  const range = lo === hi ? `${lo}` : `${lo}–${hi}`;
  return `with ${range} attractor${lo === 1 && hi === 1 ? "" : "s"}`;
}

/** "the RNN is at 61.2% while the LSTM is at 93.0% and the GRU at 95.1%". */
function standing(pooled: readonly Pooled[]): string {
  const [base, first, ...rest] = pooled;
  const others = [`the ${first!.label} is at ${formatPercent(first!.accuracy)}`, ...rest.map((p) => `the ${p.label} at ${formatPercent(p.accuracy)}`)];
  return `the ${base!.label} is at ${formatPercent(base!.accuracy)} while ${listText(others)}`;
}

function perModel(pooled: readonly Pooled[]): string {
  const counts = new Set(pooled.map((p) => p.count));
  return counts.size === 1 ? `${formatCount(pooled[0]!.count)} test sentences per model` : `${listText(pooled.map((p) => `${formatCount(p.count)} (${p.label})`))} test sentences`;
}

/** The finding as one or two sentences. */
export function gapSentence(finding: GapFinding, options: GapOptions = {}): string {
  const by = options.by ?? "distance";
  const minGap = options.minGap ?? 0.05;
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  switch (finding.kind) {
    case "tail": {
      if (finding.head === null) {
        const range = finding.from === finding.to ? `${finding.from}` : `${finding.from}–${finding.to}`;
        const all = by === "distance" ? `At every distance tested (${range})` : `With every attractor count tested (${range})`;
        return `${all}, ${standing(finding.tail)} (${perModel(finding.tail)}).`;
      }
      const first = `${cap(where(by, finding.from))} ${standing(finding.tail)} (${perModel(finding.tail)}).`;
      const below = by === "distance" ? `at distance < ${finding.from}` : `with < ${finding.from} attractors`;
      return `${first} ${cap(below)} they are at ${listText(finding.head.map((p) => formatPercent(p.accuracy)))}.`;
    }
    case "bucket":
      return (
        `No gap holds for every longer ${by === "distance" ? "distance" : "attractor count"}; the largest is ` +
        `${where(by, finding.lo, finding.hi)}, where ${standing(finding.at)} (${perModel(finding.at)}).`
      );
    case "none": {
      const [base, other] = finding.overall;
      return (
        `No gap: ${by === "distance" ? "at no distance" : "at no attractor count"} does the ${other!.label} beat the ` +
        `${base!.label} by ${Math.round(minGap * 100)} points or more (beyond two standard errors); over all buckets ` +
        `${standing(finding.overall)} (${perModel(finding.overall)}).`
      );
    }
  }
}
