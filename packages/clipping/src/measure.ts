import type { GradList } from "./grads";
import { countNonFinite } from "./kernels";
import { globalL2 } from "./norms";

/** The Euclidean norm of all gradient elements and their non-finite counts. */
export interface Measurement {
  norm: number;
  nan: number;
  posInf: number;
  negInf: number;
}

/**
 * Measures gradients in one pass when they are finite (a finite norm proves every element finite); only a
 * non-finite norm costs a second, counting pass.
 */
export function measure(grads: GradList): Measurement {
  const m: Measurement = { norm: globalL2(grads), nan: 0, posInf: 0, negInf: 0 };
  if (m.norm < Infinity) return m;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) countNonFinite(g.data, g.offset, g.size, m);
  }
  return m;
}

/** Total non-finite elements of a measurement. */
export function nonFiniteTotal(m: Measurement): number {
  return m.nan + m.posInf + m.negInf;
}
