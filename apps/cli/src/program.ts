import { Command, CommanderError } from "commander";
import { registerGradients } from "./commands/gradients";
import { CliError, EXIT_USAGE, type CliIO } from "./io";

/** Every command, one file each under ./commands; adding a command is one line here. */
const COMMANDS: readonly ((program: Command, io: CliIO) => void)[] = [registerGradients];

/** The `vanish` program with every command registered, writing through `io`. */
export function createProgram(io: CliIO): Command {
  const program = new Command("vanish")
    .description("Vanishing and exploding gradients in recurrent networks, step by step.")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  // Subcommands inherit exitOverride and configureOutput from the program when they are created.
  for (const register of COMMANDS) register(program, io);
  return program;
}

/**
 * Runs `vanish` with `args` (without the node and script paths) and returns the exit code: 0 on success,
 * 2 for a usage error or a malformed input file, 1 for anything unexpected.
 */
export async function runCli(args: readonly string[], io: CliIO): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...args], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`vanish: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof CommanderError) {
      // Commander has already printed its message; help and version are not failures.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    io.stderr(`vanish: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
