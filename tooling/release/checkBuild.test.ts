import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script (prepack runs it with node, before any build)
import { checkBuild, entryFiles } from "./checkBuild.mjs";

const repo = new URL("../../", import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, repo), "utf8"));

describe("entryFiles", () => {
  it("lists every file a package.json points at, including the CLI's bin", () => {
    expect(entryFiles(read("packages/viz/package.json")).sort()).toEqual(
      ["dist/browser.cjs", "dist/browser.d.cts", "dist/browser.d.ts", "dist/browser.js", "dist/index.cjs", "dist/index.d.cts", "dist/index.d.ts", "dist/index.js", "dist/node.cjs", "dist/node.d.cts", "dist/node.d.ts", "dist/node.js"],
    );
    expect(entryFiles(read("apps/cli/package.json"))).toContain("dist/main.js");
  });
});

describe("checkBuild", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const at = (path: string, seconds: number) => utimesSync(join(dir, path), seconds, seconds);

  function fixture() {
    dir = mkdtempSync(join(tmpdir(), "vanish-checkbuild-"));
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@vanish/x", exports: { ".": { import: "./dist/index.js", require: "./dist/index.cjs" } } }));
    writeFileSync(join(dir, "src/index.ts"), "export const x = 1;\n");
    writeFileSync(join(dir, "src/index.test.ts"), "// tests do not make a build stale\n");
    at("package.json", 1_000);
    at("src/index.ts", 2_000);
    at("src/index.test.ts", 9_000);
  }

  it("refuses a package whose dist/ is missing, naming the files and the command", () => {
    fixture();
    expect(checkBuild(dir)).toBe("@vanish/x: dist/index.js, dist/index.cjs are missing; run `pnpm --filter @vanish/x build` before packing");
  });

  it("accepts a build newer than the sources and refuses one older than a source file", () => {
    fixture();
    mkdirSync(join(dir, "dist"));
    writeFileSync(join(dir, "dist/index.js"), "");
    writeFileSync(join(dir, "dist/index.cjs"), "");
    at("dist/index.js", 3_000);
    at("dist/index.cjs", 3_000);
    expect(checkBuild(dir)).toBeNull();
    at("src/index.ts", 4_000);
    expect(checkBuild(dir)).toBe(
      "@vanish/x: dist/index.js (built 1970-01-01T00:50:00.000Z) is older than src/index.ts (changed 1970-01-01T01:06:40.000Z); run `pnpm --filter @vanish/x build` before packing",
    );
    at("src/index.ts", 2_000);
    at("package.json", 3_500);
    expect(checkBuild(dir)).toMatch(/^@vanish\/x: dist\/index\.js \(built .*\) is older than package\.json/);
  });
});
