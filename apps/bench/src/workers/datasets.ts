import {
  type AgreementExample,
  type PresetName,
  type SequenceTask,
  AgreementGenerator,
  addingProblem,
  agreementEncoder,
  copyMemory,
  encodeAgreement,
  streamAgreement,
  temporalOrder,
} from "@vanish/datasets";
import { Random } from "@vanish/core";
import { measure } from "../measure";
import type { DatasetsSpec, WorkerReport, WorkerRow } from "../spec";

/** Examples per agreement batch and sequences per classic-task batch. */
export const AGREEMENT_BATCH = 128;
export const TASK_BATCH = 64;

/**
 * Dataset generation throughput: agreement examples generated and encoded into a time-major token batch
 * (one call = one batch of {@link AGREEMENT_BATCH}, from an endless seeded stream), and the classic tasks'
 * `sample` (one call = one batch of {@link TASK_BATCH} sequences).
 */
export async function runDatasets(spec: DatasetsSpec): Promise<WorkerReport> {
  const rows: WorkerRow[] = [];
  for (const preset of ["easy", "default", "hard"] as PresetName[]) {
    const generator = new AgreementGenerator(preset);
    const encoder = agreementEncoder(generator.config.framing, AGREEMENT_BATCH, generator.maxLength);
    const stream = streamAgreement(1, preset);
    const batch: AgreementExample[] = [];
    const call = (): number => {
      batch.length = 0;
      for (let i = 0; i < AGREEMENT_BATCH; i++) batch.push(stream.next().value as AgreementExample);
      return encodeAgreement(batch, { encoder }).ids.length;
    };
    rows.push({ case: `agreement "${preset}": generate + encode`, unit: "examples/s", perCall: AGREEMENT_BATCH, secondsPerCall: await measure(call, spec.timing) });
  }
  const tasks: SequenceTask[] = [addingProblem({ length: 100 }), temporalOrder({ length: 100, classes: 8 }), copyMemory({ delay: 100 })];
  for (const task of tasks) {
    const rng = new Random(1);
    const call = (): number => task.sample(rng, TASK_BATCH).T;
    rows.push({ case: `${task.name} (T ${task.maxLength})`, unit: "seq/s", perCall: TASK_BATCH, secondsPerCall: await measure(call, spec.timing) });
  }
  return { rows, notes: [] };
}
