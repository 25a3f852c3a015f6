// The language-model framing's agreement score (Linzen, Dupoux & Goldberg 2016, §5): at the step that predicts the
// target verb, the model is right when its logit for the correct form beats the wrong form's ("were" vs "was"),
// whatever else it would predict there. The same rule as the CLI's `countVerbAgreement` (apps/cli's
// engine/verbAgreement.ts); the batches come from @vanish/datasets' `encodeAgreement` either way.
import type { TypedArray } from "@vanish/core";
import { encodeAgreement, type AgreementExample } from "@vanish/datasets";
import type { SequenceBatch } from "@vanish/rnn";

/** For each sequence b: the step whose logits predict its target verb, and the two forms' vocabulary ids. */
export interface VerbProbe {
  /** `[B]`: = `meta.verb` (`<bos>` shifts the sentence by one, so step t predicts word t). */
  readonly steps: Int32Array;
  readonly correct: Int32Array;
  readonly wrong: Int32Array;
}

/** A probe of B sequences, filled from the examples' metadata (they must be lm examples). */
export function verbProbe(examples: readonly AgreementExample[], into?: VerbProbe): VerbProbe {
  const B = examples.length;
  const out = into ?? { steps: new Int32Array(B), correct: new Int32Array(B), wrong: new Int32Array(B) };
  for (let b = 0; b < B; b++) {
    const m = examples[b].meta;
    if (m.framing !== "lm") throw new TypeError(`verbProbe: examples[${b}].meta.framing must be "lm", got ${JSON.stringify(m.framing)}`);
    out.steps[b] = m.verb;
    out.correct[b] = m.correct;
    out.wrong[b] = m.wrong;
  }
  return out;
}

/** An lm batch cut at the verb: what a model that reads word by word has seen when it predicts the verb. */
export interface VerbReadout {
  /**
   * `<bos>` + the words before the verb, loss `"last"` with the correct form as the target: the cross-entropy of
   * the verb alone, read at step `meta.verb` (lengths = verb + 1). Its ‖∂L/∂hₜ‖, aligned at each sequence's end,
   * is the verb's gradient counted back from the verb: `distance` steps back is the subject's noun.
   */
  readonly batch: SequenceBatch & { ids: Int32Array; lengths: Int32Array; targets: Int32Array; batchSize: number };
  readonly probe: VerbProbe;
}

/**
 * The read-out batch of lm examples (fresh arrays). A recurrent model's state at the verb depends only on the words
 * before it, so the logits read here are those of the full-sentence pass at the verb's step.
 */
export function verbReadout(examples: readonly AgreementExample[]): VerbReadout {
  const t = encodeAgreement(examples);
  const B = t.B;
  const probe = verbProbe(examples);
  const lengths = new Int32Array(B);
  let T = 1;
  for (let b = 0; b < B; b++) {
    lengths[b] = probe.steps[b] + 1;
    T = Math.max(T, lengths[b]);
  }
  // Time-major [T, B]: the first T·B ids are the first T steps; nothing after the latest verb is read.
  const ids = t.ids.slice(0, T * B);
  return { batch: { ids, batchSize: B, lengths, targets: probe.correct.slice(), loss: "last" }, probe };
}

/**
 * How many of the probe's sequences are right: `logits` are `[R, V]` rows at batch positions `rows[r] = t·B + b`
 * (as `lossAndGrad(…, { returnLogits: true })` returns them); a row counts when t is sequence b's verb step, and is
 * right when the correct form's logit is strictly greater than the wrong form's (a tie is wrong).
 */
export function countVerbAgreement(logits: TypedArray, rows: Int32Array, V: number, probe: VerbProbe): { right: number; seen: number } {
  const B = probe.steps.length;
  let right = 0;
  let seen = 0;
  for (let r = 0; r < rows.length; r++) {
    const t = Math.floor(rows[r] / B);
    const b = rows[r] - t * B;
    if (probe.steps[b] !== t) continue;
    seen++;
    if (logits[r * V + probe.correct[b]] > logits[r * V + probe.wrong[b]]) right++;
  }
  return { right, seen };
}
