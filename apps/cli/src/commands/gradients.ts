import { batchFromJSON, gradientReport, modelFromJSON } from "@vanish/rnn";
import { Option, type Command } from "commander";
import { CliError, EXIT_USAGE, readJSON, type CliIO } from "../io";

interface GradientsOptions {
  model: string;
  batch: string;
  dtype: "float32" | "float64";
}

/**
 * `vanish gradients --model MODEL.json --batch BATCH.json [--dtype float64|float32]`: reads the REFERENCE §3
 * files and prints `{loss, grads, hiddenGradNorms}` as one line of JSON. A malformed file exits with code 2
 * and a message naming the file and the JSON path that is wrong.
 */
export function registerGradients(program: Command, io: CliIO): void {
  program
    .command("gradients")
    .description("print the loss, every parameter's gradient and ‖dL/dh_t‖ per step for one batch, as JSON")
    .requiredOption("--model <file>", "model file: {cell, inputSize, hiddenSize, outputSize, stateDict}")
    .requiredOption("--batch <file>", 'batch file: {x: [T][B][I], y: [B] or [T][B], loss: "last" | "all"}')
    .addOption(new Option("--dtype <dtype>", "arithmetic precision").choices(["float64", "float32"]).default("float64"))
    .action((options: GradientsOptions) => {
      const modelJSON = readJSON(io, options.model, "model");
      const batchJSON = readJSON(io, options.batch, "batch");
      const model = malformed(options.model, () => modelFromJSON(modelJSON, { dtype: options.dtype }));
      const batch = malformed(options.batch, () => batchFromJSON(batchJSON, model));
      io.stdout(`${JSON.stringify(gradientReport(model, batch))}\n`);
    });
}

/** Runs a parser; its TypeError/RangeError becomes exit code 2 with the file name and the parser's message. */
function malformed<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) {
      throw new CliError(`${file}: ${e.message.replace(/^\w+: /, "")}`, EXIT_USAGE);
    }
    throw e;
  }
}
