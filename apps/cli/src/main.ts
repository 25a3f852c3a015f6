import { nodeIO } from "./io";
import { runCli } from "./program";
import { stopWhenOrphaned } from "./signals";

// `pnpm vanish …` runs in the repository root; relative paths are the user's, so they resolve where pnpm was typed.
const script = process.env.npm_lifecycle_event;
const wrapped = script === "vanish" || script === "demo" || script === "start";
if (wrapped && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
if (wrapped) stopWhenOrphaned();

// A reader that closes the pipe early (`vanish report --help | head`) is not a failure: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2), nodeIO);
