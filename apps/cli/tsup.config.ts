import { libraryConfig } from "../../tooling/tsup.shared";

// An executable, not a library: ESM files with a shebang, no type declarations. `sweepWorker` is a second entry
// because tinypool loads it by file name in each worker thread (dist/sweepWorker.js beside dist/main.js).
export default libraryConfig({ entry: { main: "src/main.ts", sweepWorker: "src/runs/sweepWorker.ts" }, format: ["esm"], dts: false, banner: { js: "#!/usr/bin/env node" } });
