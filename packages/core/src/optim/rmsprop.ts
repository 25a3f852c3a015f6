import type { TypedArray } from "../dtype";
import type { Tensor } from "../tensor/Tensor";
import { Optimizer, checkHyper } from "./optimizer";

export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
}

/** RMSprop (Hinton's lecture 6e) with `torch.optim.RMSprop`'s rule: ε added after the square root. */
export class RMSprop extends Optimizer {
  protected readonly type = "rmsprop";
  lr: number;
  readonly alpha: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly momentum: number;
  readonly centered: boolean;

  constructor(params: readonly Tensor[], options: RMSpropOptions = {}) {
    super(params);
    this.lr = checkHyper("RMSprop", "options.lr", options.lr ?? 1e-2, 0);
    this.alpha = checkHyper("RMSprop", "options.alpha", options.alpha ?? 0.99, 0, 1);
    this.eps = checkHyper("RMSprop", "options.eps", options.eps ?? 1e-8, 0);
    this.weightDecay = checkHyper("RMSprop", "options.weightDecay", options.weightDecay ?? 0, 0);
    this.momentum = checkHyper("RMSprop", "options.momentum", options.momentum ?? 0, 0);
    this.centered = options.centered ?? false;
  }

  protected update(i: number, p: TypedArray, g: TypedArray, gOff: number, n: number): void {
    const { lr, alpha, eps, weightDecay: wd, momentum: mu, centered } = this;
    const sq = this.buffer(i, "square_avg");
    const ga = centered ? this.buffer(i, "grad_avg") : null;
    const buf = mu > 0 ? this.buffer(i, "momentum_buffer") : null;
    for (let k = 0; k < n; k++) {
      const gk = g[gOff + k] + wd * p[k];
      sq[k] = alpha * sq[k] + (1 - alpha) * gk * gk;
      let avg: number;
      if (ga) {
        ga[k] = alpha * ga[k] + (1 - alpha) * gk;
        avg = Math.sqrt(sq[k] - ga[k] * ga[k]) + eps;
      } else avg = Math.sqrt(sq[k]) + eps;
      if (buf) {
        buf[k] = mu * buf[k] + gk / avg;
        p[k] -= lr * buf[k];
      } else p[k] -= (lr * gk) / avg;
    }
  }
}
