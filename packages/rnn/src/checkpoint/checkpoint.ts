import { Optimizer, Random, Tensor, fromJSON, toJSON, type OptimizerState, type RandomState, type TensorJSON } from "@vanish/core";
import { describe, fmt } from "../describe";
import { parameterShapes, resolveConfig, type ResolvedConfig } from "../model/config";
import { RecurrentModel } from "../model/RecurrentModel";
import { decodePlain, encodePlain, type PlainData } from "./plainData";

/**
 * Everything needed to resume training, as JSON-safe data: model config and weights (exact: float64 values
 * round-trip through JSON), the optimiser's state (core's `getState`), the caller's clipping state (opaque
 * plain data), the random generator's state and the step count.
 */
export interface Checkpoint {
  format: "vanish-checkpoint";
  version: 1;
  step: number;
  config: ResolvedConfig;
  /** Parameter name → core's tensor JSON `{dtype, shape, data}`. */
  weights: Record<string, TensorJSON>;
  optimizer: OptimizerState | null;
  /** Whatever the caller passed as `clipping` (non-finite numbers encoded as `{"$float": "Infinity"}`). */
  clipping: PlainData;
  rng: RandomState | null;
}

export interface CheckpointParts {
  /** Completed training steps. */
  step: number;
  optimizer?: Optimizer | OptimizerState;
  /** A clipping strategy's state or any other plain data the caller wants back; stored as is. */
  clipping?: unknown;
  rng?: Random | RandomState;
}

/** A checkpoint of `model` and the given training state (copies; nothing is shared with the live objects). */
export function createCheckpoint(model: RecurrentModel, parts: CheckpointParts): Checkpoint {
  const fn = "createCheckpoint";
  if (!(model instanceof RecurrentModel)) throw new TypeError(`${fn}: model must be a RecurrentModel, got ${describe(model)}`);
  if (!parts || typeof parts !== "object") throw new TypeError(`${fn}: parts must be an object {step, optimizer?, clipping?, rng?}, got ${describe(parts)}`);
  if (!Number.isInteger(parts.step) || parts.step < 0) throw new RangeError(`${fn}: parts.step must be an integer >= 0, got ${describe(parts.step)}`);
  const optimizer = parts.optimizer instanceof Optimizer ? parts.optimizer.getState() : (parts.optimizer ?? null);
  const rng = parts.rng instanceof Random ? parts.rng.getState() : (parts.rng ?? null);
  return {
    format: "vanish-checkpoint",
    version: 1,
    step: parts.step,
    config: { ...model.config },
    weights: toJSON(model.stateDict()),
    optimizer: optimizer === null ? null : (JSON.parse(JSON.stringify(optimizer)) as OptimizerState),
    clipping: parts.clipping === undefined ? null : encodePlain(fn, "parts.clipping", parts.clipping),
    rng: rng === null ? null : { s: [...rng.s] as [number, number, number, number], spare: rng.spare },
  };
}

/** The checkpoint as JSON text (write it with `@vanish/rnn/node`'s `writeCheckpointFile`, or anywhere). */
export function serializeCheckpoint(checkpoint: Checkpoint): string {
  return JSON.stringify(checkpoint);
}

/** Parses and validates checkpoint JSON (text or an already parsed object). */
export function parseCheckpoint(json: string | unknown): Checkpoint {
  const fn = "parseCheckpoint";
  let data: unknown = json;
  if (typeof json === "string") {
    try {
      data = JSON.parse(json);
    } catch (e) {
      throw new TypeError(`${fn}: the text is not valid JSON (${(e as Error).message})`);
    }
  }
  if (!data || typeof data !== "object" || (data as Checkpoint).format !== "vanish-checkpoint") {
    throw new TypeError(`${fn}: not a Vanish checkpoint (format must be "vanish-checkpoint", got ${describe((data as Checkpoint | null)?.format)})`);
  }
  const c = data as Checkpoint;
  if (c.version !== 1) throw new RangeError(`${fn}: version must be 1, got ${describe(c.version)}`);
  if (!Number.isInteger(c.step) || c.step < 0) throw new RangeError(`${fn}: step must be an integer >= 0, got ${describe(c.step)}`);
  resolveConfig(fn, c.config);
  if (!c.weights || typeof c.weights !== "object") throw new TypeError(`${fn}: weights must be an object of tensors, got ${describe(c.weights)}`);
  fromJSON(c.weights);
  return c;
}

export interface Restored {
  model: RecurrentModel;
  step: number;
  /** The caller's clipping state as it was passed to {@link createCheckpoint}. */
  clipping: unknown;
}

/**
 * Restores a checkpoint. With `model`, its weights are overwritten in place (so optimisers holding its tensors
 * keep working) after checking that the checkpoint's parameters match it exactly: the error lists every
 * missing, unexpected or differently shaped parameter and every differing config field. Without, a new model
 * is built. `optimizer` and `rng`, when given, get their saved state back.
 */
export function restoreCheckpoint(checkpoint: Checkpoint, target: { model?: RecurrentModel; optimizer?: Optimizer; rng?: Random } = {}): Restored {
  const fn = "restoreCheckpoint";
  const c = parseCheckpoint(checkpoint);
  const config = resolveConfig(fn, c.config);
  const weights = fromJSON(c.weights);
  let model = target.model;
  if (model !== undefined) {
    if (!(model instanceof RecurrentModel)) throw new TypeError(`${fn}: target.model must be a RecurrentModel, got ${describe(model)}`);
    const problems: string[] = [];
    for (const key of ["cell", "inputSize", "hiddenSize", "outputSize", "numLayers", "vocabSize"] as const) {
      if (config[key] !== model.config[key]) problems.push(`config.${key} is ${JSON.stringify(config[key])} in the checkpoint but ${JSON.stringify(model.config[key])} in the model`);
    }
    const expected = new Map(parameterShapes(model.config));
    for (const [name, shape] of expected) {
      const w = weights[name];
      if (!w) problems.push(`missing ${name} ${fmt(shape)}`);
      else if (w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i])) problems.push(`${name} is ${fmt(w.shape)} in the checkpoint but ${fmt(shape)} in the model`);
    }
    for (const name of Object.keys(weights)) if (!expected.has(name)) problems.push(`unexpected ${name}`);
    if (problems.length > 0) throw new RangeError(`${fn}: the checkpoint does not match the model: ${problems.join("; ")}`);
    // Values are converted to the model's dtype (a float64 checkpoint loads into a float32 model and back).
    for (const [name, t] of model.namedParameters()) t.data.set(weights[name].data);
  } else {
    const own = Object.fromEntries(Object.entries(weights).map(([n, t]) => [n, t.dtype === config.dtype ? t : convert(t.data, config.dtype, t.shape)]));
    model = new RecurrentModel(config, own);
  }
  if (target.optimizer !== undefined) {
    if (!(target.optimizer instanceof Optimizer)) throw new TypeError(`${fn}: target.optimizer must be an Optimizer, got ${describe(target.optimizer)}`);
    if (c.optimizer === null) throw new TypeError(`${fn}: target.optimizer was given but the checkpoint holds no optimiser state`);
    target.optimizer.setState(c.optimizer);
  }
  if (target.rng !== undefined) {
    if (!(target.rng instanceof Random)) throw new TypeError(`${fn}: target.rng must be a Random, got ${describe(target.rng)}`);
    if (c.rng === null) throw new TypeError(`${fn}: target.rng was given but the checkpoint holds no generator state`);
    target.rng.setState(c.rng);
  }
  return { model, step: c.step, clipping: decodePlain(c.clipping) };
}

function convert(data: ArrayLike<number>, dtype: "float32" | "float64", shape: readonly number[]): Tensor {
  return new Tensor(dtype === "float64" ? Float64Array.from(data) : Float32Array.from(data), shape);
}
