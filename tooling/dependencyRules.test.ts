import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// `pnpm lint:deps` (run first by `pnpm test`) must fail on a violation: run the repo's .dependency-cruiser.cjs
// on small fixture trees shaped like the repo (packages/<name>/src) and check the exit code and the rule named.
const root = fileURLToPath(new URL("..", import.meta.url));
const depcruise = join(root, "node_modules/.bin/depcruise");
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "vanish-depcruise-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  mkdirSync(join(dir, "apps"), { recursive: true });
  const r = spawnSync(depcruise, ["--config", join(root, ".dependency-cruiser.cjs"), "--output-type", "err", "packages", "apps"], { cwd: dir, encoding: "utf8" });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe(".dependency-cruiser.cjs", () => {
  it("passes a star: packages import core, an app imports several", () => {
    const r = cruise({
      "packages/core/src/index.ts": "export const one = 1;\n",
      "packages/rnn/src/index.ts": 'import { one } from "../../core/src/index";\nexport const two = one + 1;\n',
      "apps/cli/src/main.ts": 'import { one } from "../../../packages/core/src/index";\nimport { two } from "../../../packages/rnn/src/index";\nexport const three = one + two;\n',
    });
    expect(r.output).toContain("no dependency violations found");
    expect(r.status).toBe(0);
  });

  it.each([
    ["an import circle", "no-circular", { "packages/core/src/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n', "packages/core/src/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n' }],
    ["rnn importing clipping", "rnn-not-clipping", { "packages/clipping/src/index.ts": "export const clip = 1;\n", "packages/rnn/src/index.ts": 'import { clip } from "../../clipping/src/index";\nexport const x = clip;\n' }],
    ["datasets importing rnn", "datasets-not-rnn", { "packages/rnn/src/index.ts": "export const x = 1;\n", "packages/datasets/src/index.ts": 'import { x } from "../../rnn/src/index";\nexport const y = x;\n' }],
    ["viz importing core", "viz-imports-no-vanish-package", { "packages/core/src/index.ts": "export const one = 1;\n", "packages/viz/src/index.ts": 'import { one } from "../../core/src/index";\nexport const y = one;\n' }],
    ["core importing datasets", "core-imports-no-vanish-package", { "packages/datasets/src/index.ts": "export const d = 1;\n", "packages/core/src/index.ts": 'import { d } from "../../datasets/src/index";\nexport const y = d;\n' }],
    ["clipping importing datasets", "only-apps-wire-packages", { "packages/datasets/src/index.ts": "export const d = 1;\n", "packages/clipping/src/index.ts": 'import { d } from "../../datasets/src/index";\nexport const y = d;\n' }],
  ] as const)("fails on %s, naming %s", (_what, rule, files) => {
    const r = cruise(files);
    expect(r.output).toContain(`error ${rule}:`);
    expect(r.status).not.toBe(0);
  });
});
