import { readFileSync } from "node:fs";
import { getBackend, setBackend } from "@vanish/core";
import { createBrainTrainer, type BrainModule } from "../brainTrainer";
import { measure } from "../measure";
import { caseName, type Problem } from "../problem";
import type { TrainSpec, WorkerReport } from "../spec";
import { createTfjsTrainer } from "../tfjsTrainer";
import { createVanishTrainer } from "../vanishTrainer";
import { loadTfjs } from "./loadTfjs";

/** brain.js's rate: 0.01 (its default) drives its relu RNN to NaN at H64 T50 (docs/speed.md#alternatives). */
export const BRAIN_LEARNING_RATE = 0.001;

/** Times one training step of one implementation on one problem; reports seq/s samples and the first two losses. */
export async function runTrain(spec: TrainSpec): Promise<WorkerReport> {
  const problem = JSON.parse(readFileSync(spec.problemFile, "utf8")) as Problem;
  const { impl } = spec;
  const T = problem.batch.x.length;
  const B = problem.batch.x[0].length;
  const notes: string[] = [];
  let step: () => number | Promise<number>;
  let perCall = B;
  let pytorchUpdate = true;

  if (impl.library === "vanish") {
    setBackend(impl.backend);
    if (getBackend() !== impl.backend) throw new Error(`runTrain: core's setBackend("${impl.backend}") left the backend at "${getBackend()}"`);
    const trainer = createVanishTrainer(problem, impl.dtype);
    step = () => trainer.step();
  } else if (impl.library === "tfjs") {
    const loaded = await loadTfjs(impl.backend);
    notes.push(...loaded.notes);
    const trainer = createTfjsTrainer(loaded.tf, problem, impl.form);
    pytorchUpdate = trainer.pytorchUpdate;
    step = trainer.step;
  } else {
    // brain.js is CommonJS: its namespace comes as `default` or as named exports depending on the loader.
    const mod = (await import("brain.js")) as unknown as BrainModule & { default?: BrainModule };
    const brain = mod.default?.recurrent ? mod.default : mod;
    const trainer = createBrainTrainer(brain, problem, BRAIN_LEARNING_RATE);
    step = trainer.step;
    perCall = 1;
    pytorchUpdate = false;
  }

  const losses = [await step(), await step()];
  const secondsPerCall = await measure(step, spec.timing);
  const last = await step();
  if (!Number.isFinite(last)) notes.push(`${impl.library}: the loss became ${last} during timing`);
  return { rows: [{ case: caseName(T, problem.model.hiddenSize), unit: "seq/s", perCall, secondsPerCall, losses, pytorchUpdate }], notes };
}
