// How far each cell carries the subject's number: the smallest distance at which its mean accuracy over seeds falls
// below a bar (75% by default), read off the distance buckets. The headline of the demo is built from it.
import { formatPercent, listText } from "./format";

/** One distance bucket of one model, with its accuracy averaged over seeds. */
export interface MeanBucket {
  readonly lo: number;
  readonly hi: number;
  readonly accuracy: number;
}

/** The accuracy below which a model no longer counts as carrying the number (halfway from chance to perfect). */
export const REACH_BAR = 0.75;

/**
 * The lower edge of the first bucket (in distance order) whose mean accuracy is below `bar` or not a number, or
 * null when every bucket is at or above it (the model carries the number beyond the last bucket).
 */
export function reachOf(buckets: readonly MeanBucket[], bar = REACH_BAR): number | null {
  const sorted = [...buckets].sort((a, b) => a.lo - b.lo);
  for (const b of sorted) if (!(b.accuracy >= bar)) return b.lo;
  return null;
}

/** A model's reach, as the headline says it. */
export interface ModelReach {
  readonly label: string;
  readonly reach: number | null;
}

/**
 * "The RNN carries the subject's number about 4 words (its mean accuracy falls below 75% from distance 5 on); the LSTM
 * and the GRU beyond 40 (at or above 75% in every bucket up to 40)." `models[0]` is the baseline; `last` is the longest
 * distance tested.
 */
export function reachSentence(models: readonly ModelReach[], last: number, bar = REACH_BAR): string {
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  const groups = new Map<string, string[]>();
  for (const m of models) {
    const key = m.reach === null ? "beyond" : String(m.reach);
    groups.set(key, [...(groups.get(key) ?? []), `the ${m.label}`]);
  }
  const parts = [...groups.entries()].map(([key, labels], i) => {
    const who = listText(labels);
    const verb = i === 0 ? (labels.length === 1 ? " carries the subject's number" : " carry the subject's number") : "";
    if (key === "beyond") return `${who}${verb} beyond ${last} words (at or above ${formatPercent(bar)} in every bucket up to ${last})`;
    const reach = Number(key);
    if (reach <= 1) return `${who}${verb} not even one word (below ${formatPercent(bar)} already at distance ${reach})`;
    return `${who}${verb} about ${reach - 1} word${reach === 2 ? "" : "s"} (below ${formatPercent(bar)} from distance ${reach} on)`;
  });
  return `${cap(parts.join("; "))}.`;
}
