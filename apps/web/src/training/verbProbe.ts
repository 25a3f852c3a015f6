// The language-model framing's agreement score (Linzen, Dupoux & Goldberg 2016, §5): at the step that predicts the
// target verb, the model is right when its logit for the correct form beats the wrong form's ("were" vs "was"),
// whatever else it would predict there. The probe and the count are the CLI's (apps/cli's engine/verbAgreement.ts,
// the demo's metric); the batches come from @vanish/datasets' `encodeAgreement`; this file adds the read-out batch
// built from examples with the CLI's `cutAtVerb` (which the demo's `verbReadout` in runDemo.ts uses on its RunBatch).
import { encodeAgreement, type AgreementExample } from "@vanish/datasets";
import { countVerbAgreement, cutAtVerb, verbProbe, type VerbCutBatch, type VerbProbe } from "../../../cli/src/engine/verbAgreement";

export { countVerbAgreement, verbProbe, type VerbProbe };

/** An lm batch cut at the verb: what a model that reads word by word has seen when it predicts the verb. */
export interface VerbReadout {
  /**
   * `<bos>` + the words before the verb, loss `"last"` with the correct form as the target: the cross-entropy of
   * the verb alone, read at step `meta.verb` (lengths = verb + 1). Its ‖∂L/∂hₜ‖, aligned at each sequence's end,
   * is the verb's gradient counted back from the verb: `distance` steps back is the subject's noun.
   */
  readonly batch: VerbCutBatch;
  readonly probe: VerbProbe;
}

/**
 * The read-out batch of lm examples (fresh arrays). A recurrent model's state at the verb depends only on the words
 * before it, so the logits read here are those of the full-sentence pass at the verb's step.
 */
export function verbReadout(examples: readonly AgreementExample[]): VerbReadout {
  const t = encodeAgreement(examples);
  const probe = verbProbe(t.meta);
  let T = 1;
  for (let b = 0; b < t.B; b++) T = Math.max(T, probe.steps[b] + 1);
  // Time-major [T, B]: the first T·B ids are the first T steps; nothing after the latest verb is read.
  return { batch: cutAtVerb(t.ids.slice(0, T * t.B), probe), probe };
}
