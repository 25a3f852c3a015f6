import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const packages = fileURLToPath(new URL("../../packages/", import.meta.url));

export default defineConfig(({ command }) => ({
  // Relative asset URLs: dist/ works from any path (a subfolder, a file server, GitHub Pages).
  base: "./",
  resolve: {
    // `vite build` (and so the e2e test, which builds the app) takes the Vanish packages as a user gets them: through
    // their `exports` maps from their built dist/ (turbo builds them first), so a broken exports map or build shows.
    // `pnpm --filter web dev` bundles them from their sources instead, so it works from a fresh clone without a build.
    alias:
      command === "serve"
        ? [
            { find: /^@vanish\/viz\/browser$/, replacement: `${packages}viz/src/browser.ts` },
            { find: /^@vanish\/core\/kernels$/, replacement: `${packages}core/src/kernels.ts` },
            { find: /^@vanish\/(core|rnn|clipping|datasets|viz)$/, replacement: `${packages}$1/src/index.ts` },
          ]
        : [],
  },
  worker: {
    // The training worker is a module worker (`new Worker(url, { type: "module" })`).
    format: "es",
  },
  build: {
    target: "es2022",
    // vega, vega-lite and vega-embed make one ~1.1 MB chunk, loaded after the page is interactive.
    chunkSizeWarningLimit: 1500,
  },
}));
