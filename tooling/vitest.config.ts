import { packageConfig } from "./vitest.shared.ts";

// Repository-wide checks (the tree, not one package): the dependency rules (each case spawns dependency-cruiser,
// about a second on 2 cores; packageConfig's 60 s timeout covers it) and the docs/ links.
export default packageConfig("tooling", { include: ["*.test.ts"] });
