import { readFileSync } from "node:fs";
import { expect, it, vi } from "vitest";

it("the example in docs/BACKENDS.md is docs/backends.example.ts and prints what the page says it prints", async () => {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  // A computed path, so that tsc does not resolve the example's "@vanish/core" import (vitest's alias does).
  const example = "../../docs/backends.example.ts";
  await import(/* @vite-ignore */ example);
  spy.mockRestore();
  const page = readFileSync(new URL("../../docs/BACKENDS.md", import.meta.url), "utf8");
  const source = readFileSync(new URL(example, import.meta.url), "utf8");
  expect(lines).toHaveLength(3);
  for (const line of lines) expect(page).toContain(`// ${line}`);
  expect(page).toContain(source.trim());
});
