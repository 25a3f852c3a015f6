// The words shown when a run turns non-finite: what happened, where, why, and what to try. Pure, so it is tested.
import type { LabConfig } from "../config/labConfig";
import type { NonFiniteReport } from "../training/trainer";

export interface Explanation {
  title: string;
  paragraphs: string[];
}

function num(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+∞" : "−∞";
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toPrecision(4);
}

/** What to say about a non-finite step of a run with `config`; `rho` is the last measured ρ(W_hh) if any. */
export function explainNonFinite(report: NonFiniteReport, config: LabConfig, rho: number | null): Explanation {
  const what =
    report.where === "loss"
      ? `the loss was ${num(report.loss)}: the forward pass overflowed`
      : report.where === "gradients"
        ? `the gradient norm was ${num(report.gradNorm)} while the loss was ${num(report.loss)}: the backward pass overflowed`
        : "an update turned the weights themselves into NaN or ∞";
  const tensors = report.tensors.length
    ? `Non-finite values in ${report.tensors.map((t) => `${t.name} (${[t.nan ? `${t.nan} NaN` : "", t.inf ? `${t.inf} ∞` : ""].filter(Boolean).join(", ")})`).join(", ")}.`
    : "";
  const action =
    report.where === "weights"
      ? "The weights are no longer finite, so the run cannot go on."
      : report.action === "stopped"
        ? "The run was stopped (policy “stop”) before this step's update reached the weights."
        : "That update was skipped (policy “skip”); training goes on with the weights of the step before.";
  const why: string[] = [];
  if (config.clip === "none") {
    why.push(
      "Why: with no clipping, a gradient spike turns into an equally large step. A recurrent network multiplies the gradient by W_hh (and the activation's slope) once per time step back, so when W_hh's spectral radius is above 1 the gradient can grow exponentially with the sequence length; one such step throws the weights onto a cliff where the next forward pass overflows float32 (about 3.4 × 10³⁸).",
    );
  } else {
    why.push(`Clipping (${config.clip}:${config.threshold}) bounds each step, but the loss or gradient overflowed within a single forward or backward pass.`);
  }
  if (rho !== null && Number.isFinite(rho)) why.push(`The last measured spectral radius of W_hh was ${rho.toFixed(2)}.`);
  const fixes =
    config.clip === "none"
      ? "Try: turn on global-norm clipping at 1 (Pascanu, Mikolov & Bengio 2013), lower the learning rate, or scale W_hh below 1."
      : "Try: a lower learning rate, a smaller recurrent-weight scale, or a shorter sequence.";
  return {
    title: `Non-finite values at step ${report.step}`,
    paragraphs: [`At step ${report.step} ${what}. ${tensors}`.trim(), action, ...why, fixes],
  };
}
