import { libraryConfig } from "../../tooling/tsup.shared";

export default libraryConfig({
  // Three entries: the pure chart functions (safe anywhere), Node rendering (fs, resvg), and the browser embed.
  entry: ["src/index.ts", "src/node.ts", "src/browser.ts"],
  // Gives the CJS build an `import.meta.url`, used to find the installed vega bundles for the HTML report.
  shims: true,
});
