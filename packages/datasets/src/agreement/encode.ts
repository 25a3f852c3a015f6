import { TokenBatchEncoder, type TokenBatch, encodeTokenBatch } from "../tokenBatch";
import { show } from "../validate";
import type { AgreementExample, AgreementMeta } from "./generator";

export interface EncodeAgreementOptions {
  /** Prepend `<bos>`; default true for `"lm"` (then step t predicts sentence word t), false otherwise. */
  readonly bos?: boolean;
  /** Append `<eos>`; default true for `"lm"` (as the last target), false otherwise (the label is read at the last word). */
  readonly eos?: boolean;
  /** Pad to at least this many steps. */
  readonly minLength?: number;
  /** Reuse this encoder's buffers instead of allocating (its options must match the framing). */
  readonly encoder?: TokenBatchEncoder;
}

/**
 * Encodes agreement examples (all of one framing) into a {@link TokenBatch}:
 * - `"number"`: `ids` = the words before the target verb, `labels[b]` = 0 singular / 1 plural, read at step
 *   `lengths[b] − 1`.
 * - `"grammaticality"`: `ids` = the sentence (target verb possibly swapped), `labels[b]` = 1 grammatical / 0 not.
 * - `"lm"`: `ids` = `<bos>` + sentence, `targets` = sentence + `<eos>`; `labels[b]` = the target number; evaluate
 *   at step `meta[b].verb` (with bos), comparing the logits of `meta[b].correct` and `meta[b].wrong` — likewise for
 *   every pair in `meta[b].pairs`.
 */
export function encodeAgreement(
  examples: readonly AgreementExample[],
  options: EncodeAgreementOptions = {},
): TokenBatch<AgreementMeta> {
  const fn = "encodeAgreement";
  if (!Array.isArray(examples)) throw new TypeError(`${fn}: examples must be an array, got ${show(examples)}`);
  const framing = examples.length > 0 ? examples[0].meta.framing : "number";
  const sequences: Int32Array[] = new Array(examples.length);
  const labels = new Int32Array(examples.length);
  const meta: AgreementMeta[] = new Array(examples.length);
  for (let b = 0; b < examples.length; b++) {
    const e = examples[b];
    if (e.meta.framing !== framing) {
      throw new TypeError(
        `${fn}: examples must share one framing, got "${framing}" at 0 and "${e.meta.framing}" at ${b}`,
      );
    }
    sequences[b] = e.ids;
    labels[b] = e.label;
    meta[b] = e.meta;
  }
  const lm = framing === "lm";
  if (options.encoder !== undefined) return options.encoder.encode(sequences, { labels, meta });
  return encodeTokenBatch(sequences, {
    next: lm,
    bos: options.bos ?? lm,
    eos: options.eos ?? lm,
    minLength: options.minLength,
    labels,
    meta,
  });
}

/** A reusable encoder sized for `batchSize` examples of a generator with `maxLength` (see `AgreementGenerator`). */
export function agreementEncoder(
  framing: AgreementMeta["framing"],
  batchSize: number,
  maxLength: number,
  options: Omit<EncodeAgreementOptions, "encoder"> = {},
): TokenBatchEncoder {
  const lm = framing === "lm";
  const bos = options.bos ?? lm;
  const eos = options.eos ?? lm;
  return new TokenBatchEncoder({
    batchSize,
    maxLength: maxLength + (bos ? 1 : 0) + (eos && !lm ? 1 : 0),
    next: lm,
    bos,
    eos,
    minLength: options.minLength,
  });
}
