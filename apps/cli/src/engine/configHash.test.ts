import { describe, expect, it } from "vitest";
import { resolveRunConfig } from "./config";
import { canonicalJSON, configHash } from "./configHash";

describe("configHash", () => {
  it("is 16 hex digits, independent of key order, and changes with any field", () => {
    const a = resolveRunConfig({ cell: "gru", seed: 1 });
    const reordered = JSON.parse(canonicalJSON(a));
    expect(Object.keys(reordered)[0]).toBe("batchSize");
    expect(configHash(reordered)).toBe(configHash(a));
    expect(configHash(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(configHash(resolveRunConfig({ cell: "gru", seed: 2 }))).not.toBe(configHash(a));
    expect(configHash(resolveRunConfig({ cell: "gru", seed: 1, optimizer: { name: "adam", lr: 0.001 } }))).toBe(configHash(a));
  });
});
