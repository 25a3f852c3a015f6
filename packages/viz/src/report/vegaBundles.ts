import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The minified browser builds of vega and vega-embed, as installed with @vanish/viz. */
export interface VegaBundles {
  readonly vega: string;
  readonly vegaEmbed: string;
}

/**
 * Where the installed vega and vega-embed keep their browser bundles. The packages' `exports` maps do not expose
 * `build/*.min.js`, so this resolves each package's entry file and takes its sibling. Works from the ESM and the
 * CJS build (tsup shims `import.meta.url` in CJS).
 */
export function vegaBundlePaths(): { vega: string; vegaEmbed: string } {
  const require = createRequire(import.meta.url);
  return {
    vega: join(dirname(require.resolve("vega")), "vega.min.js"),
    vegaEmbed: join(dirname(require.resolve("vega-embed")), "vega-embed.min.js"),
  };
}

let cache: VegaBundles | undefined;

/** Reads the bundles (once per process) so that the HTML report can inline them and work offline. */
export function readVegaBundles(): VegaBundles {
  if (cache === undefined) {
    const paths = vegaBundlePaths();
    cache = { vega: readFileSync(paths.vega, "utf8"), vegaEmbed: readFileSync(paths.vegaEmbed, "utf8") };
  }
  return cache;
}
