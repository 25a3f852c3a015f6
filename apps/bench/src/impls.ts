import type { CellType } from "@vanish/rnn";
import type { Impl } from "./spec";

/** A stable id for an implementation, e.g. "vanish-float32-wasm", "tfjs-cpu-layers", "brain.js". */
export function implId(impl: Impl): string {
  if (impl.library === "vanish") return `vanish-${impl.dtype}-${impl.backend}`;
  if (impl.library === "tfjs") return `tfjs-${impl.backend}${"form" in impl ? `-${impl.form}` : ""}`;
  return "brain.js";
}

const TFJS_LAYERS: Partial<Record<CellType, string>> = {
  rnn_tanh: "simpleRNN + dense, trainOnBatch",
  rnn_relu: "simpleRNN + dense, trainOnBatch",
  lstm: "lstm (sigmoid gates) + dense, trainOnBatch",
};
const BRAIN: Record<CellType, string> = {
  rnn_tanh: "RNNTimeStep (relu)",
  rnn_relu: "RNNTimeStep (relu)",
  lstm: "LSTMTimeStep",
  gru: "GRUTimeStep (reset-before)",
};

/** How an implementation is named in tables; `cell` names what a tfjs layer or brain.js class is. */
export function implLabel(impl: Impl, cell?: CellType): string {
  if (impl.library === "vanish") return `Vanish ${impl.dtype}, ${impl.backend} kernels`;
  if (impl.library === "tfjs") {
    const form = "form" in impl ? impl.form : null;
    const how = form === "layers" ? (cell ? TFJS_LAYERS[cell] : "layers") : form === "manual" ? "manual loop + minimize" : "matMul + dataSync";
    return `tfjs ${impl.backend}, ${how}`;
  }
  return `brain.js ${cell ? BRAIN[cell] : ""}, batch 1, loss every step`.replace("  ", " ");
}
