import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { alignedNorms } from "./alignedNorms";

describe("alignedNorms", () => {
  it("equals the per-step batch norm when every sequence has all T steps", () => {
    // T = 3, B = 2, time-major per-example norms
    const perExample = [3, 4, 1, 2, 0, 5];
    expectClose(alignedNorms(perExample, 3, 2, null, 3, new Float64Array(3)), [5, Math.sqrt(5), 5]);
  });

  it("aligns sequences of different lengths at their last step", () => {
    // T = 4, B = 2: example 0 has 4 steps (norms 1, 2, 3, 4), example 1 has 2 (norms 10, 20, then padding 7, 7)
    const perExample = [1, 10, 2, 20, 3, 7, 4, 7];
    const out = alignedNorms(perExample, 4, 2, [4, 2], 3, new Float64Array(3));
    // window of 3 before the read-out: example 0 steps 1..3, example 1 steps -1 (absent), 0, 1
    expectClose(out, [2, Math.hypot(3, 10), Math.hypot(4, 20)]);
  });

  it("keeps NaN visible and overwrites only the window's entries", () => {
    const out = new Float64Array([9, 9, 9]);
    alignedNorms([1, NaN], 2, 1, null, 2, out);
    expect(Array.from(out)).toEqual([1, NaN, 9]);
  });
});
