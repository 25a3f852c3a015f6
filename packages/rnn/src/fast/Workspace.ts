import { freeWasmArray, getBackend, isWasmArray, packedLength, wasmArray, type DType, type TypedArray } from "@vanish/core";
import { gateCount, type CellType } from "../cells/cellType";

/** The sizes a workspace is laid out for. */
export interface WorkspaceDims {
  cell: CellType;
  dtype: DType;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  numLayers: number;
  /** > 0 when layer 0 reads an embedding (a gather buffer of `[T, B, inputSize]` is then needed). */
  vocabSize: number;
  /** Capacity in steps and examples: any call with T ≤ steps and B ≤ batch fits. */
  steps: number;
  batch: number;
}

/** One layer's buffers. Layouts are time-major and dense; "[T+1, B, H]" has the initial state at step 0. */
export interface LayerBuffers {
  /** `[T+1, B, H]`: h_{−1} (the initial state), then h_0 … h_{T−1}. */
  readonly hs: TypedArray;
  /** LSTM `[T+1, B, H]`: c_{−1}, c_0 … c_{T−1}; otherwise empty. */
  readonly cs: TypedArray;
  /** LSTM `[T, B, H]`: tanh(c_t); otherwise empty. */
  readonly tanhC: TypedArray;
  /** `[T, B, G·H]`: pre-activations, overwritten by the gate activations (RNN: pre-activations only). */
  readonly gates: TypedArray;
  /** GRU `[T, B, 3H]`: h_{t−1} W_hhᵀ + b_hh (the n block is needed by the backward); otherwise empty. */
  readonly hp: TypedArray;
  /** `[T, B, H]`: first the direct gradient from above, then the total dL/dh_t. */
  readonly dH: TypedArray;
  /** LSTM `[T, B, H]`: the total dL/dc_t; otherwise empty. */
  readonly dC: TypedArray;
  /** `[T, B, G·H]`: dL/d(pre-activation), the input side (for W_ih, b_ih and the layer below). */
  readonly dG: TypedArray;
  /** GRU `[T, B, 3H]`: the hidden side (its n block is dG's times r); other cells use `dG`. */
  readonly dGh: TypedArray;
  /** `[B, H]`: dL/dh_{−1}, dL/dc_{−1}. */
  readonly dh0: TypedArray;
  readonly dc0: TypedArray;
  /** `[G·H, H]`: a copy of W_hh made by the forward pass, so that the per-step products read it in the arena. */
  readonly whh: TypedArray;
  /** W_hhᵀ packed for core's `gemmPacked` (`packedLength(dtype, H, G·H)` elements), by the forward pass. */
  readonly whhPacked: TypedArray;
  /** W_ihᵀ packed for the per-step input products (`packedLength(dtype, max(I, H), G·H)`), by the forward pass. */
  readonly wihPacked: TypedArray;
  /** W_hh itself (`[G·H, H]`) packed for the backward's dL/dh_{t−1} = dG_t W_hh (`packedLength(dtype, G·H, H)`). */
  readonly whhPackedBack: TypedArray;
}

/**
 * Every buffer the fast path uses, carved out of ONE typed array (the arena) when a workspace is created and
 * then reused by every call that fits: the time loops never allocate. Keeping the layout in this one place lets
 * the arena later live in WebAssembly memory without touching the kernels.
 *
 * Strides follow the *call's* batch size B (≤ capacity), so a smaller batch or shorter sequence reuses the
 * same arena.
 */
export class Workspace {
  readonly dims: WorkspaceDims;
  /** The single float allocation behind every float buffer below. */
  readonly arena: TypedArray;
  readonly layers: readonly LayerBuffers[];
  /** `[T, B, I]`: embedded tokens (layer 0's input) and their gradient; empty for dense input. */
  readonly embedded: TypedArray;
  /** `[T, B, I]`: dense input copied into the arena when the per-step input products need it there; empty for tokens. */
  readonly inputCopy: TypedArray;
  readonly dEmbedded: TypedArray;
  /** Head: the selected hidden rows `[R, H]`, their logits `[R, O]` and the gradients of both. */
  readonly headIn: TypedArray;
  readonly logits: TypedArray;
  readonly dLogits: TypedArray;
  readonly dHeadIn: TypedArray;
  /** Loss rows (R ≤ T·B): the row (t·B + b) of the top layer's output, its weight, and its class id (or MSE target row). */
  readonly rowIndex: Int32Array;
  readonly rowWeight: Float64Array;
  readonly rowTarget: Int32Array;
  /** `[G·H]`: b_ih + b_hh of the layer being run, then the column sums of its dG. */
  readonly biasSum: TypedArray;
  /** `[2, G·H]`: copies of b_ih and b_hh of the layer being run (GRU float32 kernels read them in the arena). */
  readonly biasCopy: TypedArray;
  /** Instrumentation scratch: one step's `[G·H, H]` contribution to dL/dW_hh. */
  readonly contribution: TypedArray;
  /** `[T, B, H]` scratch for Pascanu's Ω (the rows vᵀ = (dL/dh_{t+1} ⊙ act′) W_hh). */
  readonly omegaRows: TypedArray;

  constructor(dims: WorkspaceDims) {
    this.dims = { ...dims };
    const { cell, inputSize: I, hiddenSize: H, outputSize: O, numLayers: L, vocabSize, steps: T, batch: B } = dims;
    const G = gateCount(cell);
    const lstm = cell === "lstm";
    const gru = cell === "gru";
    const TB = T * B;
    const perLayer: [keyof LayerBuffers, number][] = [
      ["hs", (T + 1) * B * H],
      ["cs", lstm ? (T + 1) * B * H : 0],
      ["tanhC", lstm ? TB * H : 0],
      ["gates", TB * G * H],
      ["hp", gru ? TB * 3 * H : 0],
      ["dH", TB * H],
      ["dC", lstm ? TB * H : 0],
      ["dG", TB * G * H],
      ["dGh", gru ? TB * 3 * H : 0],
      ["dh0", B * H],
      ["dc0", lstm ? B * H : 0],
      ["whh", G * H * H],
      ["whhPacked", packedLength(dims.dtype, H, G * H)],
      ["whhPackedBack", packedLength(dims.dtype, G * H, H)],
      ["wihPacked", packedLength(dims.dtype, Math.max(I, H), G * H)],
    ];
    const shared: [string, number][] = [
      ["embedded", vocabSize > 0 ? TB * I : 0],
      ["dEmbedded", vocabSize > 0 ? TB * I : 0],
      ["headIn", TB * H],
      ["logits", TB * O],
      ["dLogits", TB * O],
      ["dHeadIn", TB * H],
      ["contribution", G * H * H],
      ["omegaRows", G === 1 ? TB * H : 0],
      ["biasSum", G * H],
      ["biasCopy", 2 * G * H],
      ["inputCopy", vocabSize > 0 ? 0 : TB * I],
    ];
    let total = 0;
    for (const [, n] of perLayer) total += n * L;
    for (const [, n] of shared) total += n;
    this.arena = allocate(dims.dtype, total);
    if (isWasmArray(this.arena)) reclaim.register(this, this.arena, this);
    let offset = 0;
    const take = (n: number): TypedArray => this.arena.subarray(offset, (offset += n));
    this.layers = Array.from({ length: L }, () => Object.fromEntries(perLayer.map(([k, n]) => [k, take(n)])) as unknown as LayerBuffers);
    this.embedded = take(shared[0][1]);
    this.dEmbedded = take(shared[1][1]);
    this.headIn = take(shared[2][1]);
    this.logits = take(shared[3][1]);
    this.dLogits = take(shared[4][1]);
    this.dHeadIn = take(shared[5][1]);
    this.contribution = take(shared[6][1]);
    this.omegaRows = take(shared[7][1]);
    this.biasSum = take(shared[8][1]);
    this.biasCopy = take(shared[9][1]);
    this.inputCopy = take(shared[10][1]);
    this.rowIndex = new Int32Array(TB);
    this.rowWeight = new Float64Array(TB);
    this.rowTarget = new Int32Array(TB);
  }

  /** True when a call with `steps` steps and `batch` examples fits in this workspace. */
  fits(steps: number, batch: number): boolean {
    return steps <= this.dims.steps && batch <= this.dims.batch;
  }

  /** Gives the arena back to core's wasm arena (if it lives there). The workspace must not be used afterwards. */
  dispose(): void {
    if (!isWasmArray(this.arena)) return;
    reclaim.unregister(this);
    freeWasmArray(this.arena);
  }
}

/**
 * The arena: a view into core's WebAssembly arena when the wasm backend is in use, so that the gemms and
 * activation kernels run on the buffers in place instead of staging copies; a plain typed array otherwise, or
 * when the wasm arena has no block large enough.
 */
function allocate(dtype: DType, total: number): TypedArray {
  if (getBackend() === "wasm") {
    try {
      return wasmArray(dtype, total);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  return dtype === "float64" ? new Float64Array(total) : new Float32Array(total);
}

/**
 * Frees the wasm arena of a workspace that was dropped without {@link Workspace.dispose} (its model was
 * collected). A finaliser must not throw, so an arena that is somehow no longer live is ignored.
 */
const reclaim = new FinalizationRegistry<TypedArray>((arena) => {
  try {
    freeWasmArray(arena);
  } catch {
    // already freed: nothing to give back
  }
});

const cache = new WeakMap<object, Workspace>();

/**
 * The workspace of `model` for a call of `steps` × `batch`: the cached one when it fits, otherwise a new one
 * sized to the larger of the two shapes (so alternating shapes settle after one growth). This is the only place
 * the fast path allocates buffers.
 */
export function workspaceFor(model: object, dims: Omit<WorkspaceDims, "steps" | "batch">, steps: number, batch: number): Workspace {
  const ws = cache.get(model);
  if (ws && ws.fits(steps, batch)) return ws;
  const grown = { ...dims, steps: Math.max(steps, ws?.dims.steps ?? 0), batch: Math.max(batch, ws?.dims.batch ?? 0) };
  // Free the old arena first, so that the new one can reuse its block of the wasm arena.
  ws?.dispose();
  const next = new Workspace(grown);
  cache.set(model, next);
  return next;
}

/** The workspace currently cached for `model`, if any (for tests and diagnostics). */
export function cachedWorkspace(model: object): Workspace | undefined {
  return cache.get(model);
}
