import { packageConfig } from "./vitest.shared.ts";

// Repository-wide checks (the tree, not one package): the dependency rules (dependencyRules.test.ts; each case
// spawns dependency-cruiser, about a second on 2 cores), the docs/ links, and the release tooling — the prepack
// guard, the changelog format and the registry test (release/**/*.test.ts).
export default packageConfig("tooling", { include: ["*.test.ts", "release/**/*.test.ts"] });
