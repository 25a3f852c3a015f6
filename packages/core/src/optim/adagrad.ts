import type { TypedArray } from "../dtype";
import type { Tensor } from "../tensor/Tensor";
import { Optimizer, checkHyper } from "./optimizer";

export interface AdagradOptions {
  lr?: number;
  lrDecay?: number;
  weightDecay?: number;
  initialAccumulatorValue?: number;
  eps?: number;
}

/** Adagrad (Duchi et al. 2011) with `torch.optim.Adagrad`'s rule: `clr = lr / (1 + (t−1)·lr_decay)`. */
export class Adagrad extends Optimizer {
  protected readonly type = "adagrad";
  lr: number;
  readonly lrDecay: number;
  readonly weightDecay: number;
  readonly initialAccumulatorValue: number;
  readonly eps: number;

  constructor(params: readonly Tensor[], options: AdagradOptions = {}) {
    super(params);
    this.lr = checkHyper("Adagrad", "options.lr", options.lr ?? 1e-2, 0);
    this.lrDecay = checkHyper("Adagrad", "options.lrDecay", options.lrDecay ?? 0, 0);
    this.weightDecay = checkHyper("Adagrad", "options.weightDecay", options.weightDecay ?? 0, 0);
    this.initialAccumulatorValue = checkHyper("Adagrad", "options.initialAccumulatorValue", options.initialAccumulatorValue ?? 0, 0);
    this.eps = checkHyper("Adagrad", "options.eps", options.eps ?? 1e-10, 0);
  }

  protected update(i: number, p: TypedArray, g: TypedArray, gOff: number, n: number): void {
    const { lr, lrDecay, weightDecay: wd, eps } = this;
    const fresh = !this.buffers[i].has("sum");
    const acc = this.buffer(i, "sum");
    if (fresh && this.initialAccumulatorValue !== 0) acc.fill(this.initialAccumulatorValue);
    const clr = lr / (1 + (this.stepCount - 1) * lrDecay);
    for (let k = 0; k < n; k++) {
      const gk = g[gOff + k] + wd * p[k];
      acc[k] += gk * gk;
      p[k] -= (clr * gk) / (Math.sqrt(acc[k]) + eps);
    }
  }
}
