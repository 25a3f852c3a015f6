import type { ResolvedBatch } from "../batch/resolveBatch";
import type { Workspace } from "./Workspace";

/**
 * Writes the loss rows of `rb` whose step lies in the window `[start, start + steps)` and at or after `lossFrom`
 * into `ws.rowIndex` (window-local `t·B + b`), `ws.rowWeight` (normalised so the weights sum to 1; all 0 when
 * every weight is 0) and `ws.rowTarget` (the class id, or the row of the MSE targets). Returns the row count R
 * and the weights' sum before normalisation.
 */
export function fillLossRows(ws: Workspace, rb: ResolvedBatch, start: number, steps: number, lossFrom: number): { rows: number; weight: number } {
  const { B, lossAt, mask, lengths, classes } = rb;
  const { rowIndex, rowWeight, rowTarget } = ws;
  const lo = Math.max(start, lossFrom);
  const hi = start + steps;
  let R = 0;
  let total = 0;
  const push = (t: number, b: number, w: number, k: number) => {
    if (t < lo || t >= hi) return;
    rowIndex[R] = (t - start) * B + b;
    rowWeight[R] = w;
    rowTarget[R] = classes ? classes[k] : k;
    total += w;
    R++;
  };
  if (lossAt === "last") {
    for (let b = 0; b < B; b++) push(lengths ? lengths[b] - 1 : rb.T - 1, b, 1, b);
  } else if (lossAt === "all") {
    for (let t = lo; t < hi; t++) for (let b = 0; b < B; b++) push(t, b, mask ? mask[t * B + b] : 1, t * B + b);
  } else {
    for (let s = 0; s < lossAt.length; s++) {
      const t = lossAt[s];
      for (let b = 0; b < B; b++) push(t, b, mask ? mask[t * B + b] : 1, s * B + b);
    }
  }
  const scale = total > 0 ? 1 / total : 0;
  for (let r = 0; r < R; r++) rowWeight[r] *= scale;
  return { rows: R, weight: total };
}
