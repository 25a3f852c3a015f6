import { Random, Tensor } from "@vanish/core";
import { addingProblem, copyMemory } from "@vanish/datasets";
import { describe, expect, it } from "vitest";
import { toSequenceBatch } from "./sequenceBatch";

describe("toSequenceBatch", () => {
  it("wraps a float32 regression batch as is: x [T, B, F], lengths, the loss at the last step, targets [B, 1]", () => {
    const b = addingProblem({ length: 6 }).sample(new Random(1), 3);
    const s = toSequenceBatch(b);
    expect(s.x!.shape).toEqual([6, 3, 2]);
    expect(s.x!.data).toBe(b.inputs);
    expect((s.targets as Tensor).shape).toEqual([3, 1]);
    expect((s.targets as Tensor).data).toBe(b.targets);
    expect([s.loss, s.lengths, s.mask]).toEqual(["last", b.lengths, undefined]);
  });

  it("copies into float64 buffers kept per shape when given, fresh arrays otherwise", () => {
    const task = addingProblem({ length: 4 });
    const rng = new Random(2);
    const buffers = new Map<string, Float64Array>();
    const a = toSequenceBatch(task.sample(rng, 2), "float64", buffers);
    const b = toSequenceBatch(task.sample(rng, 2), "float64", buffers);
    expect(a.x!.data).toBeInstanceOf(Float64Array);
    expect(b.x!.data).toBe(a.x!.data);
    expect([...buffers.keys()]).toEqual(["x4", "y"]);
    const c = toSequenceBatch(task.sample(rng, 2), "float64");
    expect(c.x!.data).not.toBe(a.x!.data);
  });

  it("keeps class ids and passes the mask when every step has a target", () => {
    const b = copyMemory({ delay: 3, symbols: 4, count: 2 }).sample(new Random(3), 2);
    const s = toSequenceBatch(b);
    expect(s.targets).toBe(b.targets);
    expect([s.loss, s.mask]).toEqual(["all", b.mask]);
  });
});
