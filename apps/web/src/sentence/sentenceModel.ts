// The sentence view's models: the demo's trained agreement language models (RNN and LSTM, seed 0), shipped with the
// lab as small JSON files (public/sentence-models/, written by scripts/trainSentenceModels.ts), and what they say
// about one sentence: which verb form each prefers and ‖∂s/∂e‖ of every word before the verb.
import { Tensor } from "@vanish/core";
import { AgreementGenerator, type AgreementOptions, type Vocabulary } from "@vanish/datasets";
import { RecurrentModel, decisionSaliency, type ModelConfig } from "@vanish/rnn";

/** The file format: the model's config, the task knobs (which fix the vocabulary) and float32 weights in base64. */
export interface SentenceModelFile {
  readonly format: "vanish-sentence-model";
  readonly version: 1;
  /** e.g. "RNN", "LSTM". */
  readonly label: string;
  /** Training steps and the run's config hash, for the record. */
  readonly step: number;
  readonly run: string;
  readonly task: { readonly preset: string; readonly knobs: Record<string, unknown> };
  readonly config: ModelConfig;
  /** Every parameter as little-endian float32 bytes in base64, in state_dict order. */
  readonly weights: Readonly<Record<string, { readonly shape: readonly number[]; readonly base64: string }>>;
}

export interface SentenceModel {
  readonly label: string;
  readonly model: RecurrentModel;
  /**
   * `"lm"` (the shipped models): reads `<bos>` + the words before the verb and compares the two forms' next-word
   * logits; `"number"` (the lab's live model): reads the words before the verb and compares its two classes,
   * the typed form's number (0 singular, 1 plural) against the other.
   */
  readonly framing: "lm" | "number";
  readonly vocabulary: Vocabulary;
  /** Per id: the other-number form of an agreeing verb, −1 otherwise. */
  readonly otherForm: Int32Array;
  /** Per id: 1 for nouns. */
  readonly isNoun: Uint8Array;
  /** Per id: 0 singular, 1 plural for nouns and agreeing verbs, −1 otherwise. */
  readonly numberOf: Int8Array;
}

/** What the view shows for one model. */
export interface SentenceReading {
  readonly label: string;
  readonly words: readonly string[];
  /** Index of the verb and of the subject (the first noun with a number before the verb, −1 if none). */
  readonly verb: number;
  readonly subject: number;
  readonly correct: string;
  readonly wrong: string;
  /** The written form's share of the two forms' probability. */
  readonly pCorrect: number;
  /** `[verb]`: ‖∂s/∂e‖ of each word before the verb, s = log p(written) − log p(other). */
  readonly saliency: readonly number[];
}

/** Float32 bytes ↔ base64 (the shipped files; `btoa`/`atob` exist in browsers and in Node ≥ 16). */
export function encodeFloats(data: ArrayLike<number>): string {
  const bytes = new Uint8Array(Float32Array.from(data).buffer);
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return btoa(s);
}

export function decodeFloats(base64: string): Float32Array {
  const s = atob(base64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

/** Builds the model and its vocabulary from a shipped file; a wrong file throws a TypeError that names the field. */
export function sentenceModel(file: SentenceModelFile): SentenceModel {
  if (file?.format !== "vanish-sentence-model" || file.version !== 1) {
    throw new TypeError(`sentenceModel: file.format must be "vanish-sentence-model" version 1, got ${JSON.stringify(file?.format)} version ${JSON.stringify(file?.version)}`);
  }
  const tensors: Record<string, Tensor> = {};
  for (const [name, w] of Object.entries(file.weights)) tensors[name] = new Tensor(decodeFloats(w.base64), [...w.shape]);
  const model = new RecurrentModel({ ...file.config, dtype: "float32" }, tensors);
  const generator = new AgreementGenerator({ ...file.task.knobs, preset: file.task.preset } as AgreementOptions);
  if (generator.vocabulary.size !== model.vocabSize) {
    throw new TypeError(`sentenceModel: the task's vocabulary has ${generator.vocabulary.size} words, the model ${model.vocabSize}`);
  }
  const lex = generator.lexicon;
  return { label: file.label, model, framing: "lm", vocabulary: generator.vocabulary, otherForm: lex.otherForm, isNoun: lex.isNoun, numberOf: lex.numberOf };
}

/** Lowercases and splits on whitespace and punctuation (each mark a word, as "," and "." are in the vocabulary). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}'’-]+|[^\s\p{L}\p{N}'’-]/gu) ?? [];
}

/** The problem's text as the view shows it. */
export function problemText(p: SentenceProblem): string {
  if (p.kind === "unknown") return `Not in the models' vocabulary: ${p.words.map((w) => `“${w}”`).join(", ")}. Try one of the examples, or words from the data below.`;
  if (p.kind === "noVerb") return "No verb that agrees in number (is/are, was/were, sees/see, …) after the first word.";
  return "Type a sentence.";
}

/** Why a sentence cannot be read: unknown words (listed) or no verb form that agrees in number. */
export type SentenceProblem = { kind: "unknown"; words: string[] } | { kind: "noVerb" } | { kind: "empty" };

/**
 * Reads `text` with `m`: the verb is the last verb form that agrees in number, taken as written and scored against
 * its other-number form at the step that predicts it (`<bos>` + the words before it).
 */
export function readSentence(m: SentenceModel, text: string): SentenceReading | SentenceProblem {
  const words = tokenize(text);
  if (words.length === 0) return { kind: "empty" };
  const unknown = words.filter((w) => !m.vocabulary.has(w) || w.startsWith("<"));
  if (unknown.length > 0) return { kind: "unknown", words: [...new Set(unknown)] };
  const ids = m.vocabulary.encode(words);
  let verb = -1;
  for (let i = ids.length - 1; i >= 1 && verb < 0; i--) if (m.otherForm[ids[i]!]! >= 0) verb = i;
  if (verb < 0) return { kind: "noVerb" };
  let subject = -1;
  for (let i = 0; i < verb && subject < 0; i++) if (m.isNoun[ids[i]!] === 1 && m.numberOf[ids[i]!]! >= 0) subject = i;
  const typed = ids[verb]!;
  const other = m.otherForm[typed]!;
  // lm: step 0 reads <bos> and word k is step k + 1; number: word k is step k.
  const shift = m.framing === "lm" ? 1 : 0;
  const input = new Int32Array(verb + shift);
  if (shift === 1) input[0] = m.vocabulary.bosId;
  input.set(ids.subarray(0, verb), shift);
  const [correct, wrong] = m.framing === "lm" ? [typed, other] : [m.numberOf[typed]!, 1 - m.numberOf[typed]!];
  const d = decisionSaliency(m.model, input, { verbStep: verb - 1 + shift, correct, wrong });
  return {
    label: m.label,
    words,
    verb,
    subject,
    correct: words[verb]!,
    wrong: m.vocabulary.word(other),
    pCorrect: 1 / (1 + Math.exp(-d.score)),
    saliency: Array.from(d.saliency.subarray(shift)),
  };
}

/** Viridis (as the charts' heatmap), 9 stops from dark (small) to yellow (large). */
const VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"];

/**
 * The shade of `value` on a log scale over `decades` decades below `top`: viridis from dark (≤ top·10^−decades) to
 * yellow (top), as the index of the stop and its colour.
 */
export function shade(value: number, top: number, decades = 12): string {
  if (!(value > 0) || !(top > 0)) return VIRIDIS[0]!;
  const f = Math.min(1, Math.max(0, 1 + Math.log10(value / top) / decades));
  return VIRIDIS[Math.round(f * (VIRIDIS.length - 1))]!;
}

/** Text colour readable on a {@link shade}: white on the five darker stops, ink on the lighter four. */
export function inkOn(background: string): string {
  return VIRIDIS.indexOf(background) >= 5 ? "#1b1f24" : "#ffffff";
}
