// The language-model framing's agreement metric (Linzen, Dupoux & Goldberg 2016, §5 "language modeling"): at the
// position before the target verb, the model is right when its next-token score for the correct verb form is
// higher than for the wrong one ("is" vs "are"), whatever else it would predict there.
import type { TypedArray } from "@vanish/core";
import type { AgreementMeta } from "@vanish/datasets";
import type { SequenceBatch } from "@vanish/rnn";

/** For each sequence b of an lm batch: the step whose logits predict the target verb and the two verb-form ids. */
export interface VerbProbe {
  /** `[B]`: the step whose next-token logits predict the target verb (= `meta.verb`, since `<bos>` shifts by one). */
  readonly steps: Int32Array;
  /** `[B]`: vocabulary ids of the right and the wrong form of the target verb. */
  readonly correct: Int32Array;
  readonly wrong: Int32Array;
}

/**
 * The probe of an lm batch encoded by `@vanish/datasets` (`<bos>` + sentence → sentence + `<eos>`, so the logits at
 * step t predict word t of the sentence): written into `into` when given (sized for at least `meta.length`
 * sequences; views of its first B entries are returned), else into fresh arrays.
 */
export function verbProbe(meta: readonly AgreementMeta[], into?: VerbProbe): VerbProbe {
  const B = meta.length;
  const out = into
    ? { steps: into.steps.subarray(0, B), correct: into.correct.subarray(0, B), wrong: into.wrong.subarray(0, B) }
    : { steps: new Int32Array(B), correct: new Int32Array(B), wrong: new Int32Array(B) };
  for (let b = 0; b < B; b++) {
    const m = meta[b];
    if (m.framing !== "lm") throw new TypeError(`verbProbe: meta[${b}].framing must be "lm", got ${JSON.stringify(m.framing)}`);
    out.steps[b] = m.verb;
    out.correct[b] = m.correct;
    out.wrong[b] = m.wrong;
  }
  return out;
}

/**
 * Counts the sequences whose verb step is among the rows of `logits` (`[R, V]`, row r at batch position
 * `rows[r] = t·B + b`, as `lossAndGrad(…, { returnLogits: true })` returns them) and whose logit for the correct
 * form is strictly greater than for the wrong form (a tie counts as wrong). Returns the number right and the number
 * of verbs seen, so that truncated-BPTT windows (each holding some of the steps) add up.
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

/** An lm batch cut at the verb (see `cutAtVerb`). */
export type VerbCutBatch<I extends NonNullable<SequenceBatch["ids"]> = Int32Array> = SequenceBatch & { ids: I; lengths: Int32Array; targets: Int32Array; batchSize: number };

/**
 * The lm batch `ids` (time-major, B = `probe.steps.length` columns) cut at the verb: lengths = verb step + 1, loss
 * `"last"` with the correct form as the target, so that the loss is the verb's cross-entropy alone and ‖∂L/∂hₜ‖
 * counted back from each sequence's end is counted back from its verb. `ids` is used as it is (not copied); the
 * lengths and targets are fresh arrays. The demo's gradient probe and the web lab's read-out both use it.
 */
export function cutAtVerb<I extends NonNullable<SequenceBatch["ids"]>>(ids: I, probe: VerbProbe): VerbCutBatch<I> {
  const B = probe.steps.length;
  const lengths = new Int32Array(B);
  for (let b = 0; b < B; b++) lengths[b] = probe.steps[b] + 1;
  return { ids, batchSize: B, lengths, targets: probe.correct.slice(), loss: "last" };
}
