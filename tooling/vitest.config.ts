import { packageConfig } from "./vitest.shared.ts";

// Repository-wide checks (the tree, not one package).
export default packageConfig("tooling", { include: ["*.test.ts"] });
