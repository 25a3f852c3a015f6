import { describe, expect, it } from "vitest";
import { ValueClip } from "./strategies/value";
import { t } from "../test/helpers";

describe("ClipStrategyBase", () => {
  it("validates grads and context once per apply", () => {
    const v = new ValueClip(1);
    expect(() => v.apply({} as never)).toThrow(
      new TypeError("ValueClip.apply: grads must be an array of Tensors (null entries are skipped; wrap a single tensor as [t]), got an object"),
    );
    expect(() => v.apply([t([1])], { params: 3 as never })).toThrow(new TypeError("ValueClip.apply: context.params must be an array of Tensors, got 3"));
    expect(() => v.apply([t([1])], { names: "a" as never })).toThrow(new TypeError('ValueClip.apply: context.names must be an array of strings, got the string "a"'));
  });

  it("has no state for a stateless strategy, and says so", () => {
    const v = new ValueClip(1);
    expect(v.getState()).toBeNull();
    v.setState(null);
    v.reset();
    expect(() => v.setState({ type: "skip", skipped: 0 })).toThrow(
      new TypeError("ValueClip.setState: a value strategy has no state, so state must be null, got an object"),
    );
    expect(String(v)).toBe("ValueClip(value:1)");
  });

  it("reports an empty list as no units and nothing clipped", () => {
    expect(new ValueClip(1).apply([])).toMatchObject({ normBefore: 0, normAfter: 0, units: 0, clippedUnits: 0, clippedFraction: 0, clipped: false });
  });
});
