import type { GradList } from "../grads";

/** Sets every gradient element to 0 (what a skipped update leaves behind, as optax's `apply_if_finite`). */
export function zeroFill(grads: GradList): void {
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    if (g) g.data.fill(0, g.offset, g.offset + g.size);
  }
}
