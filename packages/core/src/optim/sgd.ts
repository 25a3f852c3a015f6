import type { TypedArray } from "../dtype";
import type { Tensor } from "../tensor/Tensor";
import { Optimizer, checkHyper } from "./optimizer";

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
}

/** Stochastic gradient descent with `torch.optim.SGD`'s exact rule (momentum buffer starts as the first gradient). */
export class SGD extends Optimizer {
  protected readonly type = "sgd";
  lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;

  constructor(params: readonly Tensor[], options: SGDOptions) {
    super(params);
    this.lr = checkHyper("SGD", "options.lr", options?.lr, 0);
    this.momentum = checkHyper("SGD", "options.momentum", options.momentum ?? 0, 0);
    this.dampening = checkHyper("SGD", "options.dampening", options.dampening ?? 0, 0, 1);
    this.weightDecay = checkHyper("SGD", "options.weightDecay", options.weightDecay ?? 0, 0);
    this.nesterov = options.nesterov ?? false;
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new RangeError(`SGD: nesterov needs momentum > 0 and dampening = 0, got momentum=${this.momentum}, dampening=${this.dampening}`);
    }
  }

  protected update(i: number, p: TypedArray, g: TypedArray, gOff: number, n: number): void {
    const { lr, momentum: mu, dampening, nesterov, weightDecay: wd } = this;
    if (mu === 0) {
      for (let k = 0; k < n; k++) p[k] -= lr * (g[gOff + k] + wd * p[k]);
      return;
    }
    const first = !this.buffers[i].has("momentum_buffer");
    const buf = this.buffer(i, "momentum_buffer");
    for (let k = 0; k < n; k++) {
      const d = g[gOff + k] + wd * p[k];
      const b = first ? d : mu * buf[k] + (1 - dampening) * d;
      buf[k] = b;
      p[k] -= lr * (nesterov ? d + mu * b : b);
    }
  }
}
