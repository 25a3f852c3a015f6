import { libraryConfig } from "../../tooling/tsup.shared.ts";

export default libraryConfig({
  // Gives the CJS build an `import.meta.url` (the file URL of index.cjs), which names this copy in the
  // "two copies of @vanish/core are loaded" message (src/brand.ts).
  shims: true,
});
