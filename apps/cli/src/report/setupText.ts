// Each run's setup in words, read from its config (so that the report says what was run, not what was meant).
import type { RunConfig } from "../engine/config";
import { formatCount, formatNumber } from "./format";

const range = (r: unknown): string => (Array.isArray(r) ? (r[0] === r[1] ? `${r[0]}` : `${r[0]}–${r[1]}`) : String(r));

/** "hidden size 32, embedding 16, adam (lr 0.01), 1,000 steps of 32 sequences, float32, seed 0". */
export function trainingSetup(config: RunConfig): string {
  const parts = [`hidden size ${config.hiddenSize}`];
  if (config.task.name === "agreement") parts.push(`embedding ${config.embeddingSize}`);
  if (config.recurrentInit.kind !== "uniform") {
    const r = config.recurrentInit;
    parts.push(`W_hh init ${r.kind}${"scale" in r ? ` ×${r.scale}` : ""}${"gain" in r ? ` gain ${r.gain}` : ""}`);
  }
  const { name, lr, ...rest } = config.optimizer;
  const extra = Object.entries(rest).map(([k, v]) => `, ${k} ${JSON.stringify(v)}`).join("");
  parts.push(`${name === "sgd" ? "SGD" : name === "adam" ? "Adam" : name} (lr ${formatNumber(lr)}${extra})`);
  if (config.clip !== "none") parts.push(`clip ${config.clip}`);
  if (config.forgetBias !== null) parts.push(`forget-gate bias ${formatNumber(config.forgetBias)}`);
  parts.push(`${formatCount(config.steps)} steps of ${config.batchSize} sequences`, config.dtype);
  return parts.join(", ");
}

/** The task in words: "agreement (easy preset; distance 1–40, attractors 0–4, …)" or "adding problem, T = 25". */
export function taskText(config: RunConfig): string {
  const t = config.task;
  switch (t.name) {
    case "agreement": {
      const k = t.knobs;
      const lexicon = k.lexicon === undefined ? "" : `, lexicon of ${k.lexicon.animate} animate and ${k.lexicon.inanimate} inanimate nouns`;
      return (
        `number agreement (${k.framing === "lm" ? "language model: next-token prediction, scored on the verb" : `${k.framing ?? "number"} prediction`}; subject–verb distance ${range(k.distance)}${k.distanceDraw === "logUniform" ? " drawn log-uniformly" : ""}, attractors ${range(k.attractors)}, ` +
        `nested relative clauses ${range(k.nesting)}, prefix ${range(k.prefix)} tokens${lexicon})`
      );
    }
    case "adding":
      return `the adding problem (${t.knobs.variant}, T = ${t.knobs.length})`;
    case "temporalOrder":
      return `temporal order (T = ${t.knobs.length}, ${t.knobs.classes} classes)`;
    case "copy":
      return `copy memory (delay ${t.knobs.delay}, ${t.knobs.count} symbols of ${t.knobs.symbols})`;
  }
}
