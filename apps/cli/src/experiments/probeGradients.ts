// ‖dL/dh‖ counted back from the read-out, for batches whose sequences have different lengths: the quantity of
// Bengio, Simard & Frasconi (1994) and Pascanu, Mikolov & Bengio (2013, §2), measured with @vanish/rnn's fused BPTT.
import { lossAndGrad, type RecurrentModel, type SequenceBatch } from "@vanish/rnn";

/** The gradient norm at each distance from the read-out step. */
export interface ProbeNorms {
  /** `values[k]`: root mean square over the examples of ‖dL/dh‖ (top layer) k steps before their read-out. */
  readonly values: number[];
  /** `counts[k]`: how many examples are at least k + 1 steps long (those that contribute to `values[k]`). */
  readonly counts: number[];
  /** The batch's loss. */
  readonly loss: number;
}

/**
 * Runs one forward and backward pass on `batch` (loss read at each sequence's last step) and returns ‖dL/dh‖ aligned
 * on the read-out: k = 0 is the step whose output is scored, k = 1 the step before, and so on. Sequences of a
 * fixed length T give the per-step norms in reverse order (divided by √B). The model's gradients are zeroed before
 * and after, so the probe leaves no trace.
 */
export function probeGradients(model: RecurrentModel, batch: SequenceBatch): ProbeNorms {
  if (batch.loss !== undefined && batch.loss !== "last") {
    throw new TypeError(`probeGradients: batch.loss must be "last" (one read-out per sequence), got ${JSON.stringify(batch.loss)}`);
  }
  model.zeroGrad();
  const r = lossAndGrad(model, batch, { record: { hiddenGradNorms: true } });
  model.zeroGrad();
  const { perExample } = r.layers[r.layers.length - 1]!.hiddenGradNorms!;
  const T = r.steps;
  const B = r.batchSize;
  const sums = new Float64Array(T);
  const counts = new Array<number>(T).fill(0);
  for (let b = 0; b < B; b++) {
    const length = batch.lengths === undefined ? T : batch.lengths[b]!;
    for (let k = 0; k < length; k++) {
      const v = perExample[(length - 1 - k) * B + b]!;
      sums[k] += v * v;
      counts[k]++;
    }
  }
  const values = counts.map((n, k) => (n === 0 ? NaN : Math.sqrt(sums[k]! / n)));
  return { values, counts, loss: r.loss };
}
