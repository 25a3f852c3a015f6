import { libraryConfig } from "../../tooling/tsup.shared.ts";

// Two entries: the library, and `@vanish/core/kernels` (the wasm arena and the fused kernels a fast model uses).
// Code splitting for CJS too, so that both entries share ONE copy of the backend and arena state.
export default libraryConfig({
  entry: ["src/index.ts", "src/kernels.ts"],
  splitting: true,
  // The CJS build's `import.meta.url` is the file URL of the .cjs file that holds the code (dist/index.cjs for
  // src/brand.ts), which names this copy in the "two copies of @vanish/core are loaded" message. Not tsup's `shims`:
  // with code splitting they would be hoisted into the shared chunk and name the chunk instead of index.cjs.
  esbuildOptions(options, { format }) {
    if (format === "cjs") options.define = { ...options.define, "import.meta.url": "__vanishModuleUrl" };
  },
  banner: ({ format }) =>
    format === "cjs" ? { js: 'var __vanishModuleUrl = typeof __filename === "string" ? new URL(`file:${__filename}`).href : "";' } : {},
});
