import { packageConfig } from "./vitest.shared";

// The release tooling's own tests: the prepack guard, and the registry test (release/registry.test.ts).
export default packageConfig("release", { include: ["release/**/*.test.ts"] });
