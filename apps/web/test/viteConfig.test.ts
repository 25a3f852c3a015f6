import type { ConfigEnv, UserConfig } from "vite";
import { expect, it } from "vitest";
import config from "../vite.config";

const resolve = (command: ConfigEnv["command"]) => (config as (env: ConfigEnv) => UserConfig)({ command, mode: "test" }).resolve!;

it("builds the app (and so the e2e test) from the packages' built exports, and serves it from their sources", () => {
  // No alias: `vite build` resolves @vanish/* through each package.json's exports map to dist/.
  expect(resolve("build").alias).toEqual([]);
  const dev = resolve("serve").alias as { find: RegExp; replacement: string }[];
  expect(dev.map((a) => a.replacement.replace(/^.*\/packages\//, "packages/"))).toEqual([
    "packages/viz/src/browser.ts",
    "packages/core/src/kernels.ts",
    "packages/$1/src/index.ts",
  ]);
});
