// The lab's configuration: one plain object that decides everything a run computes. The form, the URL and the
// worker all go through `validateConfig`, so a bad setting is refused in the same words wherever it comes from.
import { describeValue } from "@vanish/core";
import { CELL_TYPES, type CellType } from "@vanish/rnn";
import { AGREEMENT_PRESETS, type PresetName } from "@vanish/datasets";
import type { ClipKind as ClippingKind } from "@vanish/clipping";

export const TASKS = ["agreement", "adding"] as const;
export type TaskName = (typeof TASKS)[number];

export const PRESETS = ["easy", "default", "hard"] as const satisfies readonly PresetName[];

/**
 * How an agreement network is trained and scored. "number": a classifier reads the words before the verb and
 * predicts singular or plural, with every sentence exactly `distance` words from subject to verb. "lm" (Linzen,
 * Dupoux & Goldberg 2016, the CLI demo's design): a language model predicts every next word of the whole sentence
 * and is scored at the verb (right when the correct form's logit beats the wrong one's); the distances of its
 * sentences are drawn log-uniformly up to `distance`, and accuracy is measured per log-spaced distance bucket.
 */
export const FRAMINGS = ["number", "lm"] as const;
export type Framing = (typeof FRAMINGS)[number];

export const OPTIMIZERS = ["sgd", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** How each `[H, H]` block of W_hh starts; the scale sets its spectral radius (≈ scale for the random kinds). */
export const RECURRENT_INITS = ["scaledNormal", "orthogonal", "identity"] as const;
export type RecurrentInitName = (typeof RECURRENT_INITS)[number];

/** Clipping strategies offered in the form (@vanish/clipping's spec kinds, as `kind:threshold`), or none. */
export const CLIP_KINDS = ["none", "norm", "value", "tensornorm", "agc", "autoclip"] as const satisfies readonly ("none" | ClippingKind)[];
export type ClipKind = (typeof CLIP_KINDS)[number];

/** What happens when the loss or a gradient is NaN/±∞: stop the run and explain, or skip that update. */
export const NON_FINITE_POLICIES = ["stop", "skip"] as const;
export type NonFinitePolicy = (typeof NON_FINITE_POLICIES)[number];

export interface LabConfig {
  task: TaskName;
  /** Agreement: the @vanish/datasets preset (structure, attractors, nesting). */
  preset: PresetName;
  /** Agreement: "number" (a classifier at the verb) or "lm" (a language model scored at the verb); see FRAMINGS. */
  framing: Framing;
  /** Agreement: tokens from the subject's noun to its verb — exactly ("number"), or the longest ("lm"). */
  distance: number;
  /** Adding problem: the sequence length T. */
  length: number;
  cell: CellType;
  hiddenSize: number;
  /** LSTM only: the forget gate's initial bias (Jozefowicz et al. 2015 use 1), or null for the random init. */
  forgetBias: number | null;
  optimizer: OptimizerName;
  learningRate: number;
  recurrentInit: RecurrentInitName;
  /** Scale of W_hh's blocks: ρ(W_hh) ≈ scale for scaledNormal and orthogonal, exactly for identity. */
  recurrentScale: number;
  clip: ClipKind;
  /** The strategy's bound in its own unit: max norm, clip value, λ (AGC) or the percentile (AutoClip). */
  threshold: number;
  nonFinite: NonFinitePolicy;
  batchSize: number;
  seed: number;
}

export const DEFAULT_CONFIG: Readonly<LabConfig> = Object.freeze({
  task: "agreement",
  preset: "easy",
  framing: "number",
  distance: 12,
  length: 20,
  cell: "lstm",
  hiddenSize: 32,
  forgetBias: null,
  optimizer: "adam",
  learningRate: 0.01,
  recurrentInit: "scaledNormal",
  recurrentScale: 1,
  clip: "norm",
  threshold: 1,
  nonFinite: "stop",
  batchSize: 32,
  seed: 1,
});

/** Bounds of the numeric fields (inclusive; the form's min/max come from here). */
export const LIMITS = {
  distance: { max: 120 },
  length: { min: 2, max: 200 },
  hiddenSize: { min: 1, max: 256 },
  forgetBias: { min: -10, max: 10 },
  learningRate: { max: 10 },
  recurrentScale: { max: 10 },
  threshold: { max: 1e6 },
  batchSize: { min: 1, max: 256 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

/** The smallest distance a preset's structure admits at its largest nesting (see `minDistanceFor` in datasets). */
export function minDistance(preset: PresetName): number {
  const nesting = AGREEMENT_PRESETS[preset].nesting[1];
  return 1 + 4 * nesting;
}

/** One refused field, in words a person can act on. */
export interface FieldError {
  field: keyof LabConfig | "config";
  message: string;
}

export type Validation = { ok: true; config: LabConfig } | { ok: false; errors: FieldError[] };

const KEYS = Object.keys(DEFAULT_CONFIG) as (keyof LabConfig)[];


/**
 * Checks every field of a complete configuration and reports each problem (not just the first). Numbers must be
 * finite and inside {@link LIMITS}; integers must be integers; names must be one of the listed values. A threshold
 * is required (> 0) only when a clipping strategy is chosen; AutoClip's is a percentile in (0, 100].
 *
 * @example
 * validateConfig({ ...DEFAULT_CONFIG, hiddenSize: 0 });
 * // { ok: false, errors: [{ field: "hiddenSize", message: "hidden size must be an integer from 1 to 256, got 0" }] }
 */
export function validateConfig(input: unknown): Validation {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: "config", message: `the configuration must be an object, got ${describeValue(input)}` }] };
  }
  const o = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(o)) {
    if (!KEYS.includes(key as keyof LabConfig)) errors.push({ field: "config", message: `unknown setting ${JSON.stringify(key)}` });
  }
  const oneOf = <T extends string>(field: keyof LabConfig, label: string, values: readonly T[]): void => {
    if (!values.includes(o[field] as T)) {
      errors.push({ field, message: `${label} must be one of ${values.join(", ")}, got ${describeValue(o[field])}` });
    }
  };
  const int = (field: keyof LabConfig, label: string, min: number, max: number): void => {
    const v = o[field];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      errors.push({ field, message: `${label} must be an integer from ${min} to ${max}, got ${describeValue(v)}` });
    }
  };
  const positive = (field: keyof LabConfig, label: string, max: number): void => {
    const v = o[field];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0 || v > max) {
      errors.push({ field, message: `${label} must be a number > 0 and ≤ ${max}, got ${describeValue(v)}` });
    }
  };
  oneOf("task", "task", TASKS);
  oneOf("preset", "preset", PRESETS);
  const preset = PRESETS.includes(o.preset as PresetName) ? (o.preset as PresetName) : "easy";
  oneOf("framing", "framing", FRAMINGS);
  int("distance", `distance (preset ${preset})`, minDistance(preset), LIMITS.distance.max);
  int("length", "sequence length", LIMITS.length.min, LIMITS.length.max);
  oneOf("cell", "cell", CELL_TYPES);
  int("hiddenSize", "hidden size", LIMITS.hiddenSize.min, LIMITS.hiddenSize.max);
  const fb = o.forgetBias;
  if (fb !== null && (typeof fb !== "number" || !Number.isFinite(fb) || fb < LIMITS.forgetBias.min || fb > LIMITS.forgetBias.max)) {
    errors.push({ field: "forgetBias", message: `forget-gate bias must be a number from ${LIMITS.forgetBias.min} to ${LIMITS.forgetBias.max}, or empty for the random init, got ${describeValue(fb)}` });
  }
  oneOf("optimizer", "optimizer", OPTIMIZERS);
  positive("learningRate", "learning rate", LIMITS.learningRate.max);
  oneOf("recurrentInit", "recurrent init", RECURRENT_INITS);
  positive("recurrentScale", "recurrent-weight scale", LIMITS.recurrentScale.max);
  oneOf("clip", "clipping", CLIP_KINDS);
  if (o.clip === "autoclip") positive("threshold", "the AutoClip percentile", 100);
  else if (o.clip !== "none") positive("threshold", "the clipping threshold", LIMITS.threshold.max);
  oneOf("nonFinite", "non-finite policy", NON_FINITE_POLICIES);
  int("batchSize", "batch size", LIMITS.batchSize.min, LIMITS.batchSize.max);
  int("seed", "seed", LIMITS.seed.min, LIMITS.seed.max);
  for (const key of KEYS) {
    if (!(key in o)) errors.push({ field: key, message: `${key} is missing` });
  }
  if (errors.length > 0) return { ok: false, errors: dedupe(errors) };
  const config = {} as Record<string, unknown>;
  for (const key of KEYS) config[key] = o[key];
  return { ok: true, config: config as unknown as LabConfig };
}

/** One message per field: a missing field is reported as missing, not also as out of range. */
function dedupe(errors: FieldError[]): FieldError[] {
  const missing = new Set(errors.filter((e) => e.message.endsWith(" is missing")).map((e) => e.field));
  return errors.filter((e) => !missing.has(e.field) || e.message.endsWith(" is missing"));
}

/** The @vanish/clipping spec of a configuration, or null without clipping. */
export function clipSpec(config: LabConfig): string | null {
  return config.clip === "none" ? null : `${config.clip}:${config.threshold}`;
}

/** Whether the strategy's threshold is a bound on the gradient norm (so it belongs on the norm chart). */
export function thresholdIsNorm(clip: ClipKind): boolean {
  return clip === "norm";
}
