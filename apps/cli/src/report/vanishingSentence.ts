// How fast ‖∂L/∂h‖ falls going back from the read-out, per cell, before and after training — in words, from the
// probes (Bengio, Simard & Frasconi 1994: a tanh RNN's gradient shrinks geometrically with the distance).
import type { ProbeNorms } from "../experiments/probeGradients";
import { formatCount, formatNumber, listText } from "./format";

export interface CellProbe {
  readonly label: string;
  readonly init: ProbeNorms;
  readonly trained: ProbeNorms;
}

/**
 * The largest k at which every probe still averages over at least `minCount` examples (default: half of the
 * examples at the read-out), so that the ratio compares like with like; 0 when there is no such k > 0.
 */
export function probeHorizon(probes: readonly CellProbe[], minCount?: number): number {
  let k = 0;
  for (;;) {
    const next = k + 1;
    const ok = probes.every((p) => {
      const need = minCount ?? Math.ceil(p.init.counts[0]! / 2);
      return (p.init.counts[next] ?? 0) >= need && (p.trained.counts[next] ?? 0) >= need;
    });
    if (!ok) return k;
    k = next;
  }
}

/** ‖∂L/∂h‖ k steps before the read-out divided by its value at the read-out. */
export function gradientRatio(norms: ProbeNorms, k: number): number {
  return norms.values[k]! / norms.values[0]!;
}

/**
 * "‖∂L/∂h‖ 30 steps before the read-out, relative to its value at the read-out, is 8.1e-10 for the RNN (…)".
 * The first probe is the baseline whose per-step factor is given.
 */
export function vanishingSentence(probes: readonly CellProbe[], minCount?: number): string {
  const K = probeHorizon(probes, minCount);
  if (K === 0) return "The probe batch has too few long sentences to compare gradient norms across steps.";
  const at = (which: "init" | "trained") => probes.map((p) => formatNumber(gradientRatio(p[which], K)));
  const initial = at("init");
  const trained = at("trained");
  const [first] = probes;
  const perStep = (which: "init" | "trained") => formatNumber(gradientRatio(first![which], K) ** (1 / K), 2);
  const examples = first!.init.counts[K]!;
  return (
    `‖∂L/∂h‖ ${K} steps before the read-out, relative to its value at the read-out, is ` +
    `${listText(probes.map((p, i) => `${initial[i]} for the ${p.label}`))} at initialisation ` +
    `(for the ${first!.label}, a factor of ${perStep("init")} per step), and ${listText(trained)} after training ` +
    `(${first!.label}: ${perStep("trained")} per step). Root mean square over the ${formatCount(examples)} sentences of the ` +
    `probe batch that are at least ${K + 1} words long. A ratio far below 1 means the error signal from the verb does ` +
    `not reach the subject: the gradient vanishes.`
  );
}
