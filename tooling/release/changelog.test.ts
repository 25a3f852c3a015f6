import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const changelog = createRequire(import.meta.url)("./changelog.cjs") as {
  getReleaseLine(changeset: { summary: string; commit?: string }, type: string, options: unknown): Promise<string>;
  getDependencyReleaseLine(changesets: unknown[], deps: { name: string; newVersion: string }[], options: unknown): Promise<string>;
};

describe("the changelog format of `changeset version`", () => {
  it("writes the changeset's sentence as a bullet, without the commit hash", async () => {
    expect(await changelog.getReleaseLine({ summary: "Added `isTensor`.\n", commit: "0d80fe4" }, "minor", null)).toBe("\n- Added `isTensor`.");
    expect(await changelog.getReleaseLine({ summary: "First line.\n\nSecond paragraph.\n" }, "minor", null)).toBe("\n- First line.\n\n  Second paragraph.");
  });

  it("names updated dependencies with their new versions, or nothing", async () => {
    expect(await changelog.getDependencyReleaseLine([], [], null)).toBe("");
    expect(await changelog.getDependencyReleaseLine([], [{ name: "@vanish/core", newVersion: "0.1.1" }], null)).toBe("\n- Works with @vanish/core 0.1.1.");
  });
});
