import { readFileSync } from "node:fs";
import { adaptiveGradClip, clipGradNorm } from "@vanish/clipping";
import { setBackend } from "@vanish/core";
import { measure } from "../measure";
import type { Problem } from "../problem";
import type { OverheadSpec, WorkerReport } from "../spec";
import { createVanishTrainer } from "../vanishTrainer";

/** The global-norm threshold: small enough that every step rescales (the costlier branch). */
export const CLIP_MAX_NORM = 1e-3;

/**
 * What clipping and instrumentation add to Vanish's training step. The variants share one model and run in
 * rounds (base, then each variant, one sample each, `samples` times), so that a slow moment of a busy machine
 * hits a whole round; sample s of every row belongs to round s, and the overhead is read from the ratio to
 * the base within each round.
 */
export async function runOverhead(spec: OverheadSpec): Promise<WorkerReport> {
  const problem = JSON.parse(readFileSync(spec.problemFile, "utf8")) as Problem;
  setBackend(spec.impl.backend);
  const trainer = createVanishTrainer(problem, spec.impl.dtype);
  const params = trainer.model.parameters();
  const names = trainer.model.namedParameters().map(([name]) => name);
  const grads = () => params.map((p) => p.grad);
  trainer.step();
  const all = grads();
  const variants: [string, () => void][] = [
    ["training step", () => trainer.step()],
    [`+ clipGradNorm (max ${CLIP_MAX_NORM}, clips every step)`, () => trainer.step(undefined, () => clipGradNorm(all, CLIP_MAX_NORM))],
    ["+ AGC (λ 0.01, head excluded)", () => trainer.step(undefined, () => adaptiveGradClip(all, params, { names, exclude: ["head.weight", "head.bias"] }))],
    ["+ dL/dh_t norms (record.hiddenGradNorms)", () => trainer.step({ record: { hiddenGradNorms: true } })],
  ];
  const round = { warmupSeconds: 0, samples: 1, minSeconds: spec.timing.minSeconds };
  for (const [, call] of variants) await measure(call, { ...round, warmupSeconds: spec.timing.warmupSeconds });
  const seconds: number[][] = variants.map(() => []);
  for (let s = 0; s < spec.timing.samples; s++) {
    for (let v = 0; v < variants.length; v++) seconds[v].push(...(await measure(variants[v][1], round)));
  }
  const B = problem.batch.x[0].length;
  return { rows: variants.map(([name], v) => ({ case: name, unit: "seq/s", perCall: B, secondsPerCall: seconds[v] })), notes: [] };
}
