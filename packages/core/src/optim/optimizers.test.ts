import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { Tensor } from "../tensor/Tensor";
import { tensor } from "../tensor/factories";
import { Adagrad } from "./adagrad";
import { Adam, AdamW } from "./adam";
import { RMSprop } from "./rmsprop";
import { SGD } from "./sgd";
import type { Optimizer } from "./optimizer";

/** One parameter p with a fixed gradient sequence; returns p after each step. */
function run(make: (params: Tensor[]) => Optimizer, grads: number[][], p0 = [1, -2]): number[][] {
  const p = tensor(p0, { dtype: "float64", requiresGrad: true });
  const opt = make([p]);
  return grads.map((g) => {
    p.grad = tensor(g, { dtype: "float64" });
    opt.step();
    return Array.from(p.data);
  });
}

const G = [[0.5, -1], [0.25, 2], [-1, 0.5]];

describe("optimisers follow torch.optim's update rules", () => {
  it("SGD: plain, momentum (first buffer = first gradient), dampening, nesterov, weight decay", () => {
    expectClose(run((ps) => new SGD(ps, { lr: 0.1 }), G).at(-1)!, [1 - 0.1 * (0.5 + 0.25 - 1), -2 - 0.1 * (-1 + 2 + 0.5)], { rtol: 1e-15 });
    // momentum 0.9: b1 = g1, b2 = 0.9 b1 + g2, p -= lr b
    const b1 = [0.5, -1];
    const b2 = [0.9 * 0.5 + 0.25, 0.9 * -1 + 2];
    expectClose(run((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9 }), G.slice(0, 2)).at(-1)!, [1 - 0.1 * (b1[0] + b2[0]), -2 - 0.1 * (b1[1] + b2[1])], { rtol: 1e-15 });
    // nesterov: p -= lr (g + mu b)
    const n1 = [0.5 + 0.9 * 0.5, -1 + 0.9 * -1];
    expectClose(run((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true }), G.slice(0, 1))[0], [1 - 0.1 * n1[0], -2 - 0.1 * n1[1]], { rtol: 1e-15 });
    // dampening applies from the second step on
    const d2 = [0.9 * 0.5 + 0.5 * 0.25, 0.9 * -1 + 0.5 * 2];
    expectClose(run((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, dampening: 0.5 }), G.slice(0, 2)).at(-1)!, [1 - 0.1 * (0.5 + d2[0]), -2 - 0.1 * (-1 + d2[1])], { rtol: 1e-15 });
    // weight decay adds wd·p to the gradient
    expectClose(run((ps) => new SGD(ps, { lr: 0.1, weightDecay: 0.5 }), G.slice(0, 1))[0], [1 - 0.1 * (0.5 + 0.5), -2 - 0.1 * (-1 - 1)], { rtol: 1e-15 });
  });

  it("Adam and AdamW: bias correction and ε after the square root", () => {
    const lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    let m = [0, 0], v = [0, 0];
    const p = [1, -2];
    G.forEach((g, t) => {
      m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
      v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] * g[i]);
      for (let i = 0; i < 2; i++) {
        const mh = m[i] / (1 - b1 ** (t + 1));
        const vh = v[i] / (1 - b2 ** (t + 1));
        p[i] -= (lr * mh) / (Math.sqrt(vh) + eps);
      }
    });
    expectClose(run((ps) => new Adam(ps, { lr }), G).at(-1)!, p, { rtol: 1e-12 });
    // AdamW's first step: p·(1 − lr·wd) − lr·sign-ish step (m̂/√v̂ = g/|g| at t = 1)
    expectClose(run((ps) => new AdamW(ps, { lr, weightDecay: 0.1 }), G.slice(0, 1))[0], [1 * (1 - 0.001) - lr * (0.5 / (0.5 + eps)), -2 * (1 - 0.001) + lr * (1 / (1 + eps))], { rtol: 1e-12 });
    // amsgrad keeps the running maximum of v
    const ams = run((ps) => new Adam(ps, { lr, amsgrad: true }), [[1, 1], [0.001, 0.001]]);
    const plain = run((ps) => new Adam(ps, { lr }), [[1, 1], [0.001, 0.001]]);
    expect(Math.abs(ams[1][0] - ams[0][0])).toBeLessThan(Math.abs(plain[1][0] - plain[0][0]));
  });

  it("RMSprop: plain, centered with momentum", () => {
    const lr = 0.01, a = 0.99, eps = 1e-8;
    const sq = (1 - a) * 0.25;
    expectClose(run((ps) => new RMSprop(ps, { lr }), [[0.5, 0]])[0], [1 - (lr * 0.5) / (Math.sqrt(sq) + eps), -2], { rtol: 1e-12 });
    const ga = (1 - a) * 0.5;
    const avg = Math.sqrt(sq - ga * ga) + eps;
    const buf = 0.5 / avg;
    expectClose(run((ps) => new RMSprop(ps, { lr, centered: true, momentum: 0.9 }), [[0.5, 0]])[0], [1 - lr * buf, -2], { rtol: 1e-12 });
  });

  it("Adagrad: accumulated squares and lr decay", () => {
    const lr = 0.1, decay = 0.5, eps = 1e-10;
    const s1 = 0.25, s2 = 0.25 + 0.0625;
    const p1 = 1 - (lr * 0.5) / (Math.sqrt(s1) + eps);
    const p2 = p1 - (lr / (1 + decay)) * 0.25 / (Math.sqrt(s2) + eps);
    expectClose(run((ps) => new Adagrad(ps, { lr, lrDecay: decay }), G.slice(0, 2)).at(-1)![0], p2, { rtol: 1e-12 });
  });

  it("round-trip their state through JSON and continue identically", () => {
    for (const make of [
      (ps: Tensor[]) => new SGD(ps, { lr: 0.1, momentum: 0.9 }),
      (ps: Tensor[]) => new Adam(ps, { lr: 0.01, amsgrad: true }),
      (ps: Tensor[]) => new RMSprop(ps, { centered: true, momentum: 0.5 }),
      (ps: Tensor[]) => new Adagrad(ps, { initialAccumulatorValue: 0.1 }),
    ]) {
      const p = tensor([1, -2], { dtype: "float64", requiresGrad: true });
      const opt = make([p]);
      p.grad = tensor(G[0], { dtype: "float64" });
      opt.step();
      const saved = JSON.parse(JSON.stringify(opt.getState()));
      const q = tensor(Array.from(p.data), { dtype: "float64", requiresGrad: true });
      const opt2 = make([q]);
      opt2.setState(saved);
      for (const g of G.slice(1)) {
        p.grad = tensor(g, { dtype: "float64" });
        q.grad = tensor(g, { dtype: "float64" });
        opt.step();
        opt2.step();
      }
      expect(Array.from(q.data)).toEqual(Array.from(p.data));
    }
  });

  it("zeroGrad keeps the gradient buffers and step skips params without grad", () => {
    const p = tensor([1, 2], { requiresGrad: true });
    const q = tensor([3], { requiresGrad: true });
    const opt = new SGD([p, q], { lr: 1 });
    p.grad = tensor([1, 1]);
    const buf = p.grad;
    opt.step();
    expect(Array.from(q.data)).toEqual([3]);
    opt.zeroGrad();
    expect(p.grad).toBe(buf);
    expect(Array.from(buf.data)).toEqual([0, 0]);
  });

  it("reject bad hyper-parameters and mismatched state", () => {
    const p = tensor([1], { requiresGrad: true });
    expect(() => new SGD([p], { lr: -1 })).toThrow("SGD: options.lr must be a number in [0, Infinity), got -1");
    expect(() => new SGD([p], { lr: 0.1, nesterov: true })).toThrow("SGD: nesterov needs momentum > 0 and dampening = 0, got momentum=0, dampening=0");
    expect(() => new Adam([p], { betas: [0.9, 1] })).toThrow("Adam: options.betas must be < 1, got [0.9, 1]");
    expect(() => new Adam([])).toThrow("Adam: params must be a non-empty array of Tensors");
    expect(() => new Adam([p]).setState({ type: "sgd", step: 0, buffers: [{}] })).toThrow('Adam.setState: state.type must be "adam", got "sgd"');
    expect(() => new Adam([p]).setState({ type: "adam", step: 1, buffers: [{ exp_avg: [1, 2] }] })).toThrow(
      "Adam.setState: state.buffers[0].exp_avg must have 1 values, got 2",
    );
  });
});
