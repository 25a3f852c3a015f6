import { describe, expect, it } from "vitest";
import { Thinned } from "./Thinned";

describe("Thinned", () => {
  it("keeps everything until full, then every other item, doubling the stride", () => {
    const t = new Thinned<number>(4);
    for (let i = 0; i < 4; i++) t.push(i);
    expect(t.items()).toEqual([0, 1, 2, 3]);
    t.push(4); // full: keep 0, 2, then 4
    expect(t.items()).toEqual([0, 2, 4]);
    t.push(5); // not a multiple of 2: not kept, but shown as the newest
    expect(t.items()).toEqual([0, 2, 4, 5]);
    expect(t.latest).toBe(5);
  });

  it("stays within capacity + 1 and evenly spaced over a long stream", () => {
    const t = new Thinned<number>(8);
    for (let i = 0; i < 1000; i++) t.push(i);
    const items = t.items();
    expect(items.length).toBeLessThanOrEqual(9);
    expect(items[0]).toBe(0);
    expect(items[items.length - 1]).toBe(999);
    const gaps = items.slice(1, -1).map((v, i) => v - items[i]);
    expect(new Set(gaps).size).toBe(1);
    expect(t.count).toBe(1000);
  });

  it("clears, and refuses a capacity below 2", () => {
    const t = new Thinned<number>(2);
    t.push(1);
    t.clear();
    expect(t.items()).toEqual([]);
    expect(t.latest).toBeUndefined();
    expect(() => new Thinned(1)).toThrow("Thinned: capacity must be an integer >= 2, got 1");
  });
});
