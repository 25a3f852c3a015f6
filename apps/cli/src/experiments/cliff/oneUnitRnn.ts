// Pascanu, Mikolov & Bengio (2013), "On the difficulty of training recurrent neural networks", §3.3 and Fig. 6:
// a one-unit RNN x_t = w·σ(x_{t−1}) + b with x_0 = 0.5 and error E = (σ(x_T) − 0.7)² after T = 50 steps. Its error
// surface over (w, b) has a "cliff": where the map's fixed point bifurcates, x_T jumps and dE/dw is enormous.

/** The one-unit network's constants, as in the paper. */
export interface OneUnitRnn {
  /** T, the number of steps (default 50). */
  readonly steps: number;
  /** x_0 (default 0.5). */
  readonly x0: number;
  /** The target of σ(x_T) (default 0.7). */
  readonly target: number;
}

export const PASCANU_RNN: OneUnitRnn = Object.freeze({ steps: 50, x0: 0.5, target: 0.7 });

/** E(w, b) and its exact gradient. */
export interface ErrorAndGradient {
  error: number;
  dw: number;
  db: number;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * E(w, b) = (σ(x_T) − target)² and (∂E/∂w, ∂E/∂b), by backpropagation through the T steps in closed form:
 * dE/dx_T = 2(σ(x_T) − target)·σ'(x_T), and going back, ∂x_t/∂w = σ(x_{t−1}), ∂x_t/∂b = 1,
 * ∂x_t/∂x_{t−1} = w·σ'(x_{t−1}). The forward pass keeps x_0 … x_T in `scratch` (T + 1 numbers) when one is given,
 * so a loop over a grid allocates only the results.
 */
export function oneUnitRnn(w: number, b: number, rnn: OneUnitRnn = PASCANU_RNN, scratch?: Float64Array): ErrorAndGradient {
  const T = rnn.steps;
  const xs = scratch !== undefined && scratch.length > T ? scratch : new Float64Array(T + 1);
  xs[0] = rnn.x0;
  for (let t = 1; t <= T; t++) xs[t] = w * sigmoid(xs[t - 1]!) + b;
  const s = sigmoid(xs[T]!);
  const error = (s - rnn.target) ** 2;
  let dx = 2 * (s - rnn.target) * s * (1 - s);
  let dw = 0;
  let db = 0;
  for (let t = T; t >= 1; t--) {
    const sp = sigmoid(xs[t - 1]!);
    dw += dx * sp;
    db += dx;
    dx *= w * sp * (1 - sp);
  }
  return { error, dw, db };
}
