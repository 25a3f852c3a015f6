import { packageConfig } from "./vitest.shared";

// The tests of the repo's own configuration and tooling: the dependency rules (dependencyRules.test.ts; each case
// spawns dependency-cruiser, about a second on 2 cores), and the release tooling — the prepack guard, the changelog
// format and the registry test (release/**/*.test.ts).
export default packageConfig("tooling", { include: ["*.test.ts", "release/**/*.test.ts"] });
