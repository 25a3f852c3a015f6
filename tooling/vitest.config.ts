import { defineConfig } from "vitest/config";

// The tests of the repo's own configuration (the dependency rules).
export default defineConfig({
  test: {
    name: "tooling",
    include: ["*.test.ts"],
    // Each case spawns dependency-cruiser (about a second on 2 cores).
    testTimeout: 60_000,
  },
});
