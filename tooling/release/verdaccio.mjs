#!/usr/bin/env node
// A throw-away local npm registry for the registry test: Verdaccio (the npm package) on a free port of 127.0.0.1,
// storing into DIR, taking anonymous publishes of @vanish/* and proxying nothing (uplinks: {}), so only what the
// test published exists under @vanish/*. Consumers point only the @vanish scope at it; everything else still comes
// from the normal registry.
//   node tooling/release/verdaccio.mjs DIR      → prints {"port": P} on its first line of stdout, then serves until killed
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("verdaccio.mjs: DIR (a folder for the registry's storage and config) is required");
  process.exit(2);
}
mkdirSync(join(dir, "storage"), { recursive: true });
const config = join(dir, "config.yaml");
writeFileSync(
  config,
  `storage: ${JSON.stringify(join(dir, "storage"))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, "htpasswd"))}
uplinks: {}
packages:
  "@vanish/*":
    access: $all
    publish: $anonymous
    unpublish: $anonymous
  "**":
    access: $all
log: { type: stdout, format: json, level: error }
`,
);

const { runServer } = createRequire(import.meta.url)("verdaccio");
const server = await runServer(config);
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
// Never outlive the process that started it (a test runner that crashed before it could stop the registry).
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
}, 1000).unref();
