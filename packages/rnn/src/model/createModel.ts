import { Random, Tensor, identityInit, orthogonal, randn, scaledNormal, uniformInit } from "@vanish/core";
import { CELLS, cellOf, gateCount } from "../cells/registry";
import { describe } from "../describe";
import { parameterShapes, resolveConfig, type ModelConfig } from "./config";
import { RecurrentModel } from "./RecurrentModel";

/** How to initialise each `[H, H]` gate block of `weight_hh` (everything else always follows PyTorch). */
export type RecurrentInit =
  /** PyTorch's default U(−1/√H, 1/√H). */
  | { kind: "uniform" }
  /** N(0, (scale/√H)²) per block (core's `scaledNormal`): spectral radius ≈ `scale` for large H. */
  | { kind: "scaledNormal"; scale: number }
  /** A random orthogonal block times `gain` (Saxe et al. 2014; core's `orthogonal`). */
  | { kind: "orthogonal"; gain?: number }
  /** `scale`·I per block (the IRNN of Le et al. 2015; core's `identityInit`). */
  | { kind: "identity"; scale?: number };

export interface InitOptions {
  /** `weight_hh` initialisation (default `{ kind: "uniform" }`, PyTorch's). */
  recurrent?: RecurrentInit;
  /**
   * LSTM only: the forget gate's total bias. It is written to `bias_ih`'s f block and `bias_hh`'s f block is
   * zeroed (Gers et al. 2000; Jozefowicz et al. 2015 recommend 1). PyTorch has no such option; default: off.
   */
  forgetBias?: number;
}

/**
 * A model initialised as PyTorch does, drawing from `rng` in `state_dict` order: every recurrent weight and
 * bias U(−1/√H, 1/√H) (`nn.RNN`/`nn.LSTM`/`nn.GRU`), `embedding.weight` N(0, 1) (`nn.Embedding`), and
 * `head.weight`, `head.bias` U(−1/√H, 1/√H) (`nn.Linear`'s bound 1/√fan_in). The same seed gives the same
 * weights every time; they do not equal PyTorch's for the same seed (different generators).
 *
 * @example
 * const model = createModel({ cell: "lstm", inputSize: 16, hiddenSize: 64, outputSize: 2 }, new Random(0));
 */
export function createModel(config: ModelConfig, rng: Random, init: InitOptions = {}): RecurrentModel {
  const fn = "createModel";
  const c = resolveConfig(fn, config);
  if (!(rng instanceof Random)) throw new TypeError(`${fn}: rng must be a Random (e.g. new Random(0)), got ${describe(rng)}`);
  const recurrent = init.recurrent ?? { kind: "uniform" };
  checkRecurrentInit(fn, recurrent);
  if (init.forgetBias !== undefined) {
    if (cellOf(c.cell).forgetGate === null) {
      const cells = Object.entries(CELLS).filter(([, cell]) => cell.forgetGate !== null).map(([name]) => JSON.stringify(name));
      throw new TypeError(`${fn}: init.forgetBias applies to ${cells.join(", ")} cells only, got cell ${JSON.stringify(c.cell)}`);
    }
    if (typeof init.forgetBias !== "number" || !Number.isFinite(init.forgetBias)) {
      throw new RangeError(`${fn}: init.forgetBias must be a finite number, got ${describe(init.forgetBias)}`);
    }
  }
  const H = c.hiddenSize;
  const bound = 1 / Math.sqrt(H);
  const dtype = c.dtype;
  const params: Record<string, Tensor> = {};
  for (const [name, shape] of parameterShapes(c)) {
    if (name === "embedding.weight") params[name] = randn(shape, rng, { dtype });
    else if (name.startsWith("weight_hh") && recurrent.kind !== "uniform") params[name] = recurrentWeight(recurrent, gateCount(c.cell), H, rng, dtype);
    else params[name] = uniformInit(shape, rng, { bound, dtype });
  }
  if (init.forgetBias !== undefined) {
    const f = cellOf(c.cell).forgetGate! * H;
    for (let k = 0; k < c.numLayers; k++) {
      params[`bias_ih_l${k}`].data.fill(init.forgetBias, f, f + H);
      params[`bias_hh_l${k}`].data.fill(0, f, f + H);
    }
  }
  return new RecurrentModel(c, params);
}

function checkRecurrentInit(fn: string, r: RecurrentInit): void {
  const kinds = ["uniform", "scaledNormal", "orthogonal", "identity"];
  if (!r || typeof r !== "object" || !kinds.includes(r.kind)) {
    throw new TypeError(`${fn}: init.recurrent.kind must be one of "uniform", "scaledNormal", "orthogonal", "identity", got ${describe((r as { kind?: unknown })?.kind)}`);
  }
  const value = r.kind === "scaledNormal" ? r.scale : r.kind === "orthogonal" ? (r.gain ?? 1) : r.kind === "identity" ? (r.scale ?? 1) : 0;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    const key = r.kind === "orthogonal" ? "gain" : "scale";
    throw new RangeError(`${fn}: init.recurrent.${key} must be a finite number, got ${describe(value)}`);
  }
}

/** `[G·H, H]` with every `[H, H]` gate block drawn from the chosen initialiser. */
function recurrentWeight(r: RecurrentInit, G: number, H: number, rng: Random, dtype: "float32" | "float64"): Tensor {
  const out = new Tensor(dtype === "float64" ? new Float64Array(G * H * H) : new Float32Array(G * H * H), [G * H, H]);
  for (let g = 0; g < G; g++) {
    const block =
      r.kind === "scaledNormal"
        ? scaledNormal([H, H], rng, { scale: r.scale, dtype })
        : r.kind === "orthogonal"
          ? orthogonal([H, H], rng, { gain: r.gain ?? 1, dtype })
          : identityInit([H, H], { scale: (r as { scale?: number }).scale ?? 1, dtype });
    out.data.set(block.data, g * H * H);
  }
  return out;
}
