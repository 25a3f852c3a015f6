// Trains the sentence view's two models exactly as `vanish demo` trains its seed-0 agreement runs (the same resolved
// configs, from the CLI's demo plan, through the CLI's own trainRun), and writes them to public/sentence-models/.
// Deterministic: the same code gives the same files, byte for byte.
//   pnpm exec tsx --tsconfig apps/cli/tsconfig.source.json apps/web/scripts/trainSentenceModels.ts [RUNS_DIR]
// RUNS_DIR (default: a temporary folder) keeps the run directories; finished runs there are reused.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { restoreCheckpoint } from "@vanish/rnn";
import { configHash } from "../../cli/src/engine/configHash";
import { trainRun } from "../../cli/src/engine/trainRun";
import { CELL_LABELS, demoPlan } from "../../cli/src/experiments/demoPlan";
import { RunDirectory } from "../../cli/src/runs/runDirectory";
import { encodeFloats, type SentenceModelFile } from "../src/sentence/sentenceModel";

const out = fileURLToPath(new URL("../public/sentence-models/", import.meta.url));
const runs = process.argv[2] ?? mkdtempSync(join(tmpdir(), "vanish-sentence-models-"));

for (const cell of ["rnn_tanh", "lstm"] as const) {
  const job = demoPlan("default").jobs.find((j) => j.key === `agreement/${cell}/0`)!;
  const runDir = join(runs, configHash(job.config));
  const summary = await trainRun(job.config, { runDir, resume: true });
  const checkpoint = new RunDirectory(runDir).readCheckpoint()!;
  const model = restoreCheckpoint(checkpoint).model;
  const task = job.config.task as { preset: string; knobs: Record<string, unknown> };
  const file: SentenceModelFile = {
    format: "vanish-sentence-model",
    version: 1,
    label: CELL_LABELS[cell],
    step: checkpoint.step,
    run: configHash(job.config),
    task: { preset: task.preset, knobs: task.knobs },
    config: model.config,
    weights: Object.fromEntries(model.namedParameters().map(([name, t]) => [name, { shape: [...t.shape], base64: encodeFloats(t.data) }])),
  };
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${cell}.json`), `${JSON.stringify(file)}\n`);
  console.log(`${cell}: ${summary.status}, ${checkpoint.step} steps, test accuracy ${summary.evaluation?.accuracy ?? "n/a"} → ${join(out, `${cell}.json`)}`);
}
