/**
 * ‖dL/dh_t‖ over a batch whose sequences end at different steps, aligned at each sequence's read-out: entry
 * `j` (0 ≤ j < window) is the Frobenius norm over the batch of the gradient `window − 1 − j` steps before the
 * read-out, i.e. sqrt(Σ_b perExample[t_b·B + b]²) with t_b = lengths[b] − window + j. Steps before a sequence's
 * start contribute nothing. With equal lengths T = window this is @vanish/rnn's `perStep`.
 *
 * For agreement with the subject exactly `window` tokens before the verb, entry 0 is the subject's noun and entry
 * `window − 1` the last word before the verb, for every sentence of the batch.
 *
 * @param perExample `[T·B]` time-major per-example norms (`hiddenGradNorms.perExample` of @vanish/rnn)
 * @param lengths `[B]` real lengths, or null when every sequence has all T steps
 * @param out `[window]`, overwritten
 */
export function alignedNorms(perExample: ArrayLike<number>, T: number, B: number, lengths: ArrayLike<number> | null, window: number, out: Float64Array): Float64Array {
  out.fill(0, 0, window);
  for (let b = 0; b < B; b++) {
    const end = lengths === null ? T : lengths[b];
    for (let j = 0; j < window; j++) {
      const t = end - window + j;
      if (t < 0 || t >= T) continue;
      const v = perExample[t * B + b];
      out[j] += v * v;
    }
  }
  for (let j = 0; j < window; j++) out[j] = Math.sqrt(out[j]);
  return out;
}
