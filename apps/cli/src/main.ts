import { nodeIO } from "./io";
import { runCli } from "./program";

// A reader that closes the pipe early (`vanish report --help | head`) is not a failure: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2), nodeIO);
