import { describe, expect, it } from "vitest";
import { SentenceSet, sequenceKey } from "./sentenceSet";

describe("sequenceKey", () => {
  it("is equal for equal sequences and differs for near misses", () => {
    const a = Int32Array.of(5, 9, 12, 7);
    expect(sequenceKey(a)).toBe(sequenceKey([5, 9, 12, 7]));
    expect(sequenceKey(a, 3)).toBe(sequenceKey([5, 9, 12]));
    const variants = [[5, 9, 12], [9, 5, 12, 7], [5, 9, 12, 8], [5, 9, 12, 7, 0], [], [0]];
    const keys = new Set([a, ...variants].map((v) => sequenceKey(v)));
    expect(keys.size).toBe(variants.length + 1);
    for (const k of keys) expect(Number.isSafeInteger(k) && k >= 0).toBe(true);
  });

  it("has no collision among 200,000 distinct short sequences", () => {
    const keys = new Set<number>();
    for (let i = 0; i < 200_000; i++) keys.add(sequenceKey([i % 97, Math.floor(i / 97) % 53, Math.floor(i / 5141)]));
    expect(keys.size).toBe(200_000);
  });
});

describe("SentenceSet", () => {
  it("matches an example by its sentence or its input", () => {
    const set = new SentenceSet().add({ sentence: [1, 2, 3, 4], ids: [1, 2] });
    expect(set.size).toBe(2);
    expect(set.has({ sentence: [1, 2, 3, 4], ids: [9] })).toBe(true);
    expect(set.has({ sentence: [7, 7], ids: [1, 2] })).toBe(true);
    expect(set.has({ sentence: [1, 2, 3], ids: [1, 2, 3] })).toBe(false);
    const other = new SentenceSet().addAll([{ sentence: [8], ids: [8] }]);
    expect(set.merge(other).size).toBe(3);
    expect(set.has({ sentence: [8], ids: [] })).toBe(true);
  });
});
