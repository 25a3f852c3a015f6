import { libraryConfig } from "../../tooling/tsup.shared";

// Two entries: the browser-safe library, and `@vanish/rnn/node` (atomic checkpoint files through node:fs).
export default libraryConfig({ entry: ["src/index.ts", "src/node.ts"] });
