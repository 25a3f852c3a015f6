// Pascanu, Mikolov & Bengio (2013), §3.3: a one-unit RNN x_t = w·σ(x_{t−1}) + b with x_0 = 0.5 and error
// E = (σ(x_T) − 0.7)² after T = 50 steps. Its error surface over (w, b) has a "cliff" where the gradient is huge.
// Used to make real example data for the cliff chart; plain scalar code, exact (no noise).

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export const STEPS = 50;
export const TARGET = 0.7;
export const X0 = 0.5;

/** E(w, b) and its gradient, by backpropagation through the T steps. */
export function errorAndGradient(w: number, b: number): { error: number; dw: number; db: number } {
  const xs = new Float64Array(STEPS + 1);
  xs[0] = X0;
  for (let t = 1; t <= STEPS; t++) xs[t] = w * sigmoid(xs[t - 1]!) + b;
  const s = sigmoid(xs[STEPS]!);
  const error = (s - TARGET) ** 2;
  // dE/dx_T, then back through x_t = w·σ(x_{t−1}) + b.
  let dx = 2 * (s - TARGET) * s * (1 - s);
  let dw = 0;
  let db = 0;
  for (let t = STEPS; t >= 1; t--) {
    const sp = sigmoid(xs[t - 1]!);
    dw += dx * sp;
    db += dx;
    dx = dx * w * sp * (1 - sp);
  }
  return { error, dw, db };
}

/** The error over a grid: `error[j][i]` at (w[i], b[j]). */
export function errorSurface(w: readonly number[], b: readonly number[]): number[][] {
  return b.map((bj) => w.map((wi) => errorAndGradient(wi, bj).error));
}

/**
 * SGD from (w0, b0) with learning rate `lr` for `steps` steps; with `clip`, the gradient is rescaled to norm `clip`
 * when larger (global-norm clipping, Pascanu et al. 2013, Algorithm 1).
 */
export function sgdPath(w0: number, b0: number, lr: number, steps: number, clip?: number): { w: number[]; b: number[] } {
  const w = [w0];
  const b = [b0];
  for (let k = 0; k < steps; k++) {
    const g = errorAndGradient(w[k]!, b[k]!);
    let scale = 1;
    const norm = Math.hypot(g.dw, g.db);
    if (clip !== undefined && norm > clip) scale = clip / norm;
    w.push(w[k]! - lr * scale * g.dw);
    b.push(b[k]! - lr * scale * g.db);
  }
  return { w, b };
}
