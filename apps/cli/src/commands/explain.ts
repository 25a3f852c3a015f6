import type { Command } from "commander";
import { CELL_LABELS } from "../experiments/demoPlan";
import { ExplainInputError, explainSentence, loadExplainModel, tokenize, type SentenceExplanation } from "../engine/explain";
import { CliError, EXIT_USAGE, type CliIO } from "../io";

interface ExplainOptions {
  run: string[];
  sentence: string;
  verbAt?: number;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  $ vanish explain --run runs/<hash> --sentence "the cats near the dog were hungry"
  $ vanish explain --run out/runs/<rnn hash> --run out/runs/<lstm hash> --sentence "the dogs that saw the cat ate the apple ."
  $ vanish explain --run runs/<hash>/checkpoint.json --sentence "the girl with the dogs is happy" --verb-at 5 --json

DIR is a run directory of an agreement model, or its checkpoint.json: a language model (vanish demo's agreement runs,
or vanish train --task agreement --knob framing=lm) or a number-prediction model (the demo's control runs, framing=number). The sentence is lowercased and split on spaces and punctuation; every word
must be in the run's vocabulary. The verb (default: the last verb form that agrees in number) is read as written and
scored against its other-number form: s = log p(written) − log p(other) at the step that predicts it. Each word before
it gets ‖∂s/∂e‖, the norm of the gradient of s with respect to the word's embedding vector, drawn on a log scale.
--json prints {tokens, verbAt, prediction: {correct, wrong, pCorrect, pWrong}, saliency, hiddenGradNorms} (an array of
them for several runs); the probabilities are renormalised over the two forms.
A number-prediction model scores its two classes instead: s = log p(the written form's number) − log p(the other).
Exit codes: 0 ok, 2 bad flags, an unknown word or a run that is not an agreement model of either framing.`;

/** Decades a full bar spans; each block is half a decade. */
const DECADES = 12;
const BAR = 2 * DECADES;

/**
 * `vanish explain --run DIR [--run DIR …] --sentence "…" [--verb-at N] [--json]`: which verb form each model
 * predicts and how much that decision can still feel each earlier word.
 */
export function registerExplain(program: Command, io: CliIO): void {
  program
    .command("explain")
    .description("show, on one sentence, which verb form a trained agreement model predicts and how far back its gradient reaches")
    .requiredOption("--run <dir>", "run directory or checkpoint file of an agreement language model (repeat to compare runs side by side)", collect)
    .requiredOption("--sentence <text>", 'the sentence, e.g. "the cats near the dog were hungry"')
    .option("--verb-at <n>", "index of the verb among the words (0 = the first word; default: the last agreeing verb form)", verbIndex)
    .option("--json", "print the numbers as JSON")
    .addHelpText("after", EXAMPLES)
    .action((options: ExplainOptions) => {
      const tokens = tokenize(options.sentence);
      if (tokens.length === 0) throw new CliError(`--sentence must hold at least one word, got ${JSON.stringify(options.sentence)}`, EXIT_USAGE);
      let explained: { path: string; label: string; explanation: SentenceExplanation }[];
      try {
        explained = options.run.map((path) => {
          const run = loadExplainModel(path);
          const label = `${CELL_LABELS[run.config.cell]}${run.framing === "number" ? " (number)" : ""}`;
          return { path, label, explanation: explainSentence(run, tokens, path, options.verbAt) };
        });
      } catch (e) {
        if (e instanceof ExplainInputError) throw new CliError(e.message, EXIT_USAGE);
        throw e;
      }
      if (options.json) {
        const out = explained.map((r) => r.explanation);
        io.stdout(`${JSON.stringify(out.length === 1 ? out[0] : out)}\n`);
      } else {
        io.stdout(formatExplanations(explained));
      }
    });
}

/** The terminal view: the prediction of each run, then one line per word with a log-scale bar per run. */
export function formatExplanations(runs: readonly { path: string; label: string; explanation: SentenceExplanation }[]): string {
  const first = runs[0]!.explanation;
  const { tokens } = first;
  const all = runs.flatMap((r) => r.explanation.saliency).filter((v) => v > 0 && Number.isFinite(v));
  const top = all.length > 0 ? Math.max(...all) : 1;
  const last = Math.max(...runs.map((r) => r.explanation.verbAt));
  const wordWidth = Math.max(4, ...tokens.slice(0, last + 1).map((t) => [...t].length));
  const colWidth = Math.max(8 + BAR, ...runs.map((r) => Math.max(`${r.label}  ${r.path}`.length, predictionText(r.explanation).length)));
  const lines: string[] = [];
  const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - [...s].length));
  const lead = " ".repeat(5 + wordWidth + 2);
  lines.push(lead + runs.map((r) => pad(`${r.label}  ${r.path}`, colWidth)).join("  ").trimEnd());
  lines.push(lead + runs.map((r) => pad(predictionText(r.explanation), colWidth)).join("  ").trimEnd());
  for (let i = 0; i < tokens.length; i++) {
    const cells = runs.map((r) => {
      const e = r.explanation;
      if (i === e.verbAt) return pad(`${"".padStart(7)} (the verb)`, colWidth);
      if (i > e.verbAt) return pad("", colWidth);
      const v = e.saliency[i]!;
      return pad(`${v.toExponential(1).padStart(7)} ${bar(v, top)}`, colWidth);
    });
    lines.push(`${String(i).padStart(3)}  ${pad(tokens[i]!, wordWidth)}  ${cells.join("  ")}`.trimEnd());
    if (i === last) break;
  }
  const verb = first.prediction;
  lines.push("");
  lines.push(
    `Probabilities are the two forms' renormalised over the pair (p(${verb.correct}) / (p(${verb.correct}) + p(${verb.wrong})) at the step that predicts the verb). ` +
      `Each number is ‖∂s/∂e‖, s = log p(${verb.correct}) − log p(${verb.wrong}) (for a number-prediction run, of the two forms' numbers), with respect to the word's embedding; ` +
      `the bars are on a log scale shared by the runs: the longest is the largest value shown, each block half a decade less (${DECADES} decades in all).`,
  );
  return `${lines.join("\n")}\n`;
}

function predictionText(e: SentenceExplanation): string {
  const p = e.prediction;
  return `"${p.correct}" ${probability(p.pCorrect)} vs "${p.wrong}" ${probability(p.pWrong)}`;
}

/** Two decimals, or one significant digit near 0 and 1 ("3e-4", "1 − 3e-4") so that a sure model is not "1.00". */
export function probability(p: number): string {
  if (p < 0.005) return p.toExponential(0);
  if (p > 0.995) return `1 − ${(1 - p).toExponential(0)}`;
  return p.toFixed(2);
}

/** A log-scale bar: BAR blocks for `top`, one fewer for every half decade below it; "▏" for anything smaller. */
export function bar(v: number, top: number): string {
  if (!(v > 0) || !Number.isFinite(v)) return "·";
  const n = Math.round(BAR + 2 * Math.log10(v / top));
  return n <= 0 ? "▏" : "█".repeat(Math.min(n, BAR));
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function verbIndex(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(n)) throw new CliError(`--verb-at must be a non-negative integer (a word index), got ${JSON.stringify(value)}`, EXIT_USAGE);
  return n;
}
