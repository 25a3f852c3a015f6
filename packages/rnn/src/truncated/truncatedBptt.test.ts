import { Random, SGD, Tensor, randn } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose, expectGradcheck, gradsOf, randomBatch, smallModel } from "../../test/helpers";
import { CELL_TYPES } from "../cells/registry";
import { lossAndGrad } from "../fast/lossAndGrad";
import type { ModelConfig } from "../model/config";
import type { RecurrentModel } from "../model/RecurrentModel";
import { referenceLoss } from "../reference/referenceLoss";
import type { SequenceBatch } from "../batch/SequenceBatch";
import { truncatedBptt, type TruncationOptions } from "./truncatedBptt";

const base = { inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers: 2, dtype: "float64" } as const;

/** Each window's gradients (copied in onWindow, then zeroed, so no weight changes between windows). */
function windowGrads(model: RecurrentModel, batch: SequenceBatch, options: Omit<TruncationOptions, "onWindow">) {
  const out: { start: number; end: number; lossFrom: number; loss: number; grads: Float64Array[] }[] = [];
  const m = model.clone();
  truncatedBptt(m, batch, {
    ...options,
    onWindow: (w) => {
      out.push({ start: w.start, end: w.end, lossFrom: w.lossFrom, loss: w.loss, grads: m.parameters().map((p) => Float64Array.from(p.grad!.data)) });
      m.zeroGrad();
    },
  });
  return out;
}

/** The reference path on one window: forward from the state the full sequence has at `start − 1` (stateful) or from zeros. */
function referenceWindow(model: RecurrentModel, batch: SequenceBatch, w: { start: number; end: number; lossFrom: number }, stateful: boolean) {
  let h0: Tensor | undefined;
  let c0: Tensor | undefined;
  if (stateful && w.start > 0) {
    const pre = referenceLoss(model, batch, { start: 0, steps: w.start, lossFrom: Infinity });
    const B = pre.finalHidden[0].shape[0];
    const stack = (ts: Tensor[]) => new Tensor(Float64Array.from(ts.flatMap((t) => Array.from(t.toArray() as number[][]).flat())), [ts.length, B, model.hiddenSize]);
    h0 = stack(pre.finalHidden);
    if (model.cell === "lstm") c0 = stack(pre.finalCell);
  }
  let loss = NaN;
  const grads = gradsOf(model, (m) => {
    const r = referenceLoss(m, { ...batch, h0, c0 }, { start: w.start, steps: w.end - w.start, lossFrom: w.lossFrom });
    loss = r.loss.item();
    r.loss.backward();
  });
  return { loss, grads: [...grads.values()] };
}

describe.each(CELL_TYPES)("truncatedBptt with %s", (cell) => {
  const config: ModelConfig = { ...base, cell };

  it("with k1 = k2 = T is full BPTT", () => {
    const model = smallModel(config, 1);
    const batch = randomBatch(config, 9, 3, new Random(1), { loss: "all" });
    const [w] = windowGrads(model, batch, { k1: 9 });
    const full = gradsOf(model, (m) => lossAndGrad(m, batch));
    expect([w.start, w.end, w.lossFrom]).toEqual([0, 9, 0]);
    [...full.values()].forEach((g, i) => expectClose(w.grads[i], g));
  });

  it.each([
    [3, 3, true],
    [3, 5, true],
    [2, 7, false],
    [4, 4, false],
  ])("BPTT with k1 = %i, k2 = %i, stateful %s: every window equals the reference path on that window", (k1, k2, stateful) => {
    const model = smallModel(config, 2);
    const batch = randomBatch(config, 10, 2, new Random(k1 * 10 + k2), { loss: "all", mask: Float64Array.from({ length: 20 }, (_, k) => (k % 7 === 3 ? 0 : 1)) });
    const windows = windowGrads(model, batch, { k1, k2, stateful });
    // Windows end every k1 steps (the last one at T), reach back k2 steps, and count k1 steps of loss.
    const ends = Array.from({ length: Math.ceil(10 / k1) }, (_, i) => Math.min((i + 1) * k1, 10));
    expect(windows.map((w) => w.end)).toEqual(ends);
    expect(windows.map((w) => w.start)).toEqual(ends.map((e) => Math.max(0, e - k2)));
    expect(windows.map((w) => w.lossFrom)).toEqual(ends.map((_, i) => (i === 0 ? 0 : ends[i - 1])));
    for (const w of windows) {
      const ref = referenceWindow(model, batch, w, stateful);
      expectClose(w.loss, ref.loss);
      w.grads.forEach((g, i) => expectClose(g, ref.grads[i]));
    }
  });
});

describe("truncatedBptt", () => {
  const config: ModelConfig = { ...base, numLayers: 1, cell: "lstm" };

  it("a window's gradient passes gradcheck as the gradient of the window loss with the carried state held constant", () => {
    const model = smallModel({ ...config, hiddenSize: 3 }, 3);
    const batch = randomBatch(config, 8, 2, new Random(4), { loss: "all" });
    const windows = windowGrads(model, batch, { k1: 3, k2: 5 });
    const w = windows[1]; // steps [1, 6), loss at [3, 6)
    expect([w.start, w.end, w.lossFrom]).toEqual([1, 6, 3]);
    // The same window as an ordinary batch: x[1..5], initial state h_0, loss at local steps 2..4.
    const pre = lossAndGrad(model.clone(), { x: sliceSteps(batch.x!, 0, 1), targets: [0, 0] }, { grad: false, returnState: true }).finalState!;
    const sub: SequenceBatch = {
      x: sliceSteps(batch.x!, 1, 6),
      h0: pre.h,
      c0: pre.c!,
      loss: [2, 3, 4],
      targets: (batch.targets as Int32Array).slice(3 * 2, 6 * 2),
    };
    const direct = gradsOf(model, (m) => lossAndGrad(m, sub));
    [...direct.values()].forEach((g, i) => expectClose(w.grads[i], g));
    expectGradcheck(model, sub);
  });

  it("returns the final state to carry into the next batch, equal to a full forward pass's", () => {
    const model = smallModel(config, 5);
    const batch = randomBatch(config, 7, 2, new Random(6));
    const r = truncatedBptt(model.clone(), batch, { k1: 2, k2: 3 });
    const full = lossAndGrad(model.clone(), batch, { returnState: true }).finalState!;
    expectClose(r.finalState.h.data, full.h.data);
    expectClose(r.finalState.c!.data, full.c!.data);
    expect(r.windows).toHaveLength(4);
    expect(r.windows.slice(0, 3).every((w) => w.weight === 0 && w.loss === 0)).toBe(true);
    expectClose(r.loss, r.windows[3].loss);
  });

  it("trains with an optimiser step per window", () => {
    const model = smallModel({ ...config, outputSize: 2, hiddenSize: 8 }, 7);
    // A learnable target: the class at step t is whether x[t, b, 0] > 0.
    const x = randn([12, 8, 3], new Random(8), { dtype: "float64" });
    const batch: SequenceBatch = { x, loss: "all", targets: Int32Array.from({ length: 96 }, (_, k) => (x.data[k * 3] > 0 ? 1 : 0)) };
    const sgd = new SGD(model.parameters(), { lr: 0.5 });
    const before = lossAndGrad(model, batch, { grad: false }).loss;
    for (let epoch = 0; epoch < 30; epoch++) {
      truncatedBptt(model, batch, {
        k1: 4,
        k2: 6,
        onWindow: () => {
          sgd.step();
          sgd.zeroGrad();
        },
      });
    }
    expect(lossAndGrad(model, batch, { grad: false }).loss).toBeLessThan(before / 2);
  });

  it.each<[string, Partial<TruncationOptions>, string]>([
    ["k1 = 0", { k1: 0 }, "truncatedBptt: options.k1 must be an integer >= 1, got 0"],
    ["a fractional k1", { k1: 2.5 }, "truncatedBptt: options.k1 must be an integer >= 1, got 2.5"],
    ["k2 < k1", { k1: 3, k2: 2 }, "truncatedBptt: options.k2 must be an integer >= options.k1 (3), got 2"],
    ["a non-function onWindow", { k1: 3, onWindow: 1 as never }, "truncatedBptt: options.onWindow must be a function, got 1"],
  ])("rejects %s", (_, options, message) => {
    const model = smallModel(config);
    expect(() => truncatedBptt(model, randomBatch(config, 4, 1, new Random(0)), options as TruncationOptions)).toThrow(message);
  });
});

function sliceSteps(x: Tensor, from: number, to: number): Tensor {
  const per = x.shape[1] * x.shape[2];
  return new Tensor(Float64Array.from(x.data.subarray(from * per, to * per)), [to - from, x.shape[1], x.shape[2]]);
}
