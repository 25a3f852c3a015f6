import { defineConfig, type Options } from "tsup";

/**
 * The one build configuration every library extends: ESM + CJS with `.d.ts`/`.d.cts`.
 * `target: "node20"` matches the runtime pinned in docs/toolchain.md; output also runs in current browsers.
 */
export function libraryConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    target: "node20",
    sourcemap: false,
    // Libraries ship readable code; consumers minify.
    minify: false,
    ...overrides,
  });
}
