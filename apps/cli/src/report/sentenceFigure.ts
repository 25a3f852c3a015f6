// The vanishing gradient on single sentences: for a few test sentences at growing distance, ‖∂s/∂e‖ of every word
// before the verb (s = log p(right form) − log p(wrong form)), the trained RNN against the trained LSTM.
import { agreementTestSets, type AgreementExample } from "@vanish/datasets";
import { decisionSaliency } from "@vanish/rnn";
import { gradientNormChart, type Series } from "@vanish/viz";
import { loadExplainModel, type ExplainModel } from "../engine/explain";
import { CELL_LABELS, type DemoCell } from "../experiments/demoPlan";
import type { DemoResults } from "../experiments/runDemo";
import { formatNumber, formatPercent, listText } from "./format";
import type { ReportFigure } from "./writeReport";

/** The two cells the figure compares. */
const CELLS = ["rnn_tanh", "lstm"] as const satisfies readonly DemoCell[];

/** One model on one sentence. */
export interface SentenceSaliency {
  readonly label: string;
  readonly cell: DemoCell;
  /** The sentence's words; `subject` and `verb` index them. */
  readonly words: readonly string[];
  readonly subject: number;
  readonly verb: number;
  /** The right form's share of the two forms' probability at the step that predicts the verb. */
  readonly pCorrect: number;
  /** `[verb]`: ‖∂s/∂e‖ of each word before the verb. */
  readonly saliency: readonly number[];
}

/** Up to `count` buckets spread from the second to the last (the first, distance 1, has no gap to show). */
export function spreadBuckets<T>(buckets: readonly T[], count = 4): T[] {
  const pool = buckets.length > 1 ? buckets.slice(1) : [...buckets];
  if (pool.length <= count) return pool;
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (pool.length - 1)) / (count - 1)));
  return [...picked].map((i) => pool[i]!);
}

/** ‖∂s/∂e‖ of every word before the verb of `example` for one model (`<bos>` first: word i is step i + 1). */
export function sentenceSaliency(model: ExplainModel, example: AgreementExample, label: string, cell: DemoCell): SentenceSaliency {
  const { verb, subject, correct, wrong } = example.meta;
  const ids = new Int32Array(verb + 1);
  ids[0] = model.vocabulary.bosId;
  ids.set(example.sentence.subarray(0, verb), 1);
  const d = decisionSaliency(model.model, ids, { verbStep: verb, correct, wrong });
  return {
    label,
    cell,
    words: model.vocabulary.decode(example.sentence),
    subject,
    verb,
    pCorrect: 1 / (1 + Math.exp(-d.score)),
    saliency: Array.from(d.saliency.subarray(1)),
  };
}

/** "33 words back, the RNN's gradient at "cats" is 2e-15 of its value at the last word ("box"); the LSTM's 1.2." */
export function sentenceText(rnn: SentenceSaliency, lstm: SentenceSaliency): string {
  const ratio = (s: SentenceSaliency) => formatNumber(s.saliency[s.subject]! / s.saliency[s.verb - 1]!, 2);
  const w = rnn.words;
  const distance = rnn.verb - rnn.subject;
  const verb = w[rnn.verb]!;
  return (
    `${distance} words back, the ${rnn.label}'s gradient at "${w[rnn.subject]}" is ${ratio(rnn)} of its value at the last word ("${w[rnn.verb - 1]}"); ` +
    `the ${lstm.label}'s ${ratio(lstm)}. On that sentence the ${rnn.label} gives the right form "${verb}" ${formatPercent(rnn.pCorrect)} of the two forms' probability, ` +
    `the ${lstm.label} ${formatPercent(lstm.pCorrect)}.`
  );
}

/**
 * The figure: for up to four test sentences of the first seed at growing distance (one per distance bucket, the first
 * with a plural subject), ‖∂s/∂e‖ of each word relative to the last word's, trained RNN against trained LSTM.
 */
export function sentenceFigure(results: DemoResults): ReportFigure {
  const seed = results.plan.seeds[0]!;
  const runs = CELLS.map((cell) => results.runs.find((r) => r.job.group === "agreement" && r.job.cell === cell && r.job.seed === seed)!);
  const models = runs.map((r) => loadExplainModel(r.runDir));
  const config = runs[0]!.job.config;
  const task = config.task as Extract<typeof config.task, { name: "agreement" }>;
  // The run's own test sentences: the same call, with the same arguments, as its evaluation makes.
  const buckets = agreementTestSets(seed, { ...task.knobs, preset: task.preset }, { perBucket: config.evalBatches * config.batchSize }).byDistance;
  const examples = spreadBuckets(buckets.filter((b) => b.examples.length > 0)).map((b) => b.examples.find((e) => e.meta.number === 1) ?? b.examples[0]!);
  const rows = examples.map((example) => CELLS.map((cell, i) => sentenceSaliency(models[i]!, example, CELL_LABELS[cell], cell)));
  const series: Series[] = rows.flatMap((pair) =>
    pair.map((s) => {
      const last = s.saliency[s.verb - 1]!;
      return { label: `${s.label}, ${s.verb - s.subject} words`, cell: s.cell, values: s.saliency.map((v) => v / last), steps: s.saliency.map((_, i) => i - s.verb) };
    }),
  );
  const longest = rows.at(-1)!;
  const quoted = rows.map(([s]) => `${s!.verb - s!.subject} words: "${s!.words.join(" ")}"`);
  return {
    name: "sentence-gradients",
    title: "The vanishing gradient on single sentences: how much the verb's decision still feels each earlier word",
    spec: gradientNormChart(series, {
      title: "‖∂s/∂e‖ of each word before the verb, relative to the last word's",
      xTitle: "words before the verb (−1: the last word read)",
      yTitle: "‖∂s/∂e‖ ÷ its value at the last word (log scale)",
      legendTitle: "model, distance",
    }),
    caption: [
      sentenceText(longest[0]!, longest[1]!),
      `s = log p(right verb form) − log p(wrong form) at the step that predicts the verb; ‖∂s/∂e‖ is the norm of its gradient with respect to each word's embedding vector, from one backward pass. ` +
        `The ${listText(CELLS.map((c) => CELL_LABELS[c]))} are the trained agreement runs of seed ${seed}; the sentences are test sentences of that seed, one per distance bucket (${quoted.join("; ")}). ` +
        `vanish explain shows the same numbers word by word for any sentence.`,
    ],
  };
}
