import { gemm, type TypedArray } from "@vanish/core";
import { cellOf } from "../cells/registry";
import { describe } from "../describe";
import { jacobianNormsFromWorkspace, type JacobianNorms, type JacobianOptions } from "../instrument/jacobianNormsFromWorkspace";
import { recurrentSpectrum, type GateSpectrum } from "../instrument/spectrum";
import { stepsInPast, type StepsInPastOptions } from "../instrument/stepsInPast";
import type { RecurrentModel } from "../model/RecurrentModel";
import type { Workspace } from "./Workspace";

/** What {@link lossAndGrad} should return besides the loss. Everything is off by default. */
export interface RecordOptions {
  /** ‖dL/dh_t‖ per step and per example, for every layer (the total derivative, not just the direct one). */
  hiddenGradNorms?: boolean;
  /** A copy of the total dL/dh_t, `[T, B, H]` per layer. */
  hiddenGrads?: boolean;
  /** Cells with a cell state (LSTM): ‖dL/dc_t‖ per step and per example. */
  cellGradNorms?: boolean;
  /** Cells with a cell state (LSTM): a copy of the total dL/dc_t, `[T, B, H]` per layer. */
  cellGrads?: boolean;
  /** ‖Σ_b δ_{t,b} h_{t−1,b}ᵀ‖_F: how much step t alone adds to dL/dW_hh, per layer. */
  weightGradContributions?: boolean;
  /** Pascanu's "steps in the past" from the per-step ‖dL/dh_t‖, per layer (see {@link stepsInPast}). */
  stepsInPast?: boolean | StepsInPastOptions;
  /** ‖∂h_T/∂h_t‖_F for every t, for one layer (the top one by default); see {@link jacobianNorms}. */
  jacobianNorms?: boolean | JacobianOptions;
  /** σ_max and ρ of each gate block of every layer's W_hh (power iteration), before any update. */
  spectrum?: boolean;
  /**
   * Token models: ‖dL/de_t‖ per step and per example, the gradient with respect to the embedding vector read at
   * step t (returned as the result's `inputGradNorms`, not per layer).
   */
  inputGradNorms?: boolean;
}

/** The record options that need the backward pass. */
export const GRADIENT_RECORDS = ["hiddenGradNorms", "hiddenGrads", "cellGradNorms", "cellGrads", "weightGradContributions", "stepsInPast", "inputGradNorms"] as const;

export function checkRecord(fn: string, record: unknown): RecordOptions {
  if (!record || typeof record !== "object") throw new TypeError(`${fn}: options.record must be an object of flags, got ${describe(record)}`);
  const known = [...GRADIENT_RECORDS, "jacobianNorms", "spectrum"];
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) throw new TypeError(`${fn}: options.record.${key} is not a known record; use one of ${known.join(", ")}`);
  }
  return record as RecordOptions;
}

/** Norms of a `[T, B, H]` gradient, as plain typed arrays. */
export interface StepNorms {
  /** `[T]`: the Frobenius norm over the whole batch at step t (what docs/interchange.md#output calls hiddenGradNorms). */
  perStep: Float64Array;
  /** `[T·B]`, time-major (`t·B + b`): the Euclidean norm of each example's `[H]` gradient at step t. */
  perExample: Float64Array;
}

/** One layer's recorded data; only the fields asked for are present. */
export interface LayerRecord {
  hiddenGradNorms?: StepNorms;
  /** `[T, B, H]` flat, time-major. */
  hiddenGrads?: Float64Array;
  cellGradNorms?: StepNorms;
  cellGrads?: Float64Array;
  /** `[T]` */
  weightGradContributions?: Float64Array;
  stepsInPast?: number;
  /** Present on the layer it was computed for. */
  jacobianNorms?: JacobianNorms;
  spectrum?: GateSpectrum[];
}

/**
 * Reads the requested instrumentation out of the workspace after the pass (allocates only its outputs).
 * `spectrum` must have been computed before the pass changed anything, so it is passed in.
 */
export function recordLayers(
  model: RecurrentModel,
  ws: Workspace,
  T: number,
  B: number,
  lengths: ArrayLike<number> | null,
  options: RecordOptions,
  spectrum: GateSpectrum[][] | null,
): LayerRecord[] {
  const H = model.hiddenSize;
  const n = T * B * H;
  const cellState = cellOf(model.cell).cellState;
  const jac = options.jacobianNorms ? jacobianNormsFromWorkspace(model, ws, T, B, lengths, options.jacobianNorms === true ? {} : options.jacobianNorms) : null;
  return ws.layers.map((buf, l) => {
    const rec: LayerRecord = {};
    if (options.hiddenGradNorms) rec.hiddenGradNorms = stepNorms(buf.dH, T, B, H);
    if (options.hiddenGrads) rec.hiddenGrads = Float64Array.from(buf.dH.subarray(0, n));
    if (cellState && options.cellGradNorms) rec.cellGradNorms = stepNorms(buf.dC, T, B, H);
    if (cellState && options.cellGrads) rec.cellGrads = Float64Array.from(buf.dC.subarray(0, n));
    if (options.weightGradContributions) rec.weightGradContributions = weightGradContributions(model, ws, l, T, B);
    if (options.stepsInPast) {
      const norms = rec.hiddenGradNorms?.perStep ?? stepNorms(buf.dH, T, B, H).perStep;
      rec.stepsInPast = stepsInPast(norms, options.stepsInPast === true ? {} : options.stepsInPast);
    }
    if (jac && jac.layer === l) rec.jacobianNorms = jac;
    if (spectrum) rec.spectrum = spectrum[l];
    return rec;
  });
}

/** Per-example and per-step Euclidean norms of a `[T, B, H]` array. */
export function stepNorms(a: TypedArray, T: number, B: number, H: number): StepNorms {
  const perStep = new Float64Array(T);
  const perExample = new Float64Array(T * B);
  const H4 = H - (H % 4);
  for (let t = 0; t < T; t++) {
    let total = 0;
    for (let b = 0; b < B; b++) {
      const base = (t * B + b) * H;
      // Four partial sums: one accumulator would chain every add on the previous one's latency.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j < H4; j += 4) {
        const v0 = a[base + j];
        const v1 = a[base + j + 1];
        const v2 = a[base + j + 2];
        const v3 = a[base + j + 3];
        s0 += v0 * v0;
        s1 += v1 * v1;
        s2 += v2 * v2;
        s3 += v3 * v3;
      }
      for (; j < H; j++) s0 += a[base + j] * a[base + j];
      const s = s0 + s1 + s2 + s3;
      perExample[t * B + b] = Math.sqrt(s);
      total += s;
    }
    perStep[t] = Math.sqrt(total);
  }
  return { perStep, perExample };
}

/** ‖dGh_tᵀ h_{t−1}‖_F for each t: one `[G·H, H]` gemm per step into the workspace's scratch. */
function weightGradContributions(model: RecurrentModel, ws: Workspace, l: number, T: number, B: number): Float64Array {
  const H = model.hiddenSize;
  const cell = cellOf(model.cell);
  const GH = cell.gates.length * H;
  const buf = ws.layers[l];
  const dGh = cell.separateRecurrent ? buf.dGh : buf.dG;
  const c = ws.contribution;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    gemm(true, false, GH, H, B, 1, dGh, t * B * GH, GH, buf.hs, t * B * H, H, 0, c, 0, H);
    let s = 0;
    for (let k = 0; k < GH * H; k++) s += c[k] * c[k];
    out[t] = Math.sqrt(s);
  }
  return out;
}
