import { writeFileSync } from "node:fs";
import { AgreementGenerator, formatSummary, generateAgreement, summarizeAgreement, toCSV, toJSONL, type Baseline, type TaskBatch } from "@vanish/datasets";
import { InvalidArgumentError, Option, type Command } from "commander";
import { formatBytes, memoryBudget, runDims } from "../engine/runSize";
import { resolveRunConfig } from "../engine/config";
import { configErrorMessage, keyValue } from "./runFlags";
import { ConfigError } from "../engine/configError";
import { setPath } from "../engine/setPath";
import { TASK_NAMES, TASK_PRESETS, resolveTaskConfig, type TaskConfig } from "../engine/taskConfig";
import { seedStreams, sequenceTask } from "../engine/taskData";
import { CliError, EXIT_USAGE, type CliIO } from "../io";
import { fmt } from "../terminal";

interface DataOptions {
  task: string;
  preset?: string;
  knob?: string[];
  count: number;
  seed: number;
  split: "train" | "test" | "heldout";
  format: "jsonl" | "csv";
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Summary statistics of a sequence-task sample. */
export interface SequenceSummary {
  task: string;
  count: number;
  inputSize: number;
  length: { min: number; mean: number; max: number };
  /** Regression: mean and standard deviation of the targets; classification: counts per class. */
  targets: { mean: number; std: number } | { counts: number[] };
  baseline: Baseline;
}

const EXAMPLES = `
Examples:
  $ vanish data --task agreement --preset hard --count 1000 --out agreement.jsonl
  $ vanish data --task agreement --knob distance=[10,40] --split test --format csv --out test.csv
  $ vanish data --task adding --knob length=50 --count 64 --json --out adding.jsonl
  $ vanish data --task temporalOrder --preset easy --count 5 | head -2

Agreement rows follow @vanish/datasets' AgreementRow (sentence, label, distance, attractors, …). Sequence tasks are
written one example per row: JSONL {length, inputs [T][F], target}; CSV in long form (example, t, x0…, target).
A sequence-task sample with --seed S and --count B is the first training batch of a run with seed S and batch B.`;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function positiveInt(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (v.trim() === "" || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${flag} takes an integer >= 0, got "${v}".`);
    return n;
  };
}

/** `vanish data`: generate a task's examples by preset and knobs, export them as JSONL or CSV, print summary stats. */
export function registerData(program: Command, io: CliIO): void {
  program
    .command("data")
    .description("generate a task's examples (presets, knobs, seed), export them as JSONL or CSV and print summary statistics")
    .addOption(new Option("--task <name>", "task").choices(TASK_NAMES).makeOptionMandatory())
    .addOption(new Option("--preset <name>", "task preset").choices(TASK_PRESETS))
    .option("--knob <key=value>", "a task knob, repeatable (e.g. --knob distance=[4,20])", collect)
    .option("--count <n>", "examples to generate", positiveInt("--count"), 100)
    .option("--seed <n>", "random seed", positiveInt("--seed"), 0)
    .addOption(new Option("--split <split>", "agreement split (agreement only)").choices(["train", "test", "heldout"]).default("train"))
    .addOption(new Option("--format <format>", "export format").choices(["jsonl", "csv"]).default("jsonl"))
    .option("--out <file>", "write the examples here (default: stdout, with the statistics on stderr)")
    .option("--json", "print the statistics as JSON")
    .option("--quiet", "print no statistics")
    .addHelpText("after", EXAMPLES)
    .action((options: DataOptions, command: Command) => {
      const task = resolveTask(options);
      if (task.name !== "agreement" && command.getOptionValueSource("split") === "cli") {
        throw new CliError(`--split applies to the agreement task only (its train, test and held-out sentences); ${task.name} has one stream of examples — use --seed for another sample`, EXIT_USAGE);
      }
      checkDataSize(task, options.count, options.format);
      const { text, stats, statsText } = task.name === "agreement" ? agreementExport(task, options) : sequenceExport(task, options);
      if (options.out !== undefined) writeFileSync(options.out, text);
      else io.stdout(text);
      if (options.quiet) return;
      const print = options.out !== undefined ? io.stdout : io.stderr;
      print(options.json ? `${JSON.stringify(stats)}\n` : `${statsText}\n`);
    });
}

/** Characters one JS string (hence one output) can hold: V8's limit, 2^29 − 24. */
const MAX_TEXT = 2 ** 29 - 24;

/**
 * Refuses a `--count` whose examples cannot be held and written at once, with the estimate: the text (V8 strings stop
 * at 2^29 characters) and the rows in memory (up to 3/4 of the machine's).
 */
function checkDataSize(task: TaskConfig, count: number, format: DataOptions["format"]): void {
  const dims = runDims(resolveRunConfig({ task }));
  const T = dims.T;
  const perStepChars = task.name === "agreement" ? 8 : dims.inputSize * 20 + (format === "csv" ? 12 : 4);
  const chars = count * (T * perStepChars + 150);
  const bytes = task.name === "agreement" ? count * (T * 16 + 400) : count * T * (dims.inputSize * 48 + 64) + 2 * chars;
  if (chars > MAX_TEXT || bytes > memoryBudget()) {
    throw new CliError(
      `--count ${count} is too many examples to write at once: about ${chars.toExponential(1)} characters of text and ${formatBytes(bytes)} of memory (sequences up to ${T} steps), more than one output can hold (${MAX_TEXT.toExponential(1)} characters) or the ${formatBytes(memoryBudget())} this command may use; lower --count, or write several files with different --seed`,
      EXIT_USAGE,
    );
  }
}

function resolveTask(options: DataOptions): TaskConfig {
  let partial: Record<string, unknown> = { name: options.task, preset: options.preset };
  const fromFlags = new Set(["task.name", "task.preset"]);
  for (const k of options.knob ?? []) {
    const [key, value] = keyValue("--knob", k);
    partial = setPath({ task: partial }, `task.knobs.${key}`, value).task as Record<string, unknown>;
    fromFlags.add(`task.knobs.${key}`);
  }
  try {
    return resolveTaskConfig(partial);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(configErrorMessage(e, fromFlags, undefined), EXIT_USAGE);
    throw e;
  }
}

function agreementExport(task: Extract<TaskConfig, { name: "agreement" }>, o: DataOptions): { text: string; stats: unknown; statsText: string } {
  const config = { ...task.knobs, preset: task.preset };
  const vocabulary = new AgreementGenerator(config).vocabulary;
  const examples = generateAgreement(o.seed, config, o.count, { split: o.split });
  const summary = summarizeAgreement(examples);
  return {
    text: o.format === "csv" ? toCSV(examples, vocabulary) : toJSONL(examples, vocabulary),
    stats: { task: "agreement", preset: task.preset, split: o.split, vocabularySize: vocabulary.size, ...summary },
    statsText: `agreement (${task.preset}, ${o.split} split, vocabulary ${vocabulary.size}): ${formatSummary(summary)}`,
  };
}

function sequenceExport(task: Exclude<TaskConfig, { name: "agreement" }>, o: DataOptions): { text: string; stats: SequenceSummary; statsText: string } {
  const t = sequenceTask(task);
  const batch: TaskBatch | null = o.count > 0 ? t.sample(seedStreams(o.seed).train, o.count) : null;
  const rows = batch ? sequenceRows(batch) : [];
  const text =
    o.format === "csv"
      ? sequenceCSV(rows, t.inputSize)
      : rows.map((r) => `${JSON.stringify(r)}\n`).join("");
  const stats = summarizeSequences(task.name, rows, t.inputSize, t.baseline, batch?.classes ?? 0);
  const lengths = `length ${stats.length.min}–${stats.length.max} (mean ${fmt(stats.length.mean)})`;
  const targets = "counts" in stats.targets ? `classes ${stats.targets.counts.join(" / ")}` : `target mean ${fmt(stats.targets.mean)} ± ${fmt(stats.targets.std)}`;
  const statsText = `${task.name} (${task.preset}: ${Object.entries(task.knobs).map(([k, v]) => `${k} ${v}`).join(", ")}): ${stats.count} examples, ${lengths}, ${stats.inputSize} features, ${targets}; baseline ${t.baseline.metric} ${fmt(t.baseline.value)} (${t.baseline.predictor})`;
  return { text, stats, statsText };
}

/** One example of a sequence batch: its real steps' inputs and its target (a number, or one class per step). */
interface SequenceRow {
  length: number;
  inputs: number[][];
  target: number | number[];
}

function sequenceRows(b: TaskBatch): SequenceRow[] {
  const rows: SequenceRow[] = [];
  for (let i = 0; i < b.B; i++) {
    const length = b.lengths[i];
    const inputs: number[][] = [];
    for (let t = 0; t < length; t++) inputs.push(Array.from(b.inputs.subarray((t * b.B + i) * b.F, (t * b.B + i + 1) * b.F)));
    const target = b.targetLayout === "last" ? b.targets[i] : Array.from({ length }, (_, t) => b.targets[t * b.B + i]);
    rows.push({ length, inputs, target });
  }
  return rows;
}

function sequenceCSV(rows: SequenceRow[], F: number): string {
  const header = ["example", "t", ...Array.from({ length: F }, (_, f) => `x${f}`), "target"].join(",");
  const lines = [header];
  rows.forEach((r, i) => {
    r.inputs.forEach((x, t) => {
      const target = Array.isArray(r.target) ? r.target[t] : t === r.length - 1 ? r.target : "";
      lines.push([i, t, ...x, target].join(","));
    });
  });
  return `${lines.join("\n")}\n`;
}

export function summarizeSequences(task: string, rows: SequenceRow[], inputSize: number, baseline: Baseline, classes: number): SequenceSummary {
  const n = rows.length;
  const lengths = rows.map((r) => r.length);
  const length = n === 0 ? { min: 0, mean: 0, max: 0 } : { min: Math.min(...lengths), mean: lengths.reduce((s, v) => s + v, 0) / n, max: Math.max(...lengths) };
  let targets: SequenceSummary["targets"];
  if (classes > 0) {
    const counts = new Array<number>(classes).fill(0);
    for (const r of rows) for (const c of [r.target].flat()) counts[c]++;
    targets = { counts };
  } else {
    const ys = rows.map((r) => r.target as number);
    const mean = n === 0 ? 0 : ys.reduce((s, v) => s + v, 0) / n;
    targets = { mean, std: n === 0 ? 0 : Math.sqrt(ys.reduce((s, v) => s + (v - mean) ** 2, 0) / n) };
  }
  return { task, count: n, inputSize, length, targets, baseline };
}
