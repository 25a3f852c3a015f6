import { describe } from "../describe";
import { lossAndGrad, type LossAndGradResult } from "../fast/lossAndGrad";
import { RecurrentModel } from "../model/RecurrentModel";

/** Where the decision is read and between which two outputs. */
export interface DecisionOptions {
  /** The step whose logits make the decision (e.g. the step before a verb, whose next-token logits predict it). */
  verbStep: number;
  /** The output ids of the right and the wrong answer (e.g. "were" and "was"). */
  correct: number;
  wrong: number;
}

export interface DecisionSaliency {
  /** s = log p(correct) − log p(wrong) at `verbStep` (= z_correct − z_wrong: the softmax's normaliser cancels). */
  score: number;
  /** p(correct) and p(wrong) under the softmax over all O outputs at `verbStep`. */
  pCorrect: number;
  pWrong: number;
  /** `[verbStep + 1]`: ‖∂s/∂e_t‖, the gradient of s with respect to the embedding vector read at step t. */
  saliency: Float64Array;
  /** `[verbStep + 1]`: ‖∂s/∂h_t‖, the total gradient of s with respect to the top layer's hidden state h_t. */
  hiddenGradNorms: Float64Array;
}

/**
 * How much a token model's decision between two outputs at one step can still "feel" each earlier input: the score
 * s = log p(correct) − log p(wrong) at `verbStep`, and for every step t ≤ `verbStep` the norms ‖∂s/∂e_t‖ (input
 * embedding) and ‖∂s/∂h_t‖ (top layer). One forward and one backward pass of the fast path over `ids[0..verbStep]`
 * (one sequence), seeded with ∂s/∂logits = e_correct − e_wrong; the model's parameters and their `grad`s are left
 * as they were.
 *
 * @example
 * // A language model over `<bos> the cats near the dog …`: the logits at step 7 predict the verb.
 * const d = decisionSaliency(model, ids, { verbStep: 7, correct: vocab.id("were"), wrong: vocab.id("was") });
 * d.saliency[2] / d.saliency[7];   // how much of the verb's gradient still reaches "cats"
 */
export function decisionSaliency(model: RecurrentModel, ids: ArrayLike<number>, options: DecisionOptions): DecisionSaliency {
  const fn = "decisionSaliency";
  if (!(model instanceof RecurrentModel)) throw new TypeError(`${fn}: model must be a RecurrentModel, got ${describe(model)}`);
  if (!model.embedding) throw new TypeError(`${fn}: model must be a token model (vocabSize > 0); this one reads dense input`);
  if (ids === null || typeof ids !== "object" || typeof ids.length !== "number" || ids.length === 0) {
    throw new TypeError(`${fn}: ids must be a non-empty array of token ids, got ${describe(ids)}`);
  }
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: options must be an object { verbStep, correct, wrong }, got ${describe(options)}`);
  const { verbStep, correct, wrong } = options;
  const O = model.outputSize;
  checkIndex(fn, "options.verbStep", verbStep, ids.length - 1);
  checkIndex(fn, "options.correct", correct, O - 1);
  checkIndex(fn, "options.wrong", wrong, O - 1);
  if (correct === wrong) throw new RangeError(`${fn}: options.correct and options.wrong must differ, got ${correct} for both`);
  const T = verbStep + 1;
  const input = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    const id = ids[t];
    if (!Number.isInteger(id) || id < 0 || id >= model.vocabSize) {
      throw new RangeError(`${fn}: ids[${t}] must be a token id in [0, ${model.vocabSize - 1}], got ${describe(id)}`);
    }
    input[t] = id;
  }

  const seed = new Float64Array(O);
  seed[correct] = 1;
  seed[wrong] = -1;
  // The backward pass adds parameter gradients; they go into fresh tensors and the caller's come back afterwards.
  const saved = model.namedParameters().map(([, p]) => [p, p.grad] as const);
  for (const [p] of saved) p.grad = null;
  let r: LossAndGradResult;
  try {
    r = lossAndGrad(model, { ids: input, batchSize: 1, targets: [correct], loss: "last" }, {
      outputGrad: seed,
      returnLogits: true,
      record: { hiddenGradNorms: true, inputGradNorms: true },
    });
  } finally {
    for (const [p, grad] of saved) p.grad = grad;
  }
  const z = r.logits!.data;
  let m = -Infinity;
  for (let o = 0; o < O; o++) m = Math.max(m, z[o]);
  let sum = 0;
  for (let o = 0; o < O; o++) sum += Math.exp(z[o] - m);
  const logNorm = m + Math.log(sum);
  return {
    score: z[correct] - z[wrong],
    pCorrect: Math.exp(z[correct] - logNorm),
    pWrong: Math.exp(z[wrong] - logNorm),
    saliency: r.inputGradNorms!.perStep,
    hiddenGradNorms: r.layers[model.numLayers - 1].hiddenGradNorms!.perStep,
  };
}

function checkIndex(fn: string, name: string, v: unknown, max: number): asserts v is number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
    throw new RangeError(`${fn}: ${name} must be an integer in [0, ${max}], got ${describe(v)}`);
  }
}
