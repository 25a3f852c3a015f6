import { countNonFinite, type NonFiniteCounts } from "./kernels";
import type { GradList } from "./grads";

/**
 * Thrown when gradients hold NaN or ±Infinity and the caller asked for an error (`errorIfNonfinite`, the
 * `error` policy, or `applyIfFinite` after too many failures in a row). A `RangeError`, so that a generic
 * handler still sees a value problem; `counts` says how many of each kind were found.
 */
export class NonFiniteGradientError extends RangeError {
  readonly counts: NonFiniteCounts;

  constructor(message: string, counts: NonFiniteCounts) {
    super(message);
    this.name = "NonFiniteGradientError";
    this.counts = counts;
  }
}

/** Counts the non-finite elements of all gradients (one pass). */
export function countAll(grads: GradList): NonFiniteCounts {
  const counts = { nan: 0, posInf: 0, negInf: 0 };
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) countNonFinite(g.data, g.offset, g.size, counts);
  }
  return counts;
}

/** e.g. `grads[0] holds 1 NaN; grads[2] holds 2 +Infinity and 1 -Infinity` (built only on failure). */
export function whereNonFinite(grads: GradList): string {
  const parts: string[] = [];
  grads.forEach((g, i) => {
    if (!g) return;
    const c = { nan: 0, posInf: 0, negInf: 0 };
    countNonFinite(g.data, g.offset, g.size, c);
    const kinds = [
      c.nan ? `${c.nan} NaN` : "",
      c.posInf ? `${c.posInf} +Infinity` : "",
      c.negInf ? `${c.negInf} -Infinity` : "",
    ].filter(Boolean);
    if (kinds.length > 0) parts.push(`grads[${i}] holds ${kinds.join(" and ")}`);
  });
  return parts.length > 0 ? parts.join("; ") : "no element is non-finite";
}

/** The error for non-finite gradients, with where they are. */
export function nonFiniteError(fn: string, what: string, grads: GradList, hint: string): NonFiniteGradientError {
  return new NonFiniteGradientError(`${fn}: ${what} (${whereNonFinite(grads)}); ${hint}`, countAll(grads));
}
