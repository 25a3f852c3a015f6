import { readFileSync } from "node:fs";
import { expect, it, vi } from "vitest";

it("the README example prints what the README says it prints", async () => {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  await import("./readme");
  spy.mockRestore();
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(readme).toContain(`// ${line}`);
  // The example's source is the README's first code block.
  const source = readFileSync(new URL("./readme.ts", import.meta.url), "utf8");
  expect(readme).toContain(source.split("\n").slice(0, 8).join("\n"));
});
