import { Tensor, isTensor, type DType } from "@vanish/core";
import type { CellType } from "../cells/registry";
import { describe, fmt } from "../describe";
import { parameterShapes, resolveConfig, type ModelConfig, type ResolvedConfig } from "./config";

/** One recurrent layer's parameters (PyTorch layout, gate blocks stacked along the rows). */
export interface LayerParameters {
  /** `[G·H, I_k]` */
  readonly weightIh: Tensor;
  /** `[G·H, H]` */
  readonly weightHh: Tensor;
  /** `[G·H]` */
  readonly biasIh: Tensor;
  /** `[G·H]` */
  readonly biasHh: Tensor;
}

/**
 * A sequence model: optional embedding → `numLayers` stacked RNN/LSTM/GRU layers → a linear head, with
 * PyTorch's parameter names, shapes and gate order (so a `state_dict` moves between the two unchanged).
 *
 * Parameters are core {@link Tensor}s with `requiresGrad` set. The fast path ({@link lossAndGrad}) adds into
 * their `grad` (allocated once, then reused), so core's optimisers (`SGD`, `Adam`, …) and `zeroGrad` work
 * unchanged; the reference path ({@link referenceLoss}) reaches the same tensors through core's autodiff.
 *
 * Build one with {@link createModel} (seeded initialisation) or from named tensors with this constructor.
 */
export class RecurrentModel {
  readonly config: ResolvedConfig;
  readonly cell: CellType;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly outputSize: number;
  readonly numLayers: number;
  readonly vocabSize: number;
  readonly dtype: DType;
  readonly layers: readonly LayerParameters[];
  /** `[vocabSize, inputSize]`, or null for dense input. */
  readonly embedding: Tensor | null;
  /** `[O, H]` */
  readonly headWeight: Tensor;
  /** `[O]` */
  readonly headBias: Tensor;
  private readonly named: readonly (readonly [string, Tensor])[];

  /**
   * A model whose parameters are the given tensors (used as they are when dense, copied
   * otherwise). Every expected name must be present with its exact shape, and nothing else; the error
   * lists each mismatch.
   */
  constructor(config: ModelConfig, parameters: Readonly<Record<string, Tensor>>) {
    const fn = "RecurrentModel";
    this.config = resolveConfig(fn, config);
    ({ cell: this.cell, inputSize: this.inputSize, hiddenSize: this.hiddenSize, outputSize: this.outputSize } = this.config);
    ({ numLayers: this.numLayers, vocabSize: this.vocabSize, dtype: this.dtype } = this.config);
    if (!parameters || typeof parameters !== "object") {
      throw new TypeError(`${fn}: parameters must be an object of named Tensors, got ${describe(parameters)}`);
    }
    checkParameters(fn, this.config, parameters);
    const named = parameterShapes(this.config).map(([name]) => [name, own(parameters[name])] as const);
    this.named = named;
    const get = (name: string) => named.find(([n]) => n === name)![1];
    this.embedding = this.vocabSize > 0 ? get("embedding.weight") : null;
    this.layers = Array.from({ length: this.numLayers }, (_, k) => ({
      weightIh: get(`weight_ih_l${k}`),
      weightHh: get(`weight_hh_l${k}`),
      biasIh: get(`bias_ih_l${k}`),
      biasHh: get(`bias_hh_l${k}`),
    }));
    this.headWeight = get("head.weight");
    this.headBias = get("head.bias");
  }

  /** `[name, tensor]` pairs in `state_dict` order. */
  namedParameters(): [string, Tensor][] {
    return this.named.map(([n, t]) => [n, t]);
  }

  /** The parameter tensors in `state_dict` order (pass them to an optimiser). */
  parameters(): Tensor[] {
    return this.named.map(([, t]) => t);
  }

  /** The parameters by name (the tensors themselves, not copies). */
  stateDict(): Record<string, Tensor> {
    return Object.fromEntries(this.named);
  }

  /** Zero-fills every allocated `grad` in place (as `optimizer.zeroGrad()` does). */
  zeroGrad(): void {
    for (const [, t] of this.named) if (t.grad) t.grad.data.fill(0);
  }

  /** An independent copy of the parameters (grads are not copied). */
  clone(): RecurrentModel {
    return new RecurrentModel(this.config, Object.fromEntries(this.named.map(([n, t]) => [n, t.clone()])));
  }

  /** Allocates the zero `grad` of every parameter that has none yet (the fast path calls it once). */
  ensureGrads(): void {
    for (const [, t] of this.named) {
      if (!t.grad || t.grad.size !== t.size || !t.grad.isContiguous() || t.grad.offset !== 0 || t.grad.dtype !== t.dtype) {
        t.grad = new Tensor(t.dtype === "float64" ? new Float64Array(t.size) : new Float32Array(t.size), t.shape);
      }
    }
  }

}

/** Checks names, kinds, dtypes and shapes against the config and reports every mismatch at once. */
export function checkParameters(fn: string, config: ResolvedConfig, parameters: Readonly<Record<string, unknown>>): void {
  const expected = parameterShapes(config);
  const problems: string[] = [];
  let kind = false;
  for (const [name, shape] of expected) {
    const t = parameters[name];
    if (t === undefined) problems.push(`missing ${name} ${fmt(shape)}`);
    else if (!isTensor(t, fn, `parameters.${name}`)) {
      problems.push(`${name} must be a Tensor, got ${describe(t)}`);
      kind = true;
    } else if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      problems.push(`${name} must have shape ${fmt(shape)}, got ${fmt(t.shape)}`);
    } else if (t.dtype !== config.dtype) {
      problems.push(`${name} must be ${config.dtype}, got ${t.dtype}`);
      kind = true;
    }
  }
  const names = new Set(expected.map(([n]) => n));
  for (const name of Object.keys(parameters)) if (!names.has(name)) problems.push(`unexpected ${name}`);
  if (problems.length > 0) {
    const message = `${fn}: parameters do not match the config (${config.cell}, ${config.numLayers} layer(s), I=${config.inputSize}, H=${config.hiddenSize}, O=${config.outputSize}${config.vocabSize ? `, vocab ${config.vocabSize}` : ""}): ${problems.join("; ")}`;
    throw kind ? new TypeError(message) : new RangeError(message);
  }
}

/** The tensor itself when it owns dense data, otherwise a dense copy; marked as requiring grad. */
function own(t: Tensor): Tensor {
  const dense = t.isContiguous() && t.offset === 0 && t.data.length === t.size ? t : t.clone();
  dense.requiresGrad = true;
  return dense;
}
