// The architecture rules of the repo (README "Packages"): a star around @vanish/core with no import
// circles. `pnpm lint:deps` runs them (and `pnpm test` runs that first); any violation fails with exit code 1.
// Workspace imports (`@vanish/x`, `@vanish/x/sub`) resolve to the packages' sources through
// tooling/tsconfig.depcruise.json, so the rules match on paths under packages/.
const path = require("node:path");

/** Any file of a Vanish package other than those listed (a package may always import itself). */
const packagesExcept = (...allowed) => `^packages/(?!(${allowed.join("|")})/)[^/]+/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import circles, type-only imports included: split the file that both sides need.",
      from: {},
      to: { circular: true },
    },
    {
      name: "rnn-not-clipping",
      severity: "error",
      comment: "@vanish/rnn never imports @vanish/clipping (a transform is taken structurally, { apply(grads) }).",
      from: { path: "^packages/rnn/" },
      to: { path: "^packages/clipping/" },
    },
    {
      name: "clipping-not-rnn",
      severity: "error",
      comment: "@vanish/clipping never imports @vanish/rnn: a strategy clips any list of gradient tensors.",
      from: { path: "^packages/clipping/" },
      to: { path: "^packages/rnn/" },
    },
    {
      name: "datasets-not-rnn",
      severity: "error",
      comment: "@vanish/datasets never imports @vanish/rnn: batches are plain typed arrays.",
      from: { path: "^packages/datasets/" },
      to: { path: "^packages/rnn/" },
    },
    {
      name: "viz-imports-no-vanish-package",
      severity: "error",
      comment:
        "@vanish/viz draws plain data: its code and tests import no other Vanish package (its examples may seed data with @vanish/core, a devDependency).",
      from: { path: "^packages/viz/(src|test)/" },
      to: { path: packagesExcept("viz") },
    },
    {
      name: "core-imports-no-vanish-package",
      severity: "error",
      comment: "@vanish/core is the centre of the star and imports no other Vanish package.",
      from: { path: "^packages/core/" },
      to: { path: packagesExcept("core") },
    },
    {
      name: "only-apps-wire-packages",
      severity: "error",
      comment: "A package imports at most @vanish/core (and itself); only apps/* wire several packages together.",
      from: { path: "^packages/([^/]+)/" },
      to: { path: "^packages/[^/]+/", pathNot: ["^packages/$1/", "^packages/core/"] },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      comment: "An import that does not resolve would hide an edge from the rules above.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules|coverage)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, "tooling/tsconfig.depcruise.json") },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts", ".json"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
