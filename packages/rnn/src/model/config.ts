import type { DType } from "@vanish/core";
import { assertCellType, gateCount, type CellType } from "../cells/registry";
import { describe } from "../describe";

/** What a {@link RecurrentModel} is: a cell, sizes, depth, input kind and dtype. */
export interface ModelConfig {
  cell: CellType;
  /** I: features per step of a dense input, or the embedding width when `vocabSize` is set. */
  inputSize: number;
  /** H: hidden units per layer. */
  hiddenSize: number;
  /** O: outputs of the linear head (classes for cross-entropy, targets for MSE). */
  outputSize: number;
  /** Stacked recurrent layers (default 1); layer k > 0 reads layer k−1's hidden states. */
  numLayers?: number;
  /** When set (> 0), the input is token ids looked up in `embedding.weight` `[vocabSize, inputSize]`; 0 or absent: dense input. */
  vocabSize?: number;
  /** Parameter and workspace dtype (default "float32"). */
  dtype?: DType;
}

/** A {@link ModelConfig} with every default filled in (`vocabSize` 0 means dense input). */
export type ResolvedConfig = Required<ModelConfig>;

function positiveInt(fn: string, arg: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw new RangeError(`${fn}: ${arg} must be an integer >= 1, got ${describe(v)}`);
  }
  return v;
}

/** Validates a config and fills in the defaults. */
export function resolveConfig(fn: string, config: ModelConfig): ResolvedConfig {
  if (!config || typeof config !== "object") throw new TypeError(`${fn}: config must be an object {cell, inputSize, hiddenSize, outputSize}, got ${describe(config)}`);
  assertCellType(fn, "config.cell", config.cell);
  const dtype = config.dtype ?? "float32";
  if (dtype !== "float32" && dtype !== "float64") throw new TypeError(`${fn}: config.dtype must be "float32" or "float64", got ${describe(dtype)}`);
  return {
    cell: config.cell,
    inputSize: positiveInt(fn, "config.inputSize", config.inputSize),
    hiddenSize: positiveInt(fn, "config.hiddenSize", config.hiddenSize),
    outputSize: positiveInt(fn, "config.outputSize", config.outputSize),
    numLayers: config.numLayers === undefined ? 1 : positiveInt(fn, "config.numLayers", config.numLayers),
    vocabSize: config.vocabSize === undefined || config.vocabSize === 0 ? 0 : positiveInt(fn, "config.vocabSize", config.vocabSize),
    dtype,
  };
}

/**
 * The parameter names and shapes of a config, in PyTorch's `state_dict()` order: `embedding.weight` (token
 * input only), then per layer k `weight_ih_l{k}` `[G·H, I_k]`, `weight_hh_l{k}` `[G·H, H]`, `bias_ih_l{k}`,
 * `bias_hh_l{k}` `[G·H]` (I_0 = inputSize, I_k = H above), then `head.weight` `[O, H]` and `head.bias` `[O]`.
 */
export function parameterShapes(config: ResolvedConfig): [string, number[]][] {
  const { cell, inputSize: I, hiddenSize: H, outputSize: O, numLayers, vocabSize } = config;
  const G = gateCount(cell);
  const out: [string, number[]][] = [];
  if (vocabSize > 0) out.push(["embedding.weight", [vocabSize, I]]);
  for (let k = 0; k < numLayers; k++) {
    out.push([`weight_ih_l${k}`, [G * H, k === 0 ? I : H]]);
    out.push([`weight_hh_l${k}`, [G * H, H]]);
    out.push([`bias_ih_l${k}`, [G * H]]);
    out.push([`bias_hh_l${k}`, [G * H]]);
  }
  out.push(["head.weight", [O, H]]);
  out.push(["head.bias", [O]]);
  return out;
}
