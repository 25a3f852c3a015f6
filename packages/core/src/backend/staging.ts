import { arenaStats, onArenaReplaced, releaseBlock, reserveBlock } from "./arena";

/**
 * The staging block: one region of the arena into which kernels copy operands that live outside it (ordinary
 * typed arrays), so that the wasm kernels can work on them. Grown (rarely, by doubling) up to a quarter of the
 * arena; the arena's memory itself never grows.
 */

let block = -1;
let blockBytes = 0;
let f32: Float32Array | null = null;
let f64: Float64Array | null = null;

onArenaReplaced(() => {
  block = -1;
  blockBytes = 0;
  f32 = f64 = null;
});

/**
 * Byte offset of a staging block of at least `bytes` in the arena whose buffer is `buffer`, or -1 when that
 * would take more than a quarter of the arena (the caller then runs its JavaScript kernel).
 */
export function stagingBlock(bytes: number, buffer: ArrayBuffer): number {
  if (bytes <= blockBytes) return block;
  const limit = arenaStats().bytes / 4;
  if (bytes > limit) return -1;
  const size = Math.min(Math.max(bytes, 2 * blockBytes, 256 * 1024), limit);
  if (block >= 0) releaseBlock(block);
  block = reserveBlock(size);
  blockBytes = block < 0 ? 0 : size;
  f32 = new Float32Array(buffer);
  f64 = new Float64Array(buffer);
  return block;
}

/** A view of the whole arena of the given width, for copying into and out of the staging block. */
export function stagingView(is64: boolean): Float32Array | Float64Array {
  return is64 ? f64! : f32!;
}

/** Copies X[off, off + span) to view[p…]; a whole array without making a subarray (no allocation). */
export function copyIn(view: Float32Array | Float64Array, p: number, X: Float32Array | Float64Array, off: number, span: number): void {
  if (off === 0 && X.length === span) view.set(X, p);
  else view.set(X.subarray(off, off + span), p);
}
