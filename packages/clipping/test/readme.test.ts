// The README starts with examples/clippedStep.ts and the output it prints: keep the three in step.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = readFileSync(new URL("../examples/clippedStep.ts", import.meta.url), "utf8");

describe("README example", () => {
  const block = /```ts\n([\s\S]*?)```/.exec(readme)![1];
  const [code, printed] = block.split("// Prints:\n");

  it("is examples/clippedStep.ts", () => {
    expect(code.trim()).toBe(example.trim());
  });

  it("prints what the README says", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.join(" "));
    });
    try {
      await import("../examples/clippedStep");
    } finally {
      spy.mockRestore();
    }
    const expected = printed
      .trim()
      .split("\n")
      .map((l) => l.replace(/^\/\/ /, ""));
    expect(lines).toEqual(expected);
  });
});
