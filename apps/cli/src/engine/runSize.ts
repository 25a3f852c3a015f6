// What a run will hold in memory, estimated from its config before anything is allocated, so that a size that
// cannot work (`--hidden-size 1e9`, `--knob length=1e9`, `--batch-size 1e8`) is refused at once with the estimate
// instead of dying in a RangeError, swapping, or hanging.
import { constants as bufferConstants } from "node:buffer";
import { totalmem } from "node:os";
import { AgreementGenerator, agreementConfig } from "@vanish/datasets";
import type { RunConfig } from "./config";
import { sequenceTask } from "./taskData";
import type { TaskConfig } from "./taskConfig";

/** Sizes of a run's tensors: the longest sequence, features in and out, and the vocabulary (0: dense input). */
export interface RunDims {
  T: number;
  inputSize: number;
  outputSize: number;
  vocabSize: number;
}

/** Gate blocks per cell (rows of weight_ih / weight_hh in units of H). */
const GATES: Record<RunConfig["cell"], number> = { rnn_tanh: 1, rnn_relu: 1, gru: 3, lstm: 4 };

/** The dimensions a run's tensors will have, computed from the task's config without generating anything. */
export function runDims(config: RunConfig): RunDims {
  const task = config.task as TaskConfig;
  if (task.name === "agreement") {
    const c = agreementConfig({ ...task.knobs, preset: task.preset } as Parameters<typeof agreementConfig>[0]);
    const T = c.prefix[1] + c.nesting[1] * (c.enclosing[1] + 5) + c.distance[1] + 16 + 2;
    // The generator allocates buffers of its longest sentence: only build it (for the vocabulary) when that is sane.
    const vocab = T <= 1_000_000 ? new AgreementGenerator(c).vocabulary.size : 1;
    const lm = c.framing === "lm";
    return { T, inputSize: config.embeddingSize, outputSize: lm ? vocab : 2, vocabSize: vocab };
  }
  const t = sequenceTask(task);
  return { T: t.maxLength, inputSize: t.inputSize, outputSize: t.outputSize, vocabSize: 0 };
}

export interface RunSize {
  /** Estimated bytes the run holds at its peak (weights, gradients, optimiser state, the BPTT tape, data). */
  bytes: number;
  /** Elements of the largest single tensor. */
  largest: number;
  /** The largest tensor's name, for the message. */
  largestName: string;
}

/**
 * An estimate of a run's memory: parameters ×4 (weights, gradients, two optimiser moments), the BPTT tape of a batch
 * (per step and layer: gate pre-activations and activations, hidden and cell state, their gradients), the batch's
 * inputs and outputs (logits and their gradients for every step when the loss is on every step), and the evaluation
 * set. Deliberately rough (within about 2× of what a run uses); it only has to tell 50 MB from 50 GB.
 */
export function estimateRunSize(config: RunConfig, dims: RunDims = runDims(config)): RunSize {
  const bytes = config.dtype === "float64" ? 8 : 4;
  const { T, inputSize: F, outputSize: O, vocabSize: V } = dims;
  const { hiddenSize: H, batchSize: B, layers: L } = config;
  const G = GATES[config.cell];
  const weightHH = G * H * H;
  let params = V * F + H * O + O;
  for (let l = 0; l < L; l++) params += G * H * ((l === 0 ? F : H) + H) + 2 * G * H;
  const tape = T * B * L * (2 * G + 4) * H;
  const io = T * B * (F + 2 * O);
  const evalSet = config.evalBatches * T * B * (V > 0 ? 1 : F + 1);
  const total = (4 * params + 2 * tape + io + evalSet) * bytes;
  const candidates: [string, number][] = [
    ["weight_hh (gates × hidden × hidden)", weightHH],
    ["one batch of inputs (time × batch × features)", T * B * F],
    ["one batch of outputs (time × batch × outputs)", T * B * O],
    ["the embedding (vocabulary × width)", V * F],
  ];
  const [largestName, largest] = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { bytes: total, largest, largestName };
}

/** `1.2 GB`, `340 MB`, `2.1e+06 GB` */
export function formatBytes(n: number): string {
  if (n >= 1e12) return `${(n / 1e9).toPrecision(2)} GB`;
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${Math.round(n / 1e6)} MB`;
  return `${Math.max(1, Math.round(n / 1e3))} kB`;
}

/** The memory a run may use: three quarters of this machine's RAM. */
export function memoryBudget(): number {
  return Math.floor(totalmem() * 0.75);
}

/**
 * Throws a RangeError with the estimate when the run cannot fit: more memory than `budget` (default:
 * {@link memoryBudget}), or a tensor larger than one typed array may be.
 */
export function checkRunSize(config: RunConfig, budget = memoryBudget()): RunSize {
  let dims: RunDims;
  try {
    dims = runDims(config);
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`checkRunSize: the task's sequences are too long to build (${e.message}); lower the length knobs`);
    throw e;
  }
  const size = estimateRunSize(config, dims);
  const where = `hidden ${config.hiddenSize}, batch ${config.batchSize}, ${config.layers} layer${config.layers === 1 ? "" : "s"}, sequences up to ${dims.T} steps, ${config.dtype}`;
  const maxElements = Math.floor(bufferConstants.MAX_LENGTH / (config.dtype === "float64" ? 8 : 4));
  if (size.largest > maxElements) {
    throw new RangeError(`checkRunSize: this run needs a tensor of ${size.largest.toExponential(2)} elements (${size.largestName}; ${where}), more than the ${maxElements.toExponential(2)} one array can hold; lower --hidden-size, --batch-size or the sequence length`);
  }
  if (size.bytes > budget) {
    throw new RangeError(`checkRunSize: this run needs about ${formatBytes(size.bytes)} of memory (${where}), more than the ${formatBytes(budget)} it may use here (3/4 of the machine's memory); lower --hidden-size, --batch-size or the sequence length`);
  }
  return size;
}
