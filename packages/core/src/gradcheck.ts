// Central-difference gradient checking in float64, as torch.autograd.gradcheck does.
import { backward } from "./autograd";
import { noGrad } from "./gradMode";
import { Random } from "./random";
import { fmt } from "./shape";
import { Tensor } from "./tensor/Tensor";
import { assertTensor } from "./tensor/assertions";

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Seed of the random projection used when `fn` returns more than one element. */
  seed?: number;
}

/** The worst element of one input. */
export interface GradcheckInputReport {
  /** Index (flat, row-major) of the element with the largest violation. */
  index: number;
  analytic: number;
  numeric: number;
  absError: number;
  relError: number;
  ok: boolean;
}

export interface GradcheckReport {
  ok: boolean;
  inputs: GradcheckInputReport[];
}

/**
 * Compares the gradients that reverse mode computes for `fn(...inputs)` with central differences
 * `(f(x + ε) − f(x − ε)) / 2ε`, element by element, in float64. For a non-scalar output the check runs on
 * `Σ w ⊙ fn(...)` with fixed random weights `w`, which tests every output at once.
 * An element passes when `|analytic − numeric| ≤ atol + rtol·|numeric|`.
 *
 * Inputs must be float64 (the differences are meaningless in float32). Only inputs with `requiresGrad` are
 * checked; others are held constant.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  const { eps = 1e-6, rtol = 1e-6, atol = 1e-8, seed = 0 } = options;
  if (typeof fn !== "function") throw new TypeError(`gradcheck: fn must be a function, got ${String(fn)}`);
  if (!Array.isArray(inputs)) throw new TypeError("gradcheck: inputs must be an array of Tensors");
  inputs.forEach((x, i) => {
    assertTensor("gradcheck", `inputs[${i}]`, x);
    if (x.dtype !== "float64") throw new TypeError(`gradcheck: inputs[${i}] must be float64, got ${x.dtype}`);
  });
  if (!(eps > 0)) throw new RangeError(`gradcheck: options.eps must be > 0, got ${eps}`);

  // Private dense copies so the caller's tensors (and their grads) are untouched.
  const xs = inputs.map((x) => {
    const c = x.clone();
    c.requiresGrad = x.requiresGrad;
    return c;
  });
  const probe = noGrad(() => fn(...xs));
  assertTensor("gradcheck", "fn's result", probe);
  const rng = new Random(seed);
  const weights = new Float64Array(probe.size).map(() => rng.uniform() * 2 - 1);
  const scalar = (out: Tensor): number => {
    if (out.size !== probe.size) throw new RangeError(`gradcheck: fn's result changed size from ${fmt(probe.shape)} to ${fmt(out.shape)}`);
    const d = out.contiguous();
    let acc = 0;
    for (let i = 0; i < out.size; i++) acc += weights[i] * d.data[d.offset + i];
    return acc;
  };

  const out = fn(...xs);
  if (!out.requiresGrad) throw new TypeError("gradcheck: fn's result does not depend on any input with requiresGrad");
  const w = new Tensor(Float64Array.from(weights), out.shape);
  backward(out, w);

  const reports: GradcheckInputReport[] = [];
  let ok = true;
  xs.forEach((x) => {
    if (!x.requiresGrad) return;
    const analytic = x.grad ? x.grad.contiguous() : null;
    let worst: GradcheckInputReport = { index: -1, analytic: 0, numeric: 0, absError: 0, relError: 0, ok: true };
    let worstExcess = -Infinity;
    for (let i = 0; i < x.size; i++) {
      const orig = x.data[i];
      x.data[i] = orig + eps;
      const fp = noGrad(() => scalar(fn(...xs)));
      x.data[i] = orig - eps;
      const fm = noGrad(() => scalar(fn(...xs)));
      x.data[i] = orig;
      const numeric = (fp - fm) / (2 * eps);
      const a = analytic ? analytic.data[analytic.offset + i] : 0;
      const absError = Math.abs(a - numeric);
      const excess = absError - (atol + rtol * Math.abs(numeric));
      if (excess > worstExcess || Number.isNaN(excess)) {
        worstExcess = Number.isNaN(excess) ? Infinity : excess;
        worst = {
          index: i,
          analytic: a,
          numeric,
          absError,
          relError: absError / Math.max(Math.abs(numeric), Number.MIN_VALUE),
          ok: excess <= 0,
        };
      }
    }
    if (!worst.ok) ok = false;
    reports.push(worst);
  });
  return { ok, inputs: reports };
}
