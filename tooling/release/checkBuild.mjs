#!/usr/bin/env node
// `prepack` of every published package: refuses to pack (or publish) unless dist/ holds a build newer than the
// package's sources. Without it, `pnpm pack` with no dist/ silently ships a package of README.md and package.json.
//   node ../../tooling/release/checkBuild.mjs            (from the package's folder, as `prepack`)
// Exits 1 with a message naming the package, the missing or stale file and the command to run.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file a package.json points at: main, module, types, bin, and each leaf of the exports map. */
export function entryFiles(pkg) {
  const files = new Set();
  const walk = (v) => {
    if (typeof v === "string") {
      if (v.startsWith("./") && !v.includes("*")) files.add(v);
    } else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  for (const key of ["main", "module", "types"]) if (typeof pkg[key] === "string") walk(pkg[key].startsWith("./") ? pkg[key] : `./${pkg[key]}`);
  walk(typeof pkg.bin === "string" ? { vanish: pkg.bin } : pkg.bin);
  walk(pkg.exports);
  files.delete("./package.json");
  return [...files].map((f) => f.slice(2));
}

/** The newest file (by modification time) under `dir`, skipping tests. */
function newest(dir, root) {
  let best = null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const b = newest(path, root);
      if (b && (!best || b.mtime > best.mtime)) best = b;
    } else if (!/\.test\.ts$/.test(entry.name)) {
      const mtime = statSync(path).mtimeMs;
      if (!best || mtime > best.mtime) best = { file: relative(root, path), mtime };
    }
  }
  return best;
}

/** Null when `dir` holds a fresh build of its package, else the reason it does not. */
export function checkBuild(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const build = `pnpm --filter ${pkg.name} build`;
  const entries = entryFiles(pkg);
  if (entries.length === 0) return `${pkg.name}: package.json names no entry file (main, exports or bin)`;
  const missing = entries.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    return `${pkg.name}: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing; run \`${build}\` before packing`;
  }
  // The sources, plus package.json (its version is compiled into @vanish/core's tensor brand) and build configs.
  const inputs = [newest(join(dir, "src"), dir)];
  for (const f of ["package.json", "tsup.config.ts"]) if (existsSync(join(dir, f))) inputs.push({ file: f, mtime: statSync(join(dir, f)).mtimeMs });
  const input = inputs.filter(Boolean).reduce((a, b) => (b.mtime > a.mtime ? b : a));
  const oldest = entries.map((f) => ({ file: f, mtime: statSync(join(dir, f)).mtimeMs })).reduce((a, b) => (b.mtime < a.mtime ? b : a));
  if (oldest.mtime < input.mtime) {
    const at = (t) => new Date(t).toISOString();
    return `${pkg.name}: ${oldest.file} (built ${at(oldest.mtime)}) is older than ${input.file} (changed ${at(input.mtime)}); run \`${build}\` before packing`;
  }
  return null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problem = checkBuild(process.cwd());
  if (problem) {
    console.error(`prepack: ${problem}`);
    process.exit(1);
  }
}
