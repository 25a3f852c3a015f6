import type { Check } from "./checks";
import { formatPercent, formatRate, formatRatio, formatSpread } from "./format";
import { LOSS_TOLERANCE, CHECKSUM_TOLERANCE } from "./checks";
import type { BenchResult, Measurement } from "./results";
import { summarize } from "./stats";
import { referenceTable } from "./referenceFigures";
import { markdownTable } from "./table";
import { BUSY_LOAD } from "./machine";

/** The command that regenerates BENCHMARKS.md. */
export const REGENERATE = "pnpm --filter @vanish/bench run bench";

/** Cases in first-seen order. */
function casesOf(rows: readonly Measurement[]): string[] {
  return [...new Set(rows.map((m) => m.case))];
}

/** Implementations (by id) in first-seen order, with their labels. */
function implsOf(rows: readonly Measurement[]): [string, string][] {
  const seen = new Map<string, string>();
  for (const m of rows) if (!seen.has(m.id)) seen.set(m.id, m.label);
  return [...seen];
}

function cell(m: Measurement | undefined): string {
  return m ? `${formatRate(m.median)} ${formatSpread(m.spread)}` : "–";
}

/** A table of median rates: one row per implementation, one column per case ("–" where it did not run). */
export function rateTable(rows: readonly Measurement[], first = "implementation"): string {
  const cases = casesOf(rows);
  const body = implsOf(rows).map(([id, label]) => [label, ...cases.map((c) => cell(rows.find((m) => m.id === id && m.case === c)))]);
  return markdownTable([first, ...cases], body);
}

/** Work per second of a training row (forward multiply-adds per second), or its plain rate when it has no unit of work. */
function workRate(m: Measurement): number {
  return m.median * (m.macPerUnit ?? 1);
}

/** Vanish's fastest row of `dtype` for a case (its faster kernel backend). */
function bestVanish(rows: readonly Measurement[], c: string, dtype: string): Measurement | undefined {
  return rows
    .filter((m) => m.case === c && m.impl?.library === "vanish" && m.impl.dtype === dtype)
    .reduce<Measurement | undefined>((best, m) => (best === undefined || workRate(m) > workRate(best) ? m : best), undefined);
}

/**
 * Vanish ÷ each alternative, per case, on work per second (for batched implementations of the same case this
 * equals the ratio of sequences per second). Each cell reads "float32 / float64", each Vanish dtype on its faster
 * backend; `dtypes` limits that (products are compared in float32 only, as tfjs has no float64).
 */
export function ratioTable(rows: readonly Measurement[], dtypes: readonly string[] = ["float32", "float64"]): string {
  const cases = casesOf(rows);
  const alternatives = implsOf(rows.filter((m) => m.impl?.library !== "vanish"));
  const body = alternatives.map(([id, label]) => [
    label,
    ...cases.map((c) => {
      const alt = rows.find((m) => m.id === id && m.case === c);
      if (!alt) return "–";
      return dtypes.map((d) => {
        const v = bestVanish(rows, c, d);
        return v ? formatRatio(workRate(v) / workRate(alt)) : "–";
      }).join(" / ");
    }),
  ]);
  return markdownTable([`Vanish ${dtypes.join(" / ")} ÷`, ...cases], body);
}

/**
 * The overhead of a variant over the base step, paired by round: sample s of both ran in the same round
 * (see `runOverhead`), so the median of the per-round ratios − 1 is immune to slow stretches between rounds.
 */
export function pairedOverhead(base: Measurement, variant: Measurement): number {
  const n = Math.min(base.samples.length, variant.samples.length);
  return summarize(Array.from({ length: n }, (_, s) => base.samples[s] / variant.samples[s])).median - 1;
}

/** Overhead rows: for each backend, the rate of each variant and its paired overhead over the plain step. */
export function overheadTable(rows: readonly Measurement[]): string {
  const backends = implsOf(rows);
  const variants = casesOf(rows);
  const header = ["variant", ...backends.flatMap(([, label]) => [`${label}: seq/s`, "overhead"])];
  const body = variants.map((v, k) => [
    v,
    ...backends.flatMap(([id]) => {
      const m = rows.find((r) => r.id === id && r.case === v);
      const base = rows.find((r) => r.id === id && r.case === variants[0]);
      return [cell(m), m && base && k > 0 ? formatPercent(pairedOverhead(base, m)) : k === 0 ? "(base)" : "–"];
    }),
  ]);
  return markdownTable(header, body);
}

/**
 * The speed-up of `many` over `one`, paired by round: sample r of both ran in round r (see `runSweepBench`),
 * so the median of the per-round ratios is immune to slow stretches between rounds.
 */
export function pairedSpeedup(one: Measurement, many: Measurement): number {
  const n = Math.min(one.samples.length, many.samples.length);
  return summarize(Array.from({ length: n }, (_, r) => many.samples[r] / one.samples[r])).median;
}

/** Sweep rows: each worker count's rate, and its paired speed-up over the first (one worker). */
export function sweepTable(rows: readonly Measurement[]): string {
  const body = rows.map((m, k) => [m.case, `${formatRate(m.median)} ${m.unit}`, formatSpread(m.spread), k === 0 ? "(base)" : `${pairedSpeedup(rows[0], m).toFixed(2)}×`]);
  return markdownTable(["what", "rate", "spread", "speed-up"], body);
}

/** The same-work evidence: per case, the reference values and the largest deviation of the others. */
export function checksTable(checks: readonly Check[]): string {
  const worst = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length === 0 ? "–" : Math.max(...v).toExponential(1);
  };
  const body = checks.map((c) => [
    `${c.workload}${c.group ? ` ${c.group}` : ""} ${c.case}`,
    c.reference,
    c.kind === "loss" ? `${c.values[0].toFixed(6)} → ${c.values[1].toFixed(6)}` : `Σ C² = ${c.values[0].toPrecision(7)}`,
    worst(c.agreements.map((a) => a.first)),
    c.kind === "loss" ? worst(c.agreements.map((a) => a.second)) : "",
    String(c.agreements.length),
    c.ok ? "yes" : "**NO**",
  ]);
  return markdownTable(["case", "reference", "reference value(s)", "largest Δ first", "largest Δ second", "others", "agree"], body);
}

function machineTable(r: BenchResult): string {
  const m = r.machine;
  const v = (name: string) => `${name} ${m.packages[name] ?? "(not installed)"}`;
  const { start, max, end } = m.loadAverage;
  const busy = (max ?? end ?? start) > BUSY_LOAD;
  const load = `${start} / ${max ?? "?"} / ${end ?? "?"} — ${busy ? `above ${BUSY_LOAD} during the run: more than the benchmark was running, expect noise` : `up to ${BUSY_LOAD} is the benchmark's own (one worker process and its background compiler and GC threads)`}`;
  return markdownTable(
    ["", ""],
    [
      ["date (UTC)", m.date],
      ["CPU", `${m.cpu} — ${m.cores} cores, ${m.memoryGiB} GiB`],
      ["OS", m.os],
      ["Node", `${m.node} (V8 ${m.v8})`],
      ["load average (1 min): start / highest during the run / end", load],
      ["Vanish", `${["@vanish/core", "@vanish/rnn", "@vanish/clipping", "@vanish/datasets"].map(v).join(", ")} — sources at commit ${m.commit ?? "?"}`],
      ["TensorFlow.js", `${v("@tensorflow/tfjs")} (cpu backend), ${v("@tensorflow/tfjs-backend-wasm")}`],
      ["brain.js", v("brain.js")],
    ],
    ["left", "left"],
  );
}

function notesOf(rows: readonly Measurement[]): string[] {
  return [...new Set(rows.flatMap((m) => m.notes))];
}

function bullets(lines: readonly string[]): string {
  return lines.map((l) => `- ${l}`).join("\n");
}

/** BENCHMARKS.md: machine, method, the five workloads with ratios, and the same-work checks. */
export function renderReport(r: BenchResult, jsonPath: string): string {
  const of = (w: string, group?: string) => r.measurements.filter((m) => m.workload === w && (group === undefined || m.group === group));
  const t = r.timing;
  const out: string[] = [];
  out.push("# Benchmarks: Vanish, TensorFlow.js and brain.js on the same work", "");
  out.push(`<!-- Generated by \`${REGENERATE}\` (apps/bench). Do not edit by hand: regenerate on a quiet machine. -->`, "");
  if (r.mode !== "full") out.push(`> **${r.mode} run** — not for quoting: short samples${r.mode === "partial" ? ", some workloads only" : ""}.`, "");
  out.push(`Command: \`${r.command}\` (${r.seconds} s). Machine-readable result: \`${jsonPath}\`.`, "");
  out.push("## Machine and versions", "", machineTable(r), "");
  out.push("## Method", "");
  out.push(
    bullets([
      "Each implementation runs in its own Node process (`node --import tsx`), one process at a time, so that no JIT state, backend or wasm memory carries over.",
      `Warm-up ${t.warmupSeconds} s, then ${t.samples} timed samples of at least ${t.minSeconds} s of whole calls each. Tables give the median rate and ± half the range of the samples, relative to the median.`,
      "Same work, proven: every training implementation except brain.js starts from one set of weights (drawn once with core's `Random`, PyTorch layout, mapped to tfjs as kernel = W_ihᵀ, recurrent_kernel = W_hhᵀ, bias = b_ih + b_hh, dense kernel = headᵀ) and one batch, and reports its first loss, which must match Vanish float64's to " +
        `${LOSS_TOLERANCE} (relative above 1); those that keep PyTorch's two biases must also match the loss after one SGD step, which checks the gradients. Products must match Σ C² to ${CHECKSUM_TOLERANCE} relative. The run fails otherwise (table at the end).`,
      ...r.notes,
    ]),
    "",
  );

  const rnn = of("rnn");
  if (rnn.length > 0) {
    out.push("## 1. Vanilla tanh RNN training step", "");
    out.push("Batch 32, input 16, 2 classes from the last state, softmax cross-entropy, SGD (lr 0.1), full BPTT. **Sequences per second** (higher is better).", "");
    out.push(rateTable(rnn), "");
    out.push("Vanish ÷ each alternative, per unit of work (see §2), float32 / float64 (each on its faster backend):", "");
    out.push(ratioTable(rnn), "");
  }
  const gated = of("gated");
  if (gated.length > 0) {
    out.push("## 2. LSTM and GRU training step", "");
    out.push(
      "Same setting; the GRU is PyTorch's reset-after form. **Sequences per second.** brain.js trains one sequence at a time (no batches) with a loss at every step and predicts all 16 inputs (its `end()` needs outputSize = inputSize), so it is compared **per unit of work**: forward multiply-adds per second, T·G·H·(I + H) for the cell plus O·H per step that reads the head (G = 1, 4, 3 for RNN, LSTM, GRU; backward costs about twice the forward for everyone and is not counted). For the batched implementations the ratio equals the ratio of sequences per second.",
      "",
    );
    for (const [cell, name] of [["lstm", "LSTM"], ["gru", "GRU (reset-after)"]] as const) {
      const rows = of("gated", cell);
      if (rows.length === 0) continue;
      out.push(`### ${name}`, "", rateTable(rows), "", ratioTable(rows), "");
    }
  }
  const training = [...rnn, ...gated];
  if (training.length > 0) {
    out.push("### Against the figures to beat", "");
    out.push(
      "docs/speed.md lists the fastest alternatives measured on another machine of this kind (2 cores, Node 20, one thread): the figures to beat. Vanish's rate measured here is divided by the fastest of them; tfjs wasm's manual loop, measured on both machines, shows how the machines compare (where it ran faster there, the ratio understates Vanish).",
      "",
    );
    out.push(referenceTable(training), "");
  }
  const gemm = of("gemm");
  if (gemm.length > 0) {
    out.push("## 3. Matrix multiply", "");
    out.push("C = A·B, A M×K, B K×N, C overwritten; **GFLOPS** (2·M·N·K per product). Vanish calls core's `gemm`; its wasm rows keep the operands in core's wasm arena (`wasmArray`). tfjs calls `tf.matMul` and reads the result (`dataSync`). 32·64·64 and 32·128·128 are one RNN step's h·W_hhᵀ at batch 32, H 64 and 128.", "");
    out.push(rateTable(gemm), "", ratioTable(gemm, ["float32"]), "");
  }
  const overhead = of("overhead");
  if (overhead.length > 0) {
    out.push("## 4. Clipping and instrumentation overhead", "");
    out.push(`Vanish float32 tanh RNN training step at ${overhead[0].group} (batch 32). The variants share one model and are timed in rounds; the overhead is the median over rounds of (plain step rate ÷ variant rate) − 1.`, "");
    out.push(overheadTable(overhead), "");
  }
  const generation = of("datasets", "generation");
  const sweep = of("datasets", "sweep");
  if (generation.length > 0 || sweep.length > 0) out.push("## 5. Dataset generation and sweeps", "");
  if (generation.length > 0) {
    out.push("One thread. Agreement: one call generates and encodes a batch of 128 examples; classic tasks: one call samples a batch of 64.", "");
    out.push(markdownTable(["what", "rate", "spread"], generation.map((m) => [m.case, `${formatRate(m.median)} ${m.unit}`, formatSpread(m.spread)])), "");
  }
  if (sweep.length > 0) {
    out.push(
      `\`vanish sweep\` on 1 and on 2 worker threads (tinypool), timed end to end from the shell: a fresh CLI process and an empty output folder per sweep, ${sweep[0].samples.length} round(s) alternating the worker counts; the speed-up is the median over rounds of the per-round ratio.`,
      "",
    );
    out.push(sweepTable(sweep), "");
  }
  if (r.checks.length > 0) {
    out.push("## Same work: the checks", "");
    out.push("Reference values are Vanish float64's (first loss → loss after one step, or Σ C²); Δ is the largest absolute difference of any other implementation (relative for Σ C²). “Largest Δ second” covers the implementations whose update is PyTorch's (the manual tfjs loops and Vanish); a Keras layer keeps one summed bias, so its trajectory differs from the second step on by design.", "");
    out.push(checksTable(r.checks), "");
  }
  const notes = notesOf(r.measurements);
  if (notes.length > 0) out.push("## Notes from the workers", "", bullets(notes), "");
  return out.join("\n");
}
