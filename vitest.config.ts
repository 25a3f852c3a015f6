import { defineConfig } from "vitest/config";

// vitest 4 ignores vitest.workspace.ts: one `vitest run` covers every package through `projects`.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
  },
});
