import { getBackend, type Backend, type DType, type TypedArray } from "@vanish/core";
import { freeWasmArray, isWasmArray, packedLength, wasmArray } from "@vanish/core/kernels";
import { cellOf, type CellType } from "../cells/registry";
import type { LayerBuffers, StepBiases } from "./LayerBuffers";

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

/**
 * Every buffer the fast path uses, carved out of ONE typed array (the arena) when a workspace is created and
 * then reused by every call that fits: the time loops never allocate. The buffers are named slices of the
 * arena, sized from the cell's record, so that the arena can live in core's WebAssembly memory.
 *
 * Strides follow the *call's* batch size B (≤ capacity), so a smaller batch or shorter sequence reuses the
 * same arena.
 *
 * This is also the one place that decides which kernels the fast path runs: a workspace created on the wasm
 * backend lives in core's wasm arena (`wasm`), and then the loops pack the weights for `gemmPacked` and, for
 * float32 (`fused`), the cells try core's fused step kernels. {@link workspaceFor} builds a new workspace when
 * the backend has changed since this one was made.
 */
export class Workspace {
  readonly dims: WorkspaceDims;
  /** The backend in use when the workspace was made. */
  readonly backend: Backend;
  /** The single float allocation behind every float buffer below. */
  readonly arena: TypedArray;
  /** The arena lies in core's wasm arena (the wasm backend was in use and had room). */
  readonly wasm: boolean;
  /** `wasm` and float32: the cells' steps may run core's fused kernels. */
  readonly fused: boolean;
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
  /**
   * `[G·H]` each: b_ih + b_hh, b_ih and b_hh of the layer being run, copied in by the forward pass (so that
   * core's kernels read them in the arena); the backward reuses `sum` for the column sums of dG.
   */
  readonly biases: StepBiases;
  /** Instrumentation scratch: one step's `[G·H, H]` contribution to dL/dW_hh. */
  readonly contribution: TypedArray;
  /** `[T, B, H]` scratch for Pascanu's Ω (the rows vᵀ = (dL/dh_{t+1} ⊙ act′) W_hh). */
  readonly omegaRows: TypedArray;

  constructor(dims: WorkspaceDims) {
    this.dims = { ...dims };
    this.backend = getBackend();
    const { cell: name, inputSize: I, hiddenSize: H, outputSize: O, numLayers: L, vocabSize, steps: T, batch: B } = dims;
    const cell = cellOf(name);
    const GH = cell.gates.length * H;
    const TB = T * B;
    const state = cell.cellState;
    const apart = cell.separateRecurrent;
    const perLayer: Record<keyof LayerBuffers, number> = {
      hs: (T + 1) * B * H,
      cs: state ? (T + 1) * B * H : 0,
      tanhC: state ? TB * H : 0,
      gates: TB * GH,
      hp: apart ? TB * GH : 0,
      dH: TB * H,
      dC: state ? TB * H : 0,
      dG: TB * GH,
      dGh: apart ? TB * GH : 0,
      dh0: B * H,
      dc0: state ? B * H : 0,
      whh: GH * H,
      whhPacked: packedLength(dims.dtype, H, GH),
      whhPackedBack: packedLength(dims.dtype, GH, H),
      wihPacked: packedLength(dims.dtype, Math.max(I, H), GH),
    };
    const tokens = vocabSize > 0;
    const shared = {
      embedded: tokens ? TB * I : 0,
      dEmbedded: tokens ? TB * I : 0,
      headIn: TB * H,
      logits: TB * O,
      dLogits: TB * O,
      dHeadIn: TB * H,
      contribution: GH * H,
      omegaRows: cell.omega ? TB * H : 0,
      biasSum: GH,
      biasIh: GH,
      biasHh: GH,
      inputCopy: tokens ? 0 : TB * I,
    };
    let total = 0;
    for (const n of Object.values(perLayer)) total += n * L;
    for (const n of Object.values(shared)) total += n;
    this.arena = allocate(dims.dtype, total);
    this.wasm = isWasmArray(this.arena);
    this.fused = this.wasm && dims.dtype === "float32";
    if (this.wasm) reclaim.register(this, this.arena, this);
    let offset = 0;
    const take = (n: number): TypedArray => this.arena.subarray(offset, (offset += n));
    const carve = <K extends string>(sizes: Record<K, number>): Record<K, TypedArray> =>
      Object.fromEntries(Object.entries<number>(sizes).map(([k, n]) => [k, take(n)])) as Record<K, TypedArray>;
    this.layers = Array.from({ length: L }, () => carve(perLayer));
    const s = carve(shared);
    this.embedded = s.embedded;
    this.dEmbedded = s.dEmbedded;
    this.headIn = s.headIn;
    this.logits = s.logits;
    this.dLogits = s.dLogits;
    this.dHeadIn = s.dHeadIn;
    this.contribution = s.contribution;
    this.omegaRows = s.omegaRows;
    this.biases = { sum: s.biasSum, ih: s.biasIh, hh: s.biasHh };
    this.inputCopy = s.inputCopy;
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
    if (!this.wasm) return;
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
 * The workspace of `model` for a call of `steps` × `batch`: the cached one when it fits and was made on the
 * backend now in use, otherwise a new one sized to the larger of the two shapes (so alternating shapes settle
 * after one growth; a backend change moves the arena in or out of core's wasm arena). This is the only place
 * the fast path allocates buffers.
 */
export function workspaceFor(model: object, dims: Omit<WorkspaceDims, "steps" | "batch">, steps: number, batch: number): Workspace {
  const ws = cache.get(model);
  if (ws && ws.fits(steps, batch) && ws.backend === getBackend()) return ws;
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
