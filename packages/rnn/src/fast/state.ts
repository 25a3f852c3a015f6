import { Tensor, type TypedArray } from "@vanish/core";
import { cellOf } from "../cells/registry";
import type { RecurrentModel } from "../model/RecurrentModel";
import type { Workspace } from "./Workspace";

/** Copies every layer's h (and c, for a cell with a cell state) after window-local step `t` (−1 = the initial state) into `[L, B, H]` arrays. */
export function copyState(model: RecurrentModel, ws: Workspace, t: number, B: number, h: TypedArray, c: TypedArray | null): void {
  const BH = B * model.hiddenSize;
  const from = (t + 1) * BH;
  ws.layers.forEach((buf, l) => {
    h.set(buf.hs.subarray(from, from + BH), l * BH);
    if (c) c.set(buf.cs.subarray(from, from + BH), l * BH);
  });
}

/** The recurrent state after a pass, as PyTorch returns it: `h` `[L, B, H]`, and `c` for an LSTM (any cell with a cell state). */
export interface RecurrentState {
  h: Tensor;
  c: Tensor | null;
}

/** The state after window-local step `t` as new tensors. */
export function stateTensors(model: RecurrentModel, ws: Workspace, t: number, B: number): RecurrentState {
  const n = model.numLayers * B * model.hiddenSize;
  const alloc = () => (model.dtype === "float64" ? new Float64Array(n) : new Float32Array(n));
  const h = alloc();
  const c = cellOf(model.cell).cellState ? alloc() : null;
  copyState(model, ws, t, B, h, c);
  const shape = [model.numLayers, B, model.hiddenSize];
  return { h: new Tensor(h, shape), c: c ? new Tensor(c, shape) : null };
}
