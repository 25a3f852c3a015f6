import { assertDType, type DType, type TypedArray } from "../dtype";

/**
 * The arena: ONE block of memory, a `WebAssembly.Memory` sized once, in which the wasm kernels work. Arrays that
 * should be multiplied by the wasm backend are views into it, made once (e.g. a model's weights and a training
 * step's workspaces) with {@link wasmArray} and reused for every call, never copied per call.
 *
 * The memory never grows. Growing a wasm memory detaches its old `ArrayBuffer`, which would turn every view
 * handed out so far into an empty array, and — measured on Node 20 — slows all typed-array code in the process
 * by ~15% for the rest of its life. Size it up front with {@link configureArena} instead; untouched pages cost
 * address space, not RAM.
 *
 * Without WebAssembly (e.g. `node --jitless`) the arena is a plain `ArrayBuffer` of the same size, so code that
 * allocates through it runs unchanged on the JavaScript kernels.
 */

/** Options for {@link configureArena}. */
export interface ArenaOptions {
  /** Size of the arena in bytes; rounded up to whole 64 KiB wasm pages. Default 64 MiB. */
  bytes: number;
}

/** A snapshot of the arena's use, from {@link arenaStats}. */
export interface ArenaStats {
  /** Total size in bytes (fixed until reconfigured). */
  bytes: number;
  /** Bytes held by live arrays from {@link wasmArray}, including alignment padding. */
  used: number;
  /** Bytes held by the kernels themselves (their work area and staging buffers). */
  reserved: number;
  /** The largest array, in bytes, that {@link wasmArray} could allocate now. */
  largestFree: number;
  /** How many arrays from {@link wasmArray} are live. */
  arrays: number;
}

const PAGE_BYTES = 65536;
/** Every block starts on a 64-byte cache line (also more than the 16 bytes SIMD loads like). */
const ALIGN = 64;
const DEFAULT_BYTES = 64 * 1024 * 1024;
/** Below this offset nothing is allocated: the kernel module's static data lives there. */
export const ARENA_LOW_BYTES = 1024;
/** The largest arena allowed: 2 GiB, so that every byte offset is a positive 32-bit integer. */
const MAX_BYTES = 32768 * PAGE_BYTES;

interface Block {
  offset: number;
  size: number;
}

interface ArenaState {
  bytes: number;
  memory: WebAssembly.Memory | null;
  buffer: ArrayBuffer;
  /** Free blocks sorted by offset, never adjacent (coalesced). */
  free: Block[];
  /** Live user arrays: byte offset → block size. */
  arrays: Map<number, number>;
  /** Blocks the kernels hold: byte offset → block size. */
  internal: Map<number, number>;
}

let configuredBytes = DEFAULT_BYTES;
let state: ArenaState | null = null;
const replaceListeners: (() => void)[] = [];

function create(bytes: number): ArenaState {
  const pages = Math.ceil(bytes / PAGE_BYTES);
  let memory: WebAssembly.Memory | null = null;
  let buffer: ArrayBuffer;
  if (typeof WebAssembly === "object") {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    buffer = memory.buffer;
  } else {
    buffer = new ArrayBuffer(pages * PAGE_BYTES);
  }
  const total = pages * PAGE_BYTES;
  return { bytes: total, memory, buffer, free: [{ offset: ARENA_LOW_BYTES, size: total - ARENA_LOW_BYTES }], arrays: new Map(), internal: new Map() };
}

function arena(): ArenaState {
  state ??= create(configuredBytes);
  return state;
}

/**
 * Sets the arena's size. Allowed before the first {@link wasmArray} and whenever no array from it is live
 * (all were freed); the new arena then replaces the old one. Throws otherwise: a live view cannot move.
 */
export function configureArena(options: ArenaOptions): void {
  const fn = "configureArena";
  if (typeof options !== "object" || options === null || typeof options.bytes !== "number") {
    throw new TypeError(`${fn}: options.bytes must be a number, got ${describe(options)}`);
  }
  const { bytes } = options;
  if (!Number.isInteger(bytes) || bytes < PAGE_BYTES || bytes > MAX_BYTES) {
    throw new RangeError(`${fn}: options.bytes must be an integer from ${PAGE_BYTES} (64 KiB) to ${MAX_BYTES} (2 GiB), got ${bytes}`);
  }
  if (state !== null && state.arrays.size > 0) {
    throw new RangeError(
      `${fn}: ${state.arrays.size} array(s) from wasmArray are still live; free them with freeWasmArray before resizing the arena`,
    );
  }
  configuredBytes = bytes;
  if (state !== null && Math.ceil(bytes / PAGE_BYTES) * PAGE_BYTES !== state.bytes) {
    state = null;
    for (const listener of replaceListeners) listener();
  }
}

/**
 * A zero-filled Float32Array or Float64Array of `length` elements inside the arena, aligned to 64 bytes: the
 * kind of array the wasm backend multiplies in place. Allocate once and reuse; free with {@link freeWasmArray}.
 * Throws a RangeError when the arena has no free block large enough (see {@link configureArena}).
 */
export function wasmArray(dtype: "float32", length: number): Float32Array;
export function wasmArray(dtype: "float64", length: number): Float64Array;
export function wasmArray(dtype: DType, length: number): TypedArray;
export function wasmArray(dtype: DType, length: number): TypedArray {
  const fn = "wasmArray";
  assertDType(fn, "dtype", dtype);
  if (typeof length !== "number" || !Number.isInteger(length) || length < 0) {
    throw new RangeError(`${fn}: length must be a non-negative integer, got ${describe(length)}`);
  }
  const element = dtype === "float64" ? 8 : 4;
  const a = arena();
  const size = roundUp(Math.max(length * element, 1));
  const offset = take(a, size);
  if (offset < 0) {
    throw new RangeError(
      `${fn}: cannot allocate ${length * element} bytes (${dtype} × ${length}): the arena has ${largestFree(a)} bytes ` +
        `free in one block (of ${a.bytes}); free unused arrays with freeWasmArray or call configureArena({ bytes }) ` +
        "with a larger size before allocating",
    );
  }
  a.arrays.set(offset, size);
  const view = dtype === "float64" ? new Float64Array(a.buffer, offset, length) : new Float32Array(a.buffer, offset, length);
  view.fill(0);
  return view;
}

/** Returns an array from {@link wasmArray} to the arena. The array must not be used afterwards. */
export function freeWasmArray(array: TypedArray): void {
  const fn = "freeWasmArray";
  if (!(array instanceof Float32Array || array instanceof Float64Array)) {
    throw new TypeError(`${fn}: array must be a Float32Array or Float64Array from wasmArray, got ${describe(array)}`);
  }
  const a = state;
  const size = a !== null && array.buffer === a.buffer ? a.arrays.get(array.byteOffset) : undefined;
  if (a === null || size === undefined || array.byteLength > size) {
    throw new RangeError(`${fn}: array is not a live array from wasmArray (already freed, or a view made some other way)`);
  }
  a.arrays.delete(array.byteOffset);
  give(a, array.byteOffset, size);
}

/** Whether `array` is a view into the arena, i.e. one the wasm kernels can use in place. */
export function isWasmArray(array: TypedArray): boolean {
  return state !== null && array.buffer === state.buffer;
}

/** The arena's size and use. */
export function arenaStats(): ArenaStats {
  const a = arena();
  let used = 0;
  for (const size of a.arrays.values()) used += size;
  let reserved = ARENA_LOW_BYTES;
  for (const size of a.internal.values()) reserved += size;
  return { bytes: a.bytes, used, reserved, largestFree: largestFree(a), arrays: a.arrays.size };
}

// ---------------------------------------------------------------------------------------------------------
// For the backend (not exported from the package).

/** The arena's wasm memory (created on first use), or null where there is no WebAssembly. */
export function arenaMemory(): WebAssembly.Memory | null {
  return arena().memory;
}

/** Calls `listener` whenever {@link configureArena} replaces the memory (kernel instances must be remade). */
export function onArenaReplaced(listener: () => void): void {
  replaceListeners.push(listener);
}

/** A block of `bytes` for the kernels' own use, or -1 if the arena is full. Not counted as a user array. */
export function reserveBlock(bytes: number): number {
  const a = arena();
  const size = roundUp(Math.max(bytes, 1));
  const offset = take(a, size);
  if (offset >= 0) a.internal.set(offset, size);
  return offset;
}

/** Returns a block from {@link reserveBlock}. */
export function releaseBlock(offset: number): void {
  const a = arena();
  const size = a.internal.get(offset);
  if (size === undefined) return;
  a.internal.delete(offset);
  give(a, offset, size);
}

// ---------------------------------------------------------------------------------------------------------
// First-fit allocation over a sorted, coalesced free list. Allocation is rare (workspaces are made once), so a
// linear scan is plenty.

function roundUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

function take(a: ArenaState, size: number): number {
  for (let i = 0; i < a.free.length; i++) {
    const block = a.free[i];
    if (block.size < size) continue;
    const offset = block.offset;
    if (block.size === size) a.free.splice(i, 1);
    else {
      block.offset += size;
      block.size -= size;
    }
    return offset;
  }
  return -1;
}

function give(a: ArenaState, offset: number, size: number): void {
  let i = 0;
  while (i < a.free.length && a.free[i].offset < offset) i++;
  a.free.splice(i, 0, { offset, size });
  // Merge with the next block, then with the previous one.
  const next = a.free[i + 1];
  if (next !== undefined && offset + size === next.offset) {
    a.free[i].size += next.size;
    a.free.splice(i + 1, 1);
  }
  const prev = a.free[i - 1];
  if (prev !== undefined && prev.offset + prev.size === offset) {
    prev.size += a.free[i].size;
    a.free.splice(i, 1);
  }
}

function largestFree(a: ArenaState): number {
  let best = 0;
  for (const block of a.free) best = Math.max(best, block.size);
  return best;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (typeof value === "object") return "an object";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
