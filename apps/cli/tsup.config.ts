import { libraryConfig } from "../../tooling/tsup.shared";

// An executable, not a library: one ESM file with a shebang, no type declarations.
export default libraryConfig({ entry: ["src/main.ts"], format: ["esm"], dts: false, banner: { js: "#!/usr/bin/env node" } });
