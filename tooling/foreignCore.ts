import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const coreIndex = fileURLToPath(new URL("../packages/core/src/index.ts", import.meta.url));
const require = createRequire(import.meta.url);
let dir: string | null = null;

/**
 * A second copy of @vanish/core for tests of what happens when two copies meet: a CommonJS bundle of core's sources
 * (next to the ESM sources the tests import — the dual package hazard), with `version` written into its
 * package.json (two installed versions). Returns the module and the file it was loaded from. The bundles go to one
 * temporary folder per test file; call {@link removeForeignCores} in `afterAll`.
 */
export async function loadForeignCore(version: string): Promise<{ core: typeof import("../packages/core/src/index"); file: string }> {
  dir ??= mkdtempSync(join(tmpdir(), "vanish-foreign-core-"));
  const file = join(dir, `core-${version}.cjs`);
  await build({
    entryPoints: [coreIndex],
    bundle: true,
    format: "cjs",
    platform: "node",
    outfile: file,
    logLevel: "silent",
    // As core's own CJS build (packages/core/tsup.config.ts): the bundle's import.meta.url is its file URL.
    banner: { js: `const __import_meta_url = require("node:url").pathToFileURL(__filename).href;` },
    define: { "import.meta.url": "__import_meta_url" },
    plugins: [
      {
        name: "version",
        setup(b) {
          b.onLoad({ filter: /package\.json$/ }, () => ({ contents: JSON.stringify({ version }), loader: "json" }));
        },
      },
    ],
  });
  return { core: require(file), file };
}

/** Deletes the bundles written by {@link loadForeignCore} (modules already loaded stay usable). */
export function removeForeignCores(): void {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
}
