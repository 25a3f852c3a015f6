import type { NestedArray, Tensor } from "@vanish/core";
import { describe, fmt } from "../describe";
import { parameterShapes, resolveConfig, type ModelConfig } from "../model/config";
import { RecurrentModel } from "../model/RecurrentModel";
import { keyPath, readNested, toNested } from "./nested";

/** A PyTorch-style state dict as JSON: parameter name → nested number arrays (`{k: v.tolist()}` in Python). */
export type StateDictJSON = Record<string, NestedArray>;

/**
 * The model's parameters as nested arrays under PyTorch's names, e.g. `weight_hh_l0` `[G·H, H]`. In Python,
 * `rnn.load_state_dict({k: torch.tensor(v) for k, v in d.items() if k not in ("head.weight", "head.bias")})`
 * loads it into an `nn.RNN`/`nn.LSTM`/`nn.GRU` of the same sizes (and the head keys into an `nn.Linear`).
 */
export function stateDictToJSON(model: RecurrentModel): StateDictJSON {
  if (!(model instanceof RecurrentModel)) throw new TypeError(`stateDictToJSON: model must be a RecurrentModel, got ${describe(model)}`);
  return Object.fromEntries(model.namedParameters().map(([n, t]) => [n, toNested(t)]));
}

/**
 * Reads a JSON state dict for `config`: every expected name must be present with exactly its shape and only
 * finite numbers, and no other name may appear. Errors give the JSON path (`stateDict.weight_hh_l0[3]`).
 */
export function stateDictFromJSON(json: unknown, config: ModelConfig, options: { path?: string; fn?: string } = {}): Record<string, Tensor> {
  const fn = options.fn ?? "stateDictFromJSON";
  const path = options.path ?? "stateDict";
  const c = resolveConfig(fn, config);
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    throw new TypeError(`${fn}: ${path} must be an object mapping parameter names to nested arrays, got ${describe(json)}`);
  }
  const record = json as Record<string, unknown>;
  const expected = parameterShapes(c);
  const missing = expected.filter(([n]) => !(n in record)).map(([n, s]) => `${n} ${fmt(s)}`);
  const known = new Set(expected.map(([n]) => n));
  const unexpected = Object.keys(record).filter((n) => !known.has(n));
  if (missing.length > 0 || unexpected.length > 0) {
    const parts = [missing.length ? `missing ${missing.join(", ")}` : "", unexpected.length ? `unexpected ${unexpected.join(", ")}` : ""].filter(Boolean);
    throw new RangeError(`${fn}: ${path} does not match a ${c.cell} model with ${c.numLayers} layer(s): ${parts.join("; ")}`);
  }
  return Object.fromEntries(expected.map(([n, shape]) => [n, readNested(fn, keyPath(path, n), record[n], shape, c.dtype)]));
}

/** Copies a JSON state dict into `model`'s parameters in place (PyTorch's `load_state_dict`), after validating all of it. */
export function loadStateDict(model: RecurrentModel, json: unknown): void {
  if (!(model instanceof RecurrentModel)) throw new TypeError(`loadStateDict: model must be a RecurrentModel, got ${describe(model)}`);
  const tensors = stateDictFromJSON(json, model.config, { fn: "loadStateDict" });
  for (const [n, t] of model.namedParameters()) t.data.set(tensors[n].data);
}
