// Comments and READMEs point to docs/ in this repository, never to notes outside it, and every `docs/x.md#anchor`
// they cite exists.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const SKIP_DIRS = new Set(["node_modules", "dist", ".git", ".turbo", "docs", ".changeset", "vanish-report", "results"]);
const TEXT = /\.(ts|tsx|js|mjs|cjs|md|json|yaml|yml|html|css|sh)$/;

/** Text files of the tree outside docs/ (sources, tests, READMEs, configs). */
function files(dir = root, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (TEXT.test(name) && !name.startsWith("CHANGELOG")) out.push(relative(root, path));
  }
  return out;
}

/** Notes that live outside the repository. */
const OUTSIDE = /REFERENCE(\.md)? §\d|REFERENCE notes|TOOLCHAIN\.md|STYLE\.md|\bissue \d+\b/;

/** Files allowed to cite notes outside the repository (none). */
const PENDING = new Set<string>([]);

/** GitHub's anchor of a Markdown heading. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replace(/ /g, "-");

describe("docs/", () => {
  const tree = files().filter((f) => f !== "tooling/docLinks.test.ts");

  it("is where comments point: nothing cites notes outside the repository", () => {
    const found = tree.filter((f) => OUTSIDE.test(readFileSync(join(root, f), "utf8")));
    expect(found.filter((f) => !PENDING.has(f))).toEqual([]);
    expect([...PENDING].filter((f) => !found.includes(f))).toEqual([]);
  });

  it("holds every file and heading that the tree cites as docs/x.md#anchor", () => {
    const docs = new Map<string, Set<string>>();
    // Markdown files only: docs/api/ is TypeDoc's generated reference (not committed).
    for (const name of readdirSync(join(root, "docs")).filter((n) => n.endsWith(".md"))) {
      const text = readFileSync(join(root, "docs", name), "utf8");
      docs.set(name, new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1]!))));
    }
    const broken: string[] = [];
    for (const f of [...tree, ...[...docs.keys()].map((d) => `docs/${d}`)]) {
      const text = readFileSync(join(root, f), "utf8");
      // A package may have a docs/ folder of its own (packages/core/docs/BACKENDS.md), cited from inside it.
      const own = /^(packages|apps)\/[^/]+\//.exec(f)?.[0];
      for (const m of text.matchAll(/docs\/([\w.-]+\.md)(?:#([\w-]+))?/g)) {
        if (own && !docs.has(m[1]!) && existsSync(join(root, own, "docs", m[1]!))) continue;
        const headings = docs.get(m[1]!);
        if (!headings || (m[2] !== undefined && !headings.has(m[2]))) broken.push(`${f}: ${m[0]}`);
      }
      if (f.startsWith("docs/")) {
        for (const m of text.matchAll(/\]\(([\w.-]+\.md)(?:#([\w-]+))?\)/g)) {
          const headings = docs.get(m[1]!);
          if (!headings || (m[2] !== undefined && !headings.has(m[2]))) broken.push(`${f}: ${m[0]}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
