import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { batchIterator, chunked } from "./batches";

const items = Array.from({ length: 10 }, (_, i) => i);

describe("batchIterator", () => {
  it("visits every item once per epoch, in a seeded order that changes between epochs", () => {
    const batches = [...batchIterator(items, { batchSize: 4, rng: 3, epochs: 2 })];
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2, 4, 4, 2]);
    const [e1, e2] = [batches.slice(0, 3).flat(), batches.slice(3).flat()];
    expect([...e1].sort((a, b) => a - b)).toEqual(items);
    expect([...e2].sort((a, b) => a - b)).toEqual(items);
    expect(e1).not.toEqual(items);
    expect(e2).not.toEqual(e1);
    expect([...batchIterator(items, { batchSize: 4, rng: 3, epochs: 2 })]).toEqual(batches);
    expect([...batchIterator(items, { batchSize: 4, rng: new Random(3), epochs: 2 })]).toEqual(batches);
  });

  it("keeps order without shuffling and drops the short batch on request", () => {
    expect([...batchIterator(items, { batchSize: 4, shuffle: false, dropLast: true })]).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    const endless = batchIterator(items, { batchSize: 3, rng: 1, epochs: Infinity });
    for (let i = 0; i < 50; i++) expect(endless.next().value).toHaveLength(i % 4 === 3 ? 1 : 3);
    expect([...batchIterator([], { batchSize: 3, rng: 1, epochs: Infinity })]).toEqual([]);
  });

  it("pins its errors", () => {
    expect(() => batchIterator(items, { batchSize: 2 }).next()).toThrow(
      new TypeError("batchIterator: options.rng (a Random or a seed) is required to shuffle"),
    );
    expect(() => batchIterator(items, { batchSize: 0, rng: 1 }).next()).toThrow(
      new RangeError("batchIterator: options.batchSize must be in [1, ∞), got 0"),
    );
  });
});

describe("chunked", () => {
  it("groups a stream", () => {
    expect([...chunked(items, 4)]).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect([...chunked(items, 4, true)]).toHaveLength(2);
    expect(() => chunked(items, 0).next()).toThrow(new RangeError("chunked: size must be in [1, ∞), got 0"));
  });
});
