import { formatRate, formatRatio } from "./format";
import { overheadTable, rateTable, sweepTable } from "./report";
import type { BenchResult, Measurement } from "./results";
import { markdownTable } from "./table";

/** The lines that fence the generated part of a README; everything between them is replaced on each full run. */
export const BEGIN = "<!-- benchmarks:begin — generated from BENCHMARKS.md by `pnpm --filter @vanish/bench run bench`; do not edit -->";
export const END = "<!-- benchmarks:end -->";

/** The README (relative to the repository root) of each part that quotes its own rows of BENCHMARKS.md. */
export const QUOTING_READMES = ["packages/core/README.md", "packages/rnn/README.md", "packages/clipping/README.md", "packages/datasets/README.md", "apps/cli/README.md"] as const;
export type QuotingReadme = (typeof QUOTING_READMES)[number];

/** Work per second of a training row (forward multiply-adds per second; see `macPerSequence`). */
function work(m: Measurement): number {
  return m.median * (m.macPerUnit ?? 1);
}

function best(rows: readonly Measurement[], keep: (m: Measurement) => boolean): Measurement | undefined {
  return rows.filter(keep).reduce<Measurement | undefined>((b, m) => (b === undefined || work(m) > work(b) ? m : b), undefined);
}

/**
 * One line per training case: Vanish's best float32 and float64 rates (either kernel backend), the fastest
 * alternative per unit of work, and Vanish float32 ÷ that alternative.
 */
export function trainingSummary(rows: readonly Measurement[]): string {
  const names: Record<string, string> = { rnn_tanh: "tanh RNN", lstm: "LSTM", gru: "GRU" };
  const cases = [...new Set(rows.map((m) => `${m.group}\u0000${m.case}`))];
  const body = cases.map((key) => {
    const [group, c] = key.split("\u0000");
    const here = rows.filter((m) => m.group === group && m.case === c);
    const f32 = best(here, (m) => m.impl?.library === "vanish" && m.impl.dtype === "float32");
    const f64 = best(here, (m) => m.impl?.library === "vanish" && m.impl.dtype === "float64");
    const alt = best(here, (m) => m.impl?.library !== "vanish");
    const rate = (m: Measurement | undefined) => (m ? `${formatRate(m.median)} (${m.impl?.library === "vanish" ? m.impl.backend : ""})` : "–");
    return [
      `${names[group] ?? group} ${c}`,
      rate(f32),
      rate(f64),
      alt ? `${alt.label}: ${formatRate(alt.median)}` : "–",
      f32 && alt ? `**${formatRatio(work(f32) / work(alt))}**` : "–",
    ];
  });
  return markdownTable(["case", "Vanish float32 seq/s (backend)", "Vanish float64 seq/s (backend)", "fastest alternative per unit of work: seq/s", "Vanish float32 ÷ it"], body);
}

/** A table of `rows`, or a line saying that the result has none. */
function table(rows: readonly Measurement[], render: (rows: readonly Measurement[]) => string): string {
  return rows.length > 0 ? render(rows) : "(not measured in this run)";
}

/** The generated section of each quoting README, from one benchmark result. */
export function readmeSections(r: BenchResult): Record<QuotingReadme, string> {
  const of = (w: string, group?: string) => r.measurements.filter((m) => m.workload === w && (group === undefined || m.group === group));
  const m = r.machine;
  const source = `From [BENCHMARKS.md](../../BENCHMARKS.md): ${m.date.slice(0, 16).replace("T", " ")} UTC, ${m.cpu} (${m.cores} cores), Node ${m.node}, sources at ${m.commit ?? "?"}, load average at most ${m.loadAverage.max ?? "?"} during the run (up to 2 is the benchmark itself); median of ${r.timing.samples} samples.`;
  const section = (...parts: string[]) => [BEGIN, source, "", ...parts.flatMap((p) => [p, ""]), END].join("\n");
  const training = [...of("rnn"), ...of("gated")];
  return {
    "packages/core/README.md": section(
      "C = A·B, GFLOPS, one thread; tfjs calls `tf.matMul` + `dataSync`. float32:",
      table(of("gemm", "float32"), rateTable),
      "float64 (tfjs has no float64 kernels):",
      table(of("gemm", "float64"), rateTable),
    ),
    "packages/rnn/README.md": section(
      "Training step (batch 32, input 16, 2 classes, SGD, full BPTT) against TensorFlow.js 4.22 (cpu and wasm backends, Keras layers and manual loops) and brain.js; ratios per unit of work (brain.js trains one sequence at a time with a loss at every step):",
      table(training, trainingSummary),
    ),
    "packages/clipping/README.md": section("What clipping adds to a float32 tanh-RNN training step (T50/H64, batch 32):", table(of("overhead"), overheadTable)),
    "packages/datasets/README.md": section("Generation throughput, one thread:", table(of("datasets", "generation"), (rows) => markdownTable(["what", "rate"], rows.map((x) => [x.case, `${formatRate(x.median)} ${x.unit}`])))),
    "apps/cli/README.md": section(
      "`vanish sweep` of 8 runs (adding T 25, hidden 32, batch 32, 1000 steps), a fresh process per sweep, wall clock; speed-up paired by round:",
      table(of("datasets", "sweep"), sweepTable),
    ),
  };
}

/** `readme` with the text between its {@link BEGIN} and {@link END} lines (inclusive) replaced by `section`. */
export function spliceSection(readme: string, section: string, file: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) {
    throw new RangeError(`spliceSection: ${file} must hold one "${BEGIN}" line followed by one "${END}" line, got ${begin < 0 ? "no begin line" : "the end line before the begin line or none"}`);
  }
  return readme.slice(0, begin) + section + readme.slice(end + END.length);
}
