import type { AgreementExample } from "./generator";

/** Counts of each integer value, ascending. */
export type Histogram = readonly { readonly value: number; readonly count: number }[];

/** Range, mean and histogram of one integer field. */
export interface FieldSummary {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly histogram: Histogram;
}

/** A summary of a generated set (for READMEs and charts). */
export interface AgreementSummary {
  readonly count: number;
  /** Label counts (0/1: singular/plural, or ungrammatical/grammatical). */
  readonly labels: Histogram;
  /** Share of plural target subjects. */
  readonly pluralShare: number;
  /** Examples whose target subject is a held-out noun. */
  readonly heldOut: number;
  readonly distance: FieldSummary;
  readonly attractors: FieldSummary;
  /** Target level (0 = main clause). */
  readonly depth: FieldSummary;
  readonly nesting: FieldSummary;
  readonly prefix: FieldSummary;
  /** Full sentence length. */
  readonly length: FieldSummary;
  /** Model input length (`ids`). */
  readonly inputLength: FieldSummary;
}

const FIELDS = ["distance", "attractors", "depth", "nesting", "prefix", "length", "inputLength"] as const;

/** Accumulates a summary over a stream without keeping the examples. */
export class AgreementStats {
  private count = 0;
  private plural = 0;
  private heldOut = 0;
  private readonly labels = new Map<number, number>();
  private readonly fields = FIELDS.map(() => ({ sum: 0, counts: new Map<number, number>() }));

  add(example: AgreementExample): this {
    const m = example.meta;
    this.count++;
    this.plural += m.number;
    if (m.heldOut) this.heldOut++;
    bump(this.labels, example.label);
    const values = [m.distance, m.attractors, m.depth, m.nesting, m.prefix, m.length, example.ids.length];
    for (let i = 0; i < values.length; i++) {
      this.fields[i].sum += values[i];
      bump(this.fields[i].counts, values[i]);
    }
    return this;
  }

  summary(): AgreementSummary {
    const field = (i: number): FieldSummary => {
      const histogram = toHistogram(this.fields[i].counts);
      return {
        min: histogram.length > 0 ? histogram[0].value : 0,
        max: histogram.length > 0 ? histogram[histogram.length - 1].value : 0,
        mean: this.count > 0 ? this.fields[i].sum / this.count : 0,
        histogram,
      };
    };
    return {
      count: this.count,
      labels: toHistogram(this.labels),
      pluralShare: this.count > 0 ? this.plural / this.count : 0,
      heldOut: this.heldOut,
      distance: field(0),
      attractors: field(1),
      depth: field(2),
      nesting: field(3),
      prefix: field(4),
      length: field(5),
      inputLength: field(6),
    };
  }
}

/** The summary of a set or stream of examples. */
export function summarizeAgreement(examples: Iterable<AgreementExample>): AgreementSummary {
  const stats = new AgreementStats();
  for (const e of examples) stats.add(e);
  return stats.summary();
}

/** A Markdown rendering of a summary: one table of ranges and means, and the label and attractor histograms. */
export function formatSummary(summary: AgreementSummary): string {
  const f = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
  const hist = (h: Histogram) => h.map(({ value, count }) => `${value}: ${count}`).join(", ");
  const lines = [
    `${summary.count} examples, ${f(summary.pluralShare * 100)}% plural targets, ${summary.heldOut} held-out subjects`,
    "",
    "| field | min | mean | max |",
    "|---|---|---|---|",
    ...FIELDS.map((k) => `| ${k} | ${summary[k].min} | ${f(summary[k].mean)} | ${summary[k].max} |`),
    "",
    `labels: ${hist(summary.labels)}`,
    `attractors: ${hist(summary.attractors.histogram)}`,
    `depth: ${hist(summary.depth.histogram)}`,
  ];
  return lines.join("\n");
}

function bump(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function toHistogram(map: Map<number, number>): Histogram {
  return [...map.entries()].sort((a, b) => a[0] - b[0]).map(([value, count]) => ({ value, count }));
}
