import type { TypedArray } from "../dtype";
import type { Tensor } from "../tensor/Tensor";
import { Optimizer, checkHyper } from "./optimizer";

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
}

/**
 * Adam (Kingma & Ba 2015) with `torch.optim.Adam`'s rule: bias-corrected moments and ε added after the
 * square root, `p −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)`. Weight decay is L2 (added to the gradient).
 */
export class Adam extends Optimizer {
  protected readonly type: string = "adam";
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  /** AdamW decouples weight decay (Loshchilov & Hutter 2019). */
  protected readonly decoupled: boolean = false;

  constructor(params: readonly Tensor[], options: AdamOptions = {}, name = "Adam") {
    super(params);
    this.lr = checkHyper(name, "options.lr", options.lr ?? 1e-3, 0);
    const [b1, b2] = options.betas ?? [0.9, 0.999];
    this.beta1 = checkHyper(name, "options.betas[0]", b1, 0, 1);
    this.beta2 = checkHyper(name, "options.betas[1]", b2, 0, 1);
    if (b1 === 1 || b2 === 1) throw new RangeError(`${name}: options.betas must be < 1, got [${b1}, ${b2}]`);
    this.eps = checkHyper(name, "options.eps", options.eps ?? 1e-8, 0);
    this.weightDecay = checkHyper(name, "options.weightDecay", options.weightDecay ?? (name === "AdamW" ? 1e-2 : 0), 0);
    this.amsgrad = options.amsgrad ?? false;
  }

  protected update(i: number, p: TypedArray, g: TypedArray, gOff: number, n: number): void {
    const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd, amsgrad, decoupled } = this;
    const t = this.stepCount;
    const m = this.buffer(i, "exp_avg");
    const v = this.buffer(i, "exp_avg_sq");
    const vmax = amsgrad ? this.buffer(i, "max_exp_avg_sq") : null;
    const bc1 = 1 - Math.pow(b1, t);
    const bc2sqrt = Math.sqrt(1 - Math.pow(b2, t));
    const stepSize = lr / bc1;
    for (let k = 0; k < n; k++) {
      let gk = g[gOff + k];
      if (decoupled) p[k] *= 1 - lr * wd;
      else if (wd !== 0) gk += wd * p[k];
      m[k] = b1 * m[k] + (1 - b1) * gk;
      v[k] = b2 * v[k] + (1 - b2) * gk * gk;
      let vk = v[k];
      if (vmax) {
        if (vk > vmax[k]) vmax[k] = vk;
        vk = vmax[k];
      }
      p[k] -= (stepSize * m[k]) / (Math.sqrt(vk) / bc2sqrt + eps);
    }
  }
}

/** AdamW: Adam with decoupled weight decay `p ← p·(1 − lr·wd)` (default wd 0.01, as `torch.optim.AdamW`). */
export class AdamW extends Adam {
  protected override readonly type = "adamw";
  protected override readonly decoupled = true;

  constructor(params: readonly Tensor[], options: AdamOptions = {}) {
    super(params, options, "AdamW");
  }
}
