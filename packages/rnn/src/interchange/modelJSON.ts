import type { DType } from "@vanish/core";
import { assertCellType, type CellType } from "../cells/registry";
import { describe } from "../describe";
import { RecurrentModel } from "../model/RecurrentModel";
import { nestedShape } from "./nested";
import { stateDictFromJSON, stateDictToJSON, type StateDictJSON } from "./stateDictJSON";

/**
 * The model file of `vanish gradients` (docs/interchange.md): sizes plus a PyTorch-style state dict.
 * `numLayers` may be left out (it is read from the `weight_ih_l{k}` keys); `vocabSize` likewise from
 * `embedding.weight`.
 */
export interface ModelJSON {
  cell: CellType;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  numLayers?: number;
  vocabSize?: number;
  stateDict: StateDictJSON;
}

/** The model in the §3 file format. */
export function modelToJSON(model: RecurrentModel): ModelJSON {
  if (!(model instanceof RecurrentModel)) throw new TypeError(`modelToJSON: model must be a RecurrentModel, got ${describe(model)}`);
  const { cell, inputSize, hiddenSize, outputSize, numLayers, vocabSize } = model;
  return {
    cell,
    inputSize,
    hiddenSize,
    outputSize,
    ...(numLayers > 1 ? { numLayers } : {}),
    ...(vocabSize > 0 ? { vocabSize } : {}),
    stateDict: stateDictToJSON(model),
  };
}

/**
 * A model from the §3 file format, in `dtype` (default "float32"). Every error names the JSON path that is
 * wrong (`hiddenSize`, `stateDict.weight_hh_l0[2]`, …), what it must be and what it is.
 */
export function modelFromJSON(json: unknown, options: { dtype?: DType } = {}): RecurrentModel {
  const fn = "modelFromJSON";
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    throw new TypeError(`${fn}: the model must be an object {cell, inputSize, hiddenSize, outputSize, stateDict}, got ${describe(json)}`);
  }
  const m = json as Record<string, unknown>;
  assertCellType(fn, "cell", m.cell);
  for (const key of ["inputSize", "hiddenSize", "outputSize"]) {
    const v = m[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new RangeError(`${fn}: ${key} must be an integer >= 1, got ${describe(v)}`);
  }
  const sd = m.stateDict;
  if (!sd || typeof sd !== "object" || Array.isArray(sd)) {
    throw new TypeError(`${fn}: stateDict must be an object mapping parameter names to nested arrays, got ${describe(sd)}`);
  }
  let numLayers = m.numLayers;
  if (numLayers === undefined) {
    const ks = Object.keys(sd).map((k) => /^weight_ih_l(\d+)$/.exec(k)).filter((x) => x !== null).map((x) => Number(x![1]));
    numLayers = ks.length > 0 ? Math.max(...ks) + 1 : 1;
  } else if (typeof numLayers !== "number" || !Number.isInteger(numLayers) || numLayers < 1) {
    throw new RangeError(`${fn}: numLayers must be an integer >= 1, got ${describe(numLayers)}`);
  }
  let vocabSize = m.vocabSize;
  if (vocabSize === undefined) {
    vocabSize = "embedding.weight" in sd ? nestedShape((sd as Record<string, unknown>)["embedding.weight"])[0] ?? 0 : 0;
  } else if (typeof vocabSize !== "number" || !Number.isInteger(vocabSize) || vocabSize < 1) {
    throw new RangeError(`${fn}: vocabSize must be an integer >= 1, got ${describe(vocabSize)}`);
  }
  const config = {
    cell: m.cell,
    inputSize: m.inputSize as number,
    hiddenSize: m.hiddenSize as number,
    outputSize: m.outputSize as number,
    numLayers: numLayers as number,
    vocabSize: vocabSize as number,
    dtype: options.dtype ?? "float32",
  };
  return new RecurrentModel(config, stateDictFromJSON(sd, config, { fn }));
}
