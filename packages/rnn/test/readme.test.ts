import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";

describe("README", () => {
  it("shows the example's real output (examples/gradientNorms.ts)", async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    try {
      await import("../examples/gradientNorms");
    } finally {
      log.mockRestore();
    }
    expect(lines).toHaveLength(9);
    const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
    const code = readFileSync(fileURLToPath(new URL("../examples/gradientNorms.ts", import.meta.url)), "utf8");
    expect(readme).toContain(lines.map((l) => `// ${l}`.trimEnd()).join("\n"));
    // The README shows the example's code itself (after its first comment line).
    expect(readme).toContain(code.split("\n").slice(1).join("\n").trim());
  });
});
