import { gateCount, type CellType, type ModelJSON } from "@vanish/rnn";

/**
 * One recurrent layer and its head in TensorFlow.js's layout, from PyTorch's.
 *
 * PyTorch computes `x W_ihᵀ + b_ih + h W_hhᵀ + b_hh` with `W_ih` `[G·H, I]`; Keras/tfjs computes
 * `x·kernel + h·recurrent_kernel + bias` with `kernel` `[I, G·H]`. So kernel = W_ihᵀ, recurrent_kernel = W_hhᵀ,
 * bias = b_ih + b_hh, and the dense head's kernel = head.weightᵀ `[H, O]`. The gate blocks keep PyTorch's order
 * (LSTM i, f, g, o — the same as Keras's i, f, c, o; GRU r, z, n — the manual loop reads them in that order).
 */
export interface TfjsWeights {
  cell: CellType;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  /** `[I, G·H]` row-major: W_ihᵀ. */
  kernel: Float32Array;
  /** `[H, G·H]` row-major: W_hhᵀ. */
  recurrentKernel: Float32Array;
  /** `[G·H]`: b_ih + b_hh (what a Keras layer holds). */
  bias: Float32Array;
  /** `[G·H]`: b_ih alone (a reset-after GRU needs the two apart). */
  biasIh: Float32Array;
  /** `[G·H]`: b_hh alone. */
  biasHh: Float32Array;
  /** `[H, O]`: head.weightᵀ. */
  headKernel: Float32Array;
  /** `[O]` */
  headBias: Float32Array;
}

/** The weights of a one-layer model file (docs/interchange.md#model) in tfjs's layout; see {@link TfjsWeights}. */
export function toTfjsWeights(model: ModelJSON): TfjsWeights {
  const { cell, inputSize: I, hiddenSize: H, outputSize: O } = model;
  const sd = model.stateDict as Record<string, number[][] | number[]>;
  if ((model.numLayers ?? 1) !== 1 || "weight_ih_l1" in sd) throw new RangeError(`toTfjsWeights: only one-layer models are mapped, got numLayers ${model.numLayers}`);
  const GH = gateCount(cell) * H;
  const biasIh = Float32Array.from(sd.bias_ih_l0 as number[]);
  const biasHh = Float32Array.from(sd.bias_hh_l0 as number[]);
  return {
    cell,
    inputSize: I,
    hiddenSize: H,
    outputSize: O,
    kernel: transposed(sd.weight_ih_l0 as number[][], GH, I),
    recurrentKernel: transposed(sd.weight_hh_l0 as number[][], GH, H),
    bias: biasIh.map((v, k) => v + biasHh[k]),
    biasIh,
    biasHh,
    headKernel: transposed(sd["head.weight"] as number[][], O, H),
    headBias: Float32Array.from(sd["head.bias"] as number[]),
  };
}

/** The transpose of a nested `[rows, cols]` matrix as a flat row-major `[cols, rows]` Float32Array. */
export function transposed(m: readonly (readonly number[])[], rows: number, cols: number): Float32Array {
  if (m.length !== rows || m.some((r) => r.length !== cols)) {
    throw new RangeError(`transposed: m must be [${rows}, ${cols}], got [${m.length}, ${m[0]?.length ?? 0}]`);
  }
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = m[i][j];
  return out;
}

/** Time-major `x[T][B][I]` as flat batch-major `[B, T, I]` (what a Keras recurrent layer reads). */
export function batchMajor(x: readonly (readonly (readonly number[])[])[]): Float32Array {
  const T = x.length;
  const B = x[0].length;
  const I = x[0][0].length;
  const out = new Float32Array(B * T * I);
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) out.set(x[t][b], (b * T + t) * I);
  return out;
}

/** Time-major `x[T][B][I]` as flat `[T, B, I]`. */
export function timeMajor(x: readonly (readonly (readonly number[])[])[]): Float32Array {
  const T = x.length;
  const B = x[0].length;
  const I = x[0][0].length;
  const out = new Float32Array(T * B * I);
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) out.set(x[t][b], (t * B + b) * I);
  return out;
}

/** Class ids `[B]` as a flat one-hot `[B, classes]`. */
export function oneHot(y: readonly number[], classes: number): Float32Array {
  const out = new Float32Array(y.length * classes);
  y.forEach((c, b) => {
    out[b * classes + c] = 1;
  });
  return out;
}
