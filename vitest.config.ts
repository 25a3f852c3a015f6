import { defineConfig } from "vitest/config";

// CI (.ci/run) sets VANISH_TEST_REPORT to a file path to get a JSON report beside the usual output, so that it runs
// exactly the README's `pnpm test` and still counts passed and failed tests.
const report = process.env.VANISH_TEST_REPORT;

// vitest 4 ignores vitest.workspace.ts: one `vitest run` covers every package through `projects`.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "tooling"],
    ...(report ? { reporters: ["default", "json"], outputFile: { json: report } } : {}),
  },
});
