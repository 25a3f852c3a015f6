import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const packages = fileURLToPath(new URL("../../packages/", import.meta.url));

export default defineConfig({
  // Relative asset URLs: dist/ works from any path (a subfolder, a file server, GitHub Pages).
  base: "./",
  resolve: {
    // The Vanish packages are bundled from their sources (as the tests import them), so `pnpm --filter web dev`
    // and `build` work from a fresh clone without building the libraries first.
    alias: [
      { find: /^@vanish\/viz\/browser$/, replacement: `${packages}viz/src/browser.ts` },
      { find: /^@vanish\/core\/kernels$/, replacement: `${packages}core/src/kernels.ts` },
      { find: /^@vanish\/(core|rnn|clipping|datasets|viz)$/, replacement: `${packages}$1/src/index.ts` },
    ],
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
});
