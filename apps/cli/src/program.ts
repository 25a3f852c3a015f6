import { Command, CommanderError } from "commander";
import { version } from "../package.json";
import { registerData } from "./commands/data";
import { registerDemo } from "./commands/demo";
import { registerExplain } from "./commands/explain";
import { registerGradients } from "./commands/gradients";
import { registerReport } from "./commands/report";
import { registerSweep } from "./commands/sweep";
import { registerTrain } from "./commands/train";
import { registerWorker } from "./commands/worker";
import { registerQueue } from "./commands/queue";
import { RunDirectoryError } from "./engine/runDirectoryError";
import { describeFsError, printable } from "./fsErrors";
import { CliError, EXIT_USAGE, type CliIO } from "./io";

/** Every command, one file each under ./commands; adding a command is one line here. */
const COMMANDS: readonly ((program: Command, io: CliIO) => void)[] = [registerTrain, registerSweep, registerWorker, registerQueue, registerData, registerGradients, registerDemo, registerReport, registerExplain];

const EXAMPLES = `
Examples:
  $ vanish train --task adding --preset easy --cell lstm --steps 300
  $ vanish sweep --task adding --grid cell=rnn_tanh,lstm,gru --seeds 0-2
  $ vanish data --task agreement --preset hard --count 1000 --out agreement.jsonl
  $ vanish gradients --model model.json --batch batch.json
  $ vanish explain --run runs/<rnn> --run runs/<lstm> --sentence "the cats near the dog were hungry"

Run "vanish <command> --help" for a command's flags and examples.
Exit codes: 0 ok, 1 a run failed, 2 bad flags, config, input file or run directory (locked, unwritable, …),
129/130/143 stopped by SIGHUP/SIGINT/SIGTERM after writing a checkpoint.`;

/** The `vanish` program with every command registered, writing through `io`. */
export function createProgram(io: CliIO): Command {
  const program = new Command("vanish")
    .description("Vanishing and exploding gradients in recurrent networks, step by step.")
    .version(version, "-V, --version", "print the version of @vanish/cli")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText("after", EXAMPLES);
  // Subcommands inherit exitOverride and configureOutput from the program when they are created.
  for (const register of COMMANDS) register(program, io);
  return program;
}

/**
 * Runs `vanish` with `args` (without the node and script paths) and returns the exit code: 0 on success,
 * 2 for a usage error, a malformed input file, a run directory that cannot be used or a file-system error (each one
 * line naming the path, control characters escaped), 1 for a failed run or anything unexpected (with its stack).
 */
export async function runCli(args: readonly string[], io: CliIO): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...args], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`vanish: ${printable(e.message)}\n`);
      return e.exitCode;
    }
    if (e instanceof RunDirectoryError) {
      io.stderr(`vanish: ${printable(e.message.replace(/^trainRun: /, ""))}\n`);
      return EXIT_USAGE;
    }
    const fs = describeFsError(e);
    if (fs !== null) {
      io.stderr(`vanish: ${printable(fs)}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof CommanderError) {
      // Commander has already printed its message; help and version are not failures.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    io.stderr(`vanish: unexpected error: ${printable((e as Error).stack ?? String(e))}\n`);
    return 1;
  }
}
