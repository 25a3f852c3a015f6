import { batchFromJSON, gradientReport, modelFromJSON } from "@vanish/rnn";
import { Option, type Command } from "commander";
import { CliError, EXIT_USAGE, readJSON, type CliIO } from "../io";

// Each example works as written in an empty directory (the echo lines write the files; test: gradients.test.ts).
const EXAMPLES = `
Examples:
  $ echo '{"cell":"rnn_tanh","inputSize":1,"hiddenSize":2,"outputSize":2,"stateDict":{"weight_ih_l0":[[0.5],[-0.3]],"weight_hh_l0":[[0.9,-0.2],[0.1,0.8]],"bias_ih_l0":[0,0],"bias_hh_l0":[0.1,0],"head.weight":[[1,-1],[-1,1]],"head.bias":[0,0]}}' > model.json
  $ echo '{"x":[[[1],[-1]],[[0],[0]],[[0],[0]],[[0],[0]]],"y":[1,0],"loss":"last"}' > batch.json
  $ vanish gradients --model model.json --batch batch.json
  $ vanish gradients --model model.json --batch batch.json --dtype float32
  $ echo '{"x":[[[1]],[[0]],[[0]]],"y":[[0],[1],[1]],"loss":"all"}' > steps.json
  $ vanish gradients --model model.json --batch steps.json

The model file holds {cell, inputSize, hiddenSize, outputSize, stateDict} with PyTorch's parameter names and shapes
(weight_ih_l0 [gates·H, I], weight_hh_l0 [gates·H, H], bias_ih_l0, bias_hh_l0, head.weight [O, H], head.bias [O]);
the batch file {x [T][B][I], y [B] (loss "last") or [T][B] (loss "all"), loss}. One line of JSON comes out:
{"loss", "grads" (the stateDict's keys and shapes), "hiddenGradNorms" (‖dL/dh_t‖ over the batch for t = 1…T)}.
In the first example ‖dL/dh_t‖ falls from 1.36 at t = 4 to 0.74 at t = 1: the gradient shrinks as it goes back.`;

interface GradientsOptions {
  model: string;
  batch: string;
  dtype: "float32" | "float64";
}

/**
 * `vanish gradients --model MODEL.json --batch BATCH.json [--dtype float64|float32]`: reads the docs/interchange.md
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
    .addHelpText("after", EXAMPLES)
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
