// The run configuration: one plain-JSON object that decides everything a training run computes. Two configs that
// resolve to the same object give bit-identical runs; `configHash` of it is the run's job id.
import { Adagrad, Adam, AdamW, RMSprop, SGD, zeros, type Optimizer, type Tensor } from "@vanish/core";
import { NON_FINITE_POLICY_KINDS, parseClipSpec, type ClipKind } from "@vanish/clipping";
import { CELL_TYPES, type CellType } from "@vanish/rnn";
import { fail, failWith, finite, intAtLeast, keysOf, listOf, oneOf, plainObject, show } from "./check";
import { resolveTaskConfig, type TaskConfig } from "./taskConfig";

export const OPTIMIZER_NAMES = ["sgd", "adam", "adamw", "rmsprop", "adagrad"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** `{ name, lr, ...options }`: the options of core's optimiser of that name (torch.optim's), e.g. `momentum`. */
export interface OptimizerConfig {
  name: OptimizerName;
  lr: number;
  [option: string]: unknown;
}

/** How each `[H, H]` block of `weight_hh` starts (`@vanish/rnn`'s `RecurrentInit`, every field filled in). */
export type RecurrentInitConfig = { kind: "uniform" } | { kind: "scaledNormal"; scale: number } | { kind: "orthogonal"; gain: number } | { kind: "identity"; scale: number };

export const RECURRENT_INITS = ["uniform", "scaledNormal", "orthogonal", "identity"] as const;

/** Full BPTT, or Williams & Peng's BPTT(k2; k1) with the state carried across windows when `stateful`. */
export type BpttConfig = { mode: "full" } | { mode: "truncated"; k1: number; k2: number; stateful: boolean };

/**
 * What to do when the loss or a gradient is NaN/±Infinity: stop the run, skip the update and count it, or let the
 * clipping spec decide (`clip`: a spec that starts with one of @vanish/clipping's non-finite policies, e.g.
 * `"zeroNans>norm:1"`, `"skip>norm:1"` or `"applyIfFinite:3>norm:1"`; @vanish/rnn's `trainStep` policy "transform").
 */
export const NON_FINITE_POLICIES = ["error", "skip", "clip"] as const;
export type NonFinitePolicy = (typeof NON_FINITE_POLICIES)[number];

export const DTYPES = ["float32", "float64"] as const;

/** A complete run configuration (what {@link resolveRunConfig} returns; written to `config.json`). */
export interface RunConfig {
  task: TaskConfig;
  cell: CellType;
  /** Stacked recurrent layers. */
  layers: number;
  hiddenSize: number;
  /** Width of the token embedding (token tasks, i.e. agreement; dense tasks ignore it). */
  embeddingSize: number;
  recurrentInit: RecurrentInitConfig;
  /** LSTM only: the forget gate's total bias (Gers et al. 2000), or null for PyTorch's init. */
  forgetBias: number | null;
  optimizer: OptimizerConfig;
  /** A `@vanish/clipping` spec in canonical form (e.g. `"norm:1"`, `"zeroNans>agc:0.01"`), or `"none"`. */
  clip: string;
  nonFinite: NonFinitePolicy;
  bptt: BpttConfig;
  /** Optimiser steps (one batch each). */
  steps: number;
  batchSize: number;
  /** Steps per metrics record. */
  logEvery: number;
  /** Steps between evaluations during training (0: only the final evaluation). */
  evalEvery: number;
  /** Batches of `batchSize` in each evaluation set (and examples per bucket / batchSize for agreement). */
  evalBatches: number;
  dtype: (typeof DTYPES)[number];
  seed: number;
  /** Steps between instrumented steps (per-step ‖dL/dh_t‖ and the spectral radius of W_hh); 0: off. */
  instrumentEvery: number;
}

/** What a config file or the flags may give: any subset, nested objects partial too. */
export type PartialRunConfig = { [K in keyof RunConfig]?: unknown };

export const RUN_CONFIG_KEYS: readonly (keyof RunConfig)[] = [
  "task",
  "cell",
  "layers",
  "hiddenSize",
  "embeddingSize",
  "recurrentInit",
  "forgetBias",
  "optimizer",
  "clip",
  "nonFinite",
  "bptt",
  "steps",
  "batchSize",
  "logEvery",
  "evalEvery",
  "evalBatches",
  "dtype",
  "seed",
  "instrumentEvery",
];

/** The most optimiser steps a run may ask for (10 million: about 3 hours at 1 ms a step, the fastest runs here). */
export const MAX_STEPS = 10_000_000;

/** The defaults of every field (the task's own default is agreement with its "default" preset). */
export const RUN_CONFIG_DEFAULTS = {
  task: { name: "agreement", preset: "default" },
  cell: "lstm",
  layers: 1,
  hiddenSize: 32,
  embeddingSize: 16,
  recurrentInit: { kind: "uniform" },
  forgetBias: null,
  optimizer: { name: "adam" },
  clip: "none",
  nonFinite: "error",
  bptt: { mode: "full" },
  steps: 200,
  batchSize: 32,
  logEvery: 10,
  evalEvery: 0,
  evalBatches: 4,
  dtype: "float32",
  seed: 0,
  instrumentEvery: 0,
} as const;

/** Each optimiser's own option names (besides `lr`) and torch.optim's default learning rate. */
const OPTIMIZERS: Record<OptimizerName, { options: readonly string[]; lr: number; make: (p: Tensor[], o: object) => Optimizer }> = {
  sgd: { options: ["momentum", "dampening", "nesterov", "weightDecay"], lr: 1e-3, make: (p, o) => new SGD(p, o as { lr: number }) },
  adam: { options: ["betas", "eps", "weightDecay", "amsgrad"], lr: 1e-3, make: (p, o) => new Adam(p, o) },
  adamw: { options: ["betas", "eps", "weightDecay", "amsgrad"], lr: 1e-3, make: (p, o) => new AdamW(p, o) },
  rmsprop: { options: ["alpha", "eps", "weightDecay", "momentum", "centered"], lr: 1e-2, make: (p, o) => new RMSprop(p, o) },
  adagrad: { options: ["lrDecay", "weightDecay", "initialAccumulatorValue", "eps"], lr: 1e-2, make: (p, o) => new Adagrad(p, o) },
};

/** Core's optimiser for `config` over `params` (the config must be resolved). */
export function createOptimizer(config: OptimizerConfig, params: Tensor[]): Optimizer {
  const { name, ...options } = config;
  return OPTIMIZERS[name].make(params, options);
}

function resolveOptimizer(v: unknown): OptimizerConfig {
  const where = "config.optimizer";
  const o = typeof v === "string" ? { name: v } : plainObject(where, v, '{"name": "adam", "lr": 0.001}');
  const name = oneOf(`${where}.name`, o.name ?? RUN_CONFIG_DEFAULTS.optimizer.name, OPTIMIZER_NAMES);
  const spec = OPTIMIZERS[name];
  keysOf(where, o, ["name", "lr", ...spec.options], `for optimizer "${name}"`);
  const resolved: OptimizerConfig = { ...o, name, lr: o.lr === undefined ? spec.lr : finite(`${where}.lr`, o.lr, 0) };
  try {
    createOptimizer(resolved, [zeros([1])]);
  } catch (e) {
    failWith(where, e);
  }
  return resolved;
}

function resolveRecurrentInit(v: unknown): RecurrentInitConfig {
  const where = "config.recurrentInit";
  const o = typeof v === "string" ? { kind: v } : plainObject(where, v, '{"kind": "scaledNormal", "scale": 2}');
  const kind = oneOf(`${where}.kind`, o.kind, RECURRENT_INITS);
  switch (kind) {
    case "uniform":
      keysOf(where, o, ["kind"], 'for kind "uniform"');
      return { kind };
    case "orthogonal":
      keysOf(where, o, ["kind", "gain"], 'for kind "orthogonal"');
      return { kind, gain: o.gain === undefined ? 1 : finite(`${where}.gain`, o.gain) };
    case "scaledNormal":
    case "identity":
      keysOf(where, o, ["kind", "scale"], `for kind "${kind}"`);
      return { kind, scale: o.scale === undefined ? 1 : finite(`${where}.scale`, o.scale) };
  }
}

function resolveBptt(v: unknown): BpttConfig {
  const where = "config.bptt";
  const o = typeof v === "string" ? { mode: v } : plainObject(where, v, '{"mode": "truncated", "k1": 10, "k2": 20}');
  const mode = oneOf(`${where}.mode`, o.mode, ["full", "truncated"] as const);
  if (mode === "full") {
    keysOf(where, o, ["mode"], 'for mode "full"');
    return { mode };
  }
  keysOf(where, o, ["mode", "k1", "k2", "stateful"], 'for mode "truncated"');
  const k1 = intAtLeast(`${where}.k1`, o.k1, 1);
  const k2 = intAtLeast(`${where}.k2`, o.k2 ?? k1, k1);
  const stateful = o.stateful ?? true;
  if (typeof stateful !== "boolean") fail("type", `${where}.stateful`, `must be true or false, got ${show(stateful)}`);
  return { mode, k1, k2, stateful };
}

/** The canonical spec of a clipping spec (string, JSON object or array), or "none". */
function resolveClip(v: unknown): string {
  if (v === "none" || v === null) return "none";
  let strategy;
  try {
    strategy = parseClipSpec(v as string);
  } catch (e) {
    failWith("config.clip", e, '\n  or "none" for no clipping');
  }
  // A threshold of 0 zeroes every gradient: the run would train nothing while looking healthy.
  const json = strategy.toJSON();
  for (const stage of Array.isArray(json) ? json : [json]) {
    for (const key of ZERO_MEANS_NOTHING) {
      if ((stage as Record<string, unknown>)[key] === 0) {
        fail("range", "config.clip", `${JSON.stringify(strategy.spec)} has ${key} 0, which zeroes every gradient so that the run trains nothing; use a threshold > 0, or "none" for no clipping`);
      }
    }
  }
  return strategy.spec;
}

/** Thresholds of the clipping specs (`norm:MAX`, `value:C`, `agc:λ`, …) that clip every gradient to zero at 0. */
const ZERO_MEANS_NOTHING = ["maxNorm", "clipValue", "clipNorm", "threshold", "clipping"] as const;

/**
 * Validates a partial run config and fills in every default ({@link RUN_CONFIG_DEFAULTS}). Unknown keys, at any
 * depth, are rejected; every error is a TypeError (wrong kind or unknown key) or RangeError (out of range) whose
 * message names the key (`config.bptt.k2`) and lists the valid values. Idempotent: resolving a resolved config
 * returns an equal object.
 *
 * @example
 * resolveRunConfig({ task: { name: "adding", preset: "easy" }, cell: "gru", clip: "norm:1" }).bptt; // { mode: "full" }
 */
export function resolveRunConfig(partial: PartialRunConfig = {}): RunConfig {
  const p = plainObject("config", partial, '{"task": {"name": "adding"}, "cell": "lstm"}');
  keysOf("config", p, RUN_CONFIG_KEYS);
  const get = <K extends keyof RunConfig>(k: K): unknown => (p[k] === undefined ? RUN_CONFIG_DEFAULTS[k] : p[k]);
  const cell = oneOf("config.cell", get("cell"), CELL_TYPES);
  const clip = resolveClip(get("clip"));
  const nonFinite = oneOf("config.nonFinite", get("nonFinite"), NON_FINITE_POLICIES);
  if (nonFinite === "clip" && !NON_FINITE_POLICY_KINDS.includes(clip.split(">")[0]!.split(":")[0] as ClipKind)) {
    fail("type", "config.nonFinite", `"clip" needs a clip spec that starts with a non-finite policy (${listOf(NON_FINITE_POLICY_KINDS)}), e.g. "skip>norm:1", got clip ${show(clip)}`);
  }
  const forgetBias = get("forgetBias");
  if (forgetBias !== null) {
    finite("config.forgetBias", forgetBias);
    if (cell !== "lstm") fail("type", "config.forgetBias", `applies to cell "lstm" only, got cell ${show(cell)}; use null`);
  }
  const steps = intAtLeast("config.steps", get("steps"), 1, MAX_STEPS, "about 3 hours at 1 ms a step, the fastest runs here");
  return {
    task: resolveTaskConfig(get("task")),
    cell,
    layers: intAtLeast("config.layers", get("layers"), 1),
    hiddenSize: intAtLeast("config.hiddenSize", get("hiddenSize"), 1),
    embeddingSize: intAtLeast("config.embeddingSize", get("embeddingSize"), 1),
    recurrentInit: resolveRecurrentInit(get("recurrentInit")),
    forgetBias: forgetBias as number | null,
    optimizer: resolveOptimizer(get("optimizer")),
    clip,
    nonFinite,
    bptt: resolveBptt(get("bptt")),
    steps,
    batchSize: intAtLeast("config.batchSize", get("batchSize"), 1),
    logEvery: intAtLeast("config.logEvery", get("logEvery"), 1),
    evalEvery: intAtLeast("config.evalEvery", get("evalEvery"), 0),
    evalBatches: intAtLeast("config.evalBatches", get("evalBatches"), 1),
    dtype: oneOf("config.dtype", get("dtype"), DTYPES),
    seed: intAtLeast("config.seed", get("seed"), 0),
    instrumentEvery: intAtLeast("config.instrumentEvery", get("instrumentEvery"), 0),
  };
}
