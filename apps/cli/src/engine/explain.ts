// `vanish explain`'s engine: a trained agreement language model, a sentence of its vocabulary, and how much the
// verb's decision ("were" over "was") can still feel each earlier word — decisionSaliency on one sentence.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { AgreementGenerator, type Vocabulary } from "@vanish/datasets";
import { decisionSaliency, parseCheckpoint, restoreCheckpoint, type RecurrentModel } from "@vanish/rnn";
import { resolveRunConfig, type PartialRunConfig, type RunConfig } from "./config";
import { RUN_FILES } from "../runs/runDirectory";

/** A malformed sentence or run for explain (the command turns it into exit code 2). */
export class ExplainInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExplainInputError";
  }
}

/** A trained agreement model (language model or number prediction) with the vocabulary and verb pairs of its task. */
export interface ExplainModel {
  readonly config: RunConfig;
  readonly model: RecurrentModel;
  /**
   * `"lm"`: reads `<bos>` + the words before the verb and scores the two verb forms among its next-word logits;
   * `"number"`: reads the words before the verb and scores the two classes, singular (0) and plural (1).
   */
  readonly framing: "lm" | "number";
  readonly vocabulary: Vocabulary;
  /** Per vocabulary id: the other-number form of an agreeing verb ("was" ↔ "were"), −1 for every other word. */
  readonly otherForm: Int32Array;
  /** Per vocabulary id: 0 singular, 1 plural for nouns and agreeing verb forms, −1 otherwise. */
  readonly numberOf: Int8Array;
  /** Training steps of the checkpoint. */
  readonly step: number;
}

/** What `vanish explain --json` prints for one run (documented in the CLI README, "vanish explain"). */
export interface SentenceExplanation {
  /** The sentence's words, as the vocabulary spells them. */
  readonly tokens: string[];
  /** Index in `tokens` of the verb whose form is predicted. */
  readonly verbAt: number;
  /**
   * The form written in the sentence ("correct") against its other-number partner ("wrong"), with their
   * probabilities at the step that predicts the verb renormalised over the pair (pCorrect + pWrong = 1).
   */
  readonly prediction: { correct: string; wrong: string; pCorrect: number; pWrong: number };
  /** `[verbAt]`: ‖∂s/∂e‖ of each word before the verb, s = log p(correct) − log p(wrong). */
  readonly saliency: number[];
  /** `[verbAt]`: ‖∂s/∂h‖ of the hidden state after reading each word before the verb. */
  readonly hiddenGradNorms: number[];
}

/**
 * Loads the model of a run for explain: `path` is a run directory (config.json + checkpoint.json) or a checkpoint
 * file with the run's config.json beside it (the vocabulary is a function of the task config).
 */
export function loadExplainModel(path: string): ExplainModel {
  if (!existsSync(path)) throw new ExplainInputError(`--run ${path}: no such run directory or checkpoint file`);
  const isDir = statSync(path).isDirectory();
  const dir = isDir ? path : dirname(path);
  const checkpointPath = isDir ? join(path, RUN_FILES.checkpoint) : path;
  const configPath = join(dir, RUN_FILES.config);
  if (!existsSync(checkpointPath)) throw new ExplainInputError(`--run ${path}: no ${RUN_FILES.checkpoint} (train the run first: vanish train --out ${path})`);
  if (!existsSync(configPath)) throw new ExplainInputError(`--run ${path}: no ${RUN_FILES.config} beside the checkpoint; the run's config names the task and so the vocabulary`);
  let config: RunConfig;
  let checkpoint;
  try {
    config = resolveRunConfig(JSON.parse(readFileSync(configPath, "utf8")) as PartialRunConfig);
    checkpoint = parseCheckpoint(readFileSync(checkpointPath, "utf8"));
  } catch (e) {
    throw new ExplainInputError(`--run ${path}: ${(e as Error).message}`);
  }
  const task = config.task;
  const framing = task.name === "agreement" ? task.knobs.framing : undefined;
  if (framing !== "lm" && framing !== "number") {
    const what = task.name === "agreement" ? `the "${String(framing)}" framing of agreement` : `the ${task.name} task`;
    throw new ExplainInputError(`--run ${path}: explain needs an agreement run in the lm or the number framing (task agreement, knob framing=lm or framing=number), got a run of ${what}`);
  }
  const t = task as Extract<RunConfig["task"], { name: "agreement" }>;
  const generator = new AgreementGenerator({ ...t.knobs, preset: t.preset });
  const model = restoreCheckpoint(checkpoint).model;
  const outputs = framing === "lm" ? generator.vocabulary.size : 2;
  if (model.vocabSize !== generator.vocabulary.size || model.outputSize !== outputs) {
    throw new ExplainInputError(
      `--run ${path}: the checkpoint's model (vocabSize ${model.vocabSize}, outputSize ${model.outputSize}) does not fit the run's task (${generator.vocabulary.size} words, ${outputs} outputs)`,
    );
  }
  const lexicon = generator.lexicon;
  return { config, model, framing, vocabulary: generator.vocabulary, otherForm: lexicon.otherForm, numberOf: lexicon.numberOf, step: checkpoint.step };
}

/** Lowercases and splits on whitespace and punctuation (each punctuation mark is a token, as "," and "." are). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}'’-]+|[^\s\p{L}\p{N}'’-]/gu) ?? [];
}

/** Levenshtein distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The `count` words of `vocabulary` nearest to `word` by edit distance (ties alphabetically), reserved tokens left out. */
export function nearWords(word: string, vocabulary: Vocabulary, count = 5): string[] {
  const words = vocabulary.toJSON().words.filter((w) => /\p{L}/u.test(w));
  return words
    .map((w) => [w, editDistance(word, w)] as const)
    .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, count)
    .map(([w]) => w);
}

/** The ids of `tokens`; an unknown word is an {@link ExplainInputError} that lists the nearest known words. */
export function encodeTokens(tokens: readonly string[], vocabulary: Vocabulary, runName: string): Int32Array {
  const unknown = tokens.map((w, i) => [w, i] as const).filter(([w]) => !vocabulary.has(w) || w.startsWith("<"));
  if (unknown.length > 0) {
    const lines = unknown.map(([w, i]) => `  "${w}" (word ${i}): near words ${nearWords(w, vocabulary).map((n) => `"${n}"`).join(", ")}`);
    throw new ExplainInputError(`${plural(unknown.length, "word")} not in the vocabulary of ${runName} (${vocabulary.size - 4} words):\n${lines.join("\n")}`);
  }
  return vocabulary.encode(tokens);
}

/** The index of the last agreeing verb form ("is", "were", "chase", …) in `ids`, or −1. */
export function lastVerb(ids: Int32Array, otherForm: Int32Array): number {
  for (let i = ids.length - 1; i >= 0; i--) if (otherForm[ids[i]!]! >= 0) return i;
  return -1;
}

/**
 * Explains one sentence for one model: the verb at `verbAt` (default: the last agreeing verb form), the two forms'
 * probabilities at the step that predicts it, and ‖∂s/∂e‖, ‖∂s/∂h‖ of every word before it. A language model reads
 * `<bos>` + the words before the verb (its logits at step `verbAt` predict word `verbAt`) and s compares the two
 * forms' logits; a number-prediction model reads the words before the verb and s compares its two classes, the
 * written form's number against the other.
 */
export function explainSentence(run: ExplainModel, tokens: readonly string[], runName: string, verbAt?: number): SentenceExplanation {
  const ids = encodeTokens(tokens, run.vocabulary, runName);
  const verbs = Array.from(ids.keys()).filter((i) => run.otherForm[ids[i]!]! >= 0);
  const listed = verbs.length === 0 ? "it has none" : `it has ${verbs.map((i) => `"${tokens[i]}" at ${i}`).join(", ")}`;
  const at = verbAt ?? lastVerb(ids, run.otherForm);
  if (verbAt === undefined && at < 0) throw new ExplainInputError(`the sentence has no verb form that agrees in number (such as "is"/"are", "was"/"were"); write one, e.g. "the cats near the dog were hungry"`);
  if (!Number.isInteger(at) || at < 1 || at >= tokens.length) {
    throw new ExplainInputError(`--verb-at must be a word index in [1, ${tokens.length - 1}] (0 is the first word, and the verb needs a word before it), got ${String(verbAt)}`);
  }
  if (run.otherForm[ids[at]!]! < 0) throw new ExplainInputError(`--verb-at ${at}: "${tokens[at]}" is not a verb form that agrees in number; ${listed}`);
  const written = ids[at]!;
  const other = run.otherForm[written]!;
  // lm: step 0 reads <bos> and word k is step k + 1; number: word k is step k.
  const lm = run.framing === "lm";
  const shift = lm ? 1 : 0;
  const input = new Int32Array(at + shift);
  if (lm) input[0] = run.vocabulary.bosId;
  input.set(ids.subarray(0, at), shift);
  const [correct, wrong] = lm ? [written, other] : [run.numberOf[written]!, 1 - run.numberOf[written]!];
  const d = decisionSaliency(run.model, input, { verbStep: at - 1 + shift, correct, wrong });
  // Renormalised over the pair: p(correct) / (p(correct) + p(wrong)) = σ(s).
  const pCorrect = 1 / (1 + Math.exp(-d.score));
  const pWrong = 1 / (1 + Math.exp(d.score));
  return {
    tokens: [...tokens],
    verbAt: at,
    prediction: { correct: tokens[at]!, wrong: run.vocabulary.word(other), pCorrect, pWrong },
    saliency: Array.from(d.saliency.subarray(shift)),
    hiddenGradNorms: Array.from(d.hiddenGradNorms.subarray(shift)),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
