#!/usr/bin/env node
// Install size of each published package as a user gets it: packs the built packages, publishes them to a
// throw-away local Verdaccio (tooling/release/verdaccio.mjs), and in a fresh folder per package runs
// `npm install @vanish/<name>` (other dependencies from the normal registry), then reports the size on disk of
// node_modules (du -sk) and the number of installed packages.
//   node tooling/release/installSizes.mjs [extra install specs for a last "custom" row…]
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const PACKAGES = ["packages/core", "packages/rnn", "packages/clipping", "packages/datasets", "packages/viz", "apps/cli"];
const root = mkdtempSync(join(tmpdir(), "vanish-sizes-"));
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k)));
const verdaccio = spawn(process.execPath, [join(repo, "tooling/release/verdaccio.mjs"), join(root, "registry")], { env, stdio: ["ignore", "pipe", "inherit"] });
try {
  const port = await new Promise((resolve) => verdaccio.stdout.once("data", (d) => resolve(JSON.parse(String(d).split("\n")[0]).port)));
  const registry = `http://127.0.0.1:${port}/`;
  const tarballs = join(root, "tarballs");
  mkdirSync(tarballs);
  writeFileSync(join(tarballs, ".npmrc"), `//127.0.0.1:${port}/:_authToken=vanish-install-sizes\n`);
  for (const dir of PACKAGES) {
    const tgz = execFileSync("pnpm", ["pack", "--pack-destination", tarballs], { cwd: join(repo, dir), env, encoding: "utf8" }).trim().split("\n").at(-1).trim();
    execFileSync("npm", ["publish", tgz, `--registry=${registry}`, "--loglevel=error"], { cwd: tarballs, env, stdio: "inherit" });
  }
  const rows = PACKAGES.map((d) => [JSON.parse(execFileSync("node", ["-p", "JSON.stringify(require('./package.json').name)"], { cwd: join(repo, d), encoding: "utf8" }))]);
  const extra = process.argv.slice(2);
  if (extra.length > 0) rows.push(extra);
  console.log("| npm install … | node_modules | packages |\n|---|---:|---:|");
  for (const specs of rows) {
    const dir = join(root, `c${rows.indexOf(specs)}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), '{"name":"c","private":true}\n');
    writeFileSync(join(dir, ".npmrc"), `@vanish:registry=${registry}\n`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], { cwd: dir, env, stdio: "inherit" });
    const kb = Number(execFileSync("du", ["-sk", "node_modules"], { cwd: dir, encoding: "utf8" }).split("\t")[0]);
    const lock = JSON.parse(execFileSync("cat", ["package-lock.json"], { cwd: dir, encoding: "utf8" }));
    const count = Object.keys(lock.packages).filter((k) => k.startsWith("node_modules/")).length;
    console.log(`| ${specs.join(" ")} | ${(kb / 1024).toFixed(1)} MB | ${count} |`);
  }
} finally {
  verdaccio.kill("SIGTERM");
  rmSync(root, { recursive: true, force: true });
}
