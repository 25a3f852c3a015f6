import { fileURLToPath } from "node:url";
import { defineConfig, type UserConfig } from "vitest/config";

const packagesDir = fileURLToPath(new URL("../packages/", import.meta.url));

/**
 * The one test configuration every package extends.
 *
 * Tests import sibling workspace packages from their *sources* (an alias `@vanish/x` →
 * `packages/x/src/index.ts`, `@vanish/x/node` → `packages/x/src/node.ts`), so a test run never depends on a
 * stale `dist/`. The published
 * `exports` maps (which point at `dist/`) are checked separately by `build`, `typecheck` and `publint`.
 */
export function packageConfig(name: string, overrides: UserConfig["test"] = {}) {
  return defineConfig({
    resolve: {
      alias: [
        // Subpath entries (`@vanish/core/kernels`, `@vanish/rnn/node`, `@vanish/viz/node`, `@vanish/viz/browser`) map to `src/<name>.ts`.
        { find: /^@vanish\/(core|rnn|clipping|datasets|viz)\/(node|browser|kernels)$/, replacement: `${packagesDir}$1/src/$2.ts` },
        { find: /^@vanish\/(core|rnn|clipping|datasets|viz)$/, replacement: `${packagesDir}$1/src/index.ts` },
      ],
    },
    test: {
      name,
      include: ["src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
      // Kernels and gradient checks are CPU-bound; the machines have 2 cores.
      testTimeout: 60_000,
      ...overrides,
    },
  });
}
