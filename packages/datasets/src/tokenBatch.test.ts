import { describe, expect, it } from "vitest";
import { TokenBatchEncoder, encodeTokenBatch } from "./tokenBatch";

describe("encodeTokenBatch", () => {
  it("lays sequences out time-major, left-aligned, padded with masks and lengths", () => {
    const batch = encodeTokenBatch([[5, 6, 7], [8], [9, 10]], { labels: [1, 0, 1], meta: ["a", "b", "c"] });
    expect([batch.T, batch.B]).toEqual([3, 3]);
    expect(Array.from(batch.ids)).toEqual([5, 8, 9, 6, 0, 10, 7, 0, 0]);
    expect(Array.from(batch.mask)).toEqual([1, 1, 1, 1, 0, 1, 1, 0, 0]);
    expect(Array.from(batch.lengths)).toEqual([3, 1, 2]);
    expect(Array.from(batch.labels!)).toEqual([1, 0, 1]);
    expect(batch.targets).toBeUndefined();
    expect(batch.meta).toEqual(["a", "b", "c"]);
  });

  it("adds bos/eos and pads to minLength with a chosen pad id", () => {
    const batch = encodeTokenBatch([[5, 6], [7]], { bos: true, eos: true, minLength: 5, padId: 9 });
    expect(batch.T).toBe(5);
    expect(Array.from(batch.ids)).toEqual([2, 2, 5, 7, 6, 3, 3, 9, 9, 9]);
    expect(Array.from(batch.lengths)).toEqual([4, 3]);
  });

  it("emits next-token targets for language modelling: <bos> w… → w… <eos>", () => {
    const batch = encodeTokenBatch([[5, 6, 7], [8]], { next: true });
    expect(batch.T).toBe(4);
    expect(Array.from(batch.ids)).toEqual([2, 2, 5, 8, 6, 0, 7, 0]);
    expect(Array.from(batch.targets!)).toEqual([5, 8, 6, 3, 7, -1, 3, -1]);
    expect(Array.from(batch.lengths)).toEqual([4, 2]);
    const plain = encodeTokenBatch([[5, 6, 7]], { next: true, bos: false, eos: false });
    expect(Array.from(plain.ids)).toEqual([5, 6, 7]);
    expect(Array.from(plain.targets!)).toEqual([6, 7, -1]);
  });

  it("handles an empty batch and empty sequences", () => {
    const empty = encodeTokenBatch([]);
    expect([empty.T, empty.B, empty.ids.length]).toEqual([0, 0, 0]);
    const blank = encodeTokenBatch([[], [4]]);
    expect(Array.from(blank.mask)).toEqual([0, 1]);
  });

  it("pins its errors", () => {
    expect(() => encodeTokenBatch([[1]], { labels: [1, 2] })).toThrow(
      new RangeError("encodeTokenBatch: options.labels must have length 1, got 2"),
    );
    expect(() => encodeTokenBatch([[1]], { labels: [0.5] })).toThrow(
      new TypeError("encodeTokenBatch: options.labels[0] must be an integer, got 0.5"),
    );
    expect(() => encodeTokenBatch("abc" as never)).toThrow(
      new TypeError('encodeTokenBatch: sequences must be an array, got "abc"'),
    );
  });
});

describe("TokenBatchEncoder", () => {
  it("matches encodeTokenBatch while reusing its buffers", () => {
    const encoder = new TokenBatchEncoder({ batchSize: 4, maxLength: 6, next: true });
    const seqs = [[5, 6, 7], [8], [9, 10, 11, 12]];
    const first = encoder.encode(seqs, { labels: [0, 1, 0] });
    const fresh = encodeTokenBatch(seqs, { next: true, labels: [0, 1, 0] });
    expect(Array.from(first.ids)).toEqual(Array.from(fresh.ids));
    expect(Array.from(first.targets!)).toEqual(Array.from(fresh.targets!));
    expect(Array.from(first.mask)).toEqual(Array.from(fresh.mask));
    expect(Array.from(first.labels!)).toEqual([0, 1, 0]);
    const second = encoder.encode([[4]]);
    expect(second.ids.buffer).toBe(first.ids.buffer);
    expect(Array.from(second.ids)).toEqual([2, 4]);
    expect(Array.from(second.targets!)).toEqual([4, 3]);
  });

  it("rejects batches that do not fit", () => {
    const encoder = new TokenBatchEncoder({ batchSize: 2, maxLength: 3 });
    expect(() => encoder.encode([[1], [2], [3]])).toThrow(
      new RangeError("TokenBatchEncoder.encode: at most 2 sequences, got 3"),
    );
    expect(() => encoder.encode([[1, 2, 3, 4]])).toThrow(
      new RangeError("TokenBatchEncoder.encode: sequences need 4 steps, more than maxLength 3"),
    );
    expect(() => encoder.encode([[1]], { labels: [] })).toThrow(
      new RangeError("TokenBatchEncoder.encode: labels must have length 1, got 0"),
    );
    expect(() => new TokenBatchEncoder({ batchSize: 0, maxLength: 3 })).toThrow(
      new RangeError("TokenBatchEncoder: options.batchSize must be in [1, ∞), got 0"),
    );
  });
});
