// Tests of the shared tolerance helper (tooling/testing.ts) that every package's tests use; it lives in core's
// suite because tooling/ is not a test project of its own.
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../tooling/testing";

describe("expectClose", () => {
  it("accepts values within atol + rtol·|expected|, matching NaN with NaN and infinities with themselves", () => {
    expectClose([1, 2.0000001, NaN, Infinity, -Infinity], [1, 2, NaN, Infinity, -Infinity], { rtol: 1e-6 });
    expectClose(0.5, 0.5);
  });

  it("fails on the element that misses by the most, naming both values", () => {
    expect(() => expectClose([1.1, 5, 3], [1, 2, 3], { rtol: 0, atol: 0.01 })).toThrow("element 1: got 5, expected 2");
    expect(() => expectClose([NaN], [1])).toThrow("element 0: got NaN, expected 1");
    expect(() => expectClose([Infinity], [-Infinity])).toThrow("element 0: got Infinity, expected -Infinity");
    expect(() => expectClose([1, 2], [1])).toThrow("length");
  });
});
