import { describe, expect, it } from "vitest";
import { arenaMemory, arenaStats, configureArena, freeWasmArray, isWasmArray, releaseBlock, reserveBlock, wasmArray } from "./arena";

const MiB = 1024 * 1024;

// One arena per test file (vitest isolates files); every test frees what it allocates, so each starts empty.
describe("wasmArray", () => {
  it("returns zero-filled views of the requested dtype and length, 64-byte aligned, inside the wasm memory", () => {
    const a = wasmArray("float32", 5);
    const b = wasmArray("float64", 3);
    expect(a).toBeInstanceOf(Float32Array);
    expect(b).toBeInstanceOf(Float64Array);
    expect([a.length, b.length]).toEqual([5, 3]);
    expect(a.buffer).toBe(arenaMemory()!.buffer);
    expect(b.buffer).toBe(a.buffer);
    expect(a.byteOffset % 64).toBe(0);
    expect(b.byteOffset % 64).toBe(0);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + 64);
    expect(Array.from(a)).toEqual([0, 0, 0, 0, 0]);
    expect(isWasmArray(a) && isWasmArray(b)).toBe(true);
    expect(isWasmArray(new Float32Array(5))).toBe(false);
    freeWasmArray(a);
    freeWasmArray(b);
  });

  it("zero-fills a block that an earlier array dirtied, and reuses freed space (first fit)", () => {
    const a = wasmArray("float64", 100);
    a.fill(7);
    const offset = a.byteOffset;
    freeWasmArray(a);
    const b = wasmArray("float64", 100);
    expect(b.byteOffset).toBe(offset);
    expect(b.every((v) => v === 0)).toBe(true);
    freeWasmArray(b);
  });

  it("coalesces freed neighbours so that a large array fits again", () => {
    const before = arenaStats().largestFree;
    const parts = [1, 2, 3, 4].map(() => wasmArray("float32", 1000));
    // Free out of order: the middle ones first, then the ends.
    for (const i of [1, 2, 0, 3]) freeWasmArray(parts[i]);
    expect(arenaStats().largestFree).toBe(before);
    expect(arenaStats().arrays).toBe(0);
  });

  it("counts use in arenaStats, rounded up to 64-byte blocks", () => {
    const base = arenaStats();
    const a = wasmArray("float32", 17); // 68 bytes → 128
    const b = wasmArray("float64", 0); // an empty array still takes one block
    expect(arenaStats().used - base.used).toBe(128 + 64);
    expect(arenaStats().arrays).toBe(base.arrays + 2);
    expect(b.length).toBe(0);
    freeWasmArray(a);
    freeWasmArray(b);
    expect(arenaStats().used).toBe(base.used);
  });

  it("rejects a bad dtype or length", () => {
    expect(() => wasmArray("int32" as never, 3)).toThrow(new TypeError('wasmArray: dtype must be "float32" or "float64", got "int32"'));
    expect(() => wasmArray("float32", -1)).toThrow(new RangeError("wasmArray: length must be a non-negative integer, got -1"));
    expect(() => wasmArray("float32", 2.5)).toThrow(new RangeError("wasmArray: length must be a non-negative integer, got 2.5"));
    expect(() => wasmArray("float32", "3" as never)).toThrow(new RangeError('wasmArray: length must be a non-negative integer, got "3"'));
  });

  it("throws a RangeError naming the sizes when the arena is full, and allocates nothing", () => {
    const { largestFree, bytes, arrays } = arenaStats();
    const n = largestFree / 8 + 1;
    expect(() => wasmArray("float64", n)).toThrow(
      new RangeError(
        `wasmArray: cannot allocate ${n * 8} bytes (float64 × ${n}): the arena has ${largestFree} bytes free in one block ` +
          `(of ${bytes}); free unused arrays with freeWasmArray or call configureArena({ bytes }) with a larger size before allocating`,
      ),
    );
    expect(arenaStats().arrays).toBe(arrays);
    // Exactly the largest free block still fits.
    const all = wasmArray("float64", largestFree / 8);
    expect(arenaStats().largestFree).toBe(0);
    freeWasmArray(all);
  });
});

describe("freeWasmArray", () => {
  it("rejects arrays that are not live arena arrays", () => {
    const notLive = new RangeError("freeWasmArray: array is not a live array from wasmArray (already freed, or a view made some other way)");
    const a = wasmArray("float32", 8);
    expect(() => freeWasmArray(new Float32Array(8))).toThrow(notLive);
    expect(() => freeWasmArray(a.subarray(1))).toThrow(notLive);
    expect(() => freeWasmArray(new Float64Array(a.buffer, a.byteOffset, 100))).toThrow(notLive);
    freeWasmArray(a);
    expect(() => freeWasmArray(a)).toThrow(notLive);
    expect(() => freeWasmArray([1, 2] as never)).toThrow(
      new TypeError("freeWasmArray: array must be a Float32Array or Float64Array from wasmArray, got an object"),
    );
  });
});

describe("reserveBlock", () => {
  it("holds blocks for the kernels apart from user arrays", () => {
    const base = arenaStats();
    const offset = reserveBlock(1000);
    expect(offset % 64).toBe(0);
    expect(arenaStats().reserved - base.reserved).toBe(1024);
    expect(arenaStats().arrays).toBe(base.arrays);
    releaseBlock(offset);
    expect(arenaStats().reserved).toBe(base.reserved);
  });
});

describe("configureArena", () => {
  it("sizes the arena in whole 64 KiB pages, and replaces it only when no array is live", () => {
    configureArena({ bytes: 3 * MiB + 1 });
    expect(arenaStats().bytes).toBe(3 * MiB + 65536);
    const memory = arenaMemory();
    const a = wasmArray("float32", 4);
    expect(() => configureArena({ bytes: 8 * MiB })).toThrow(
      new RangeError("configureArena: 1 array(s) from wasmArray are still live; free them with freeWasmArray before resizing the arena"),
    );
    expect(arenaMemory()).toBe(memory);
    freeWasmArray(a);
    configureArena({ bytes: 8 * MiB });
    expect(arenaStats().bytes).toBe(8 * MiB);
    expect(arenaMemory()).not.toBe(memory);
    // The old arena's views are untouched (not detached): a replaced memory is dropped, never grown.
    expect(a.length).toBe(4);
  });

  it("never grows the memory", () => {
    const memory = arenaMemory()!;
    expect(() => memory.grow(1)).toThrow(RangeError);
    expect(memory.buffer.byteLength).toBe(arenaStats().bytes);
  });

  it("rejects sizes that are not whole numbers of bytes from 64 KiB to 2 GiB", () => {
    expect(() => configureArena({ bytes: 1000 })).toThrow(
      new RangeError("configureArena: options.bytes must be an integer from 65536 (64 KiB) to 2147483648 (2 GiB), got 1000"),
    );
    expect(() => configureArena({ bytes: 2 ** 32 })).toThrow(
      new RangeError("configureArena: options.bytes must be an integer from 65536 (64 KiB) to 2147483648 (2 GiB), got 4294967296"),
    );
    expect(() => configureArena({ bytes: 1.5 * MiB + 0.5 })).toThrow(RangeError);
    expect(() => configureArena({} as never)).toThrow(new TypeError("configureArena: options.bytes must be a number, got an object"));
    expect(() => configureArena(undefined as never)).toThrow(new TypeError("configureArena: options.bytes must be a number, got undefined"));
  });
});
