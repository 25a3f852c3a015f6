import { libraryConfig } from "../../tooling/tsup.shared.ts";

// Two entries: the library, and `@vanish/core/kernels` (the wasm arena and the fused kernels a fast model uses).
// Code splitting for CJS too, so that both entries share ONE copy of the backend and arena state.
export default libraryConfig({ entry: ["src/index.ts", "src/kernels.ts"], splitting: true });
