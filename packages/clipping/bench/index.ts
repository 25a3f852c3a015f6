// Microseconds per call of the clipping functions on two gradient sets (float32):
//   rnn  — a T50/H64 vanilla RNN, input 16, 2 classes: W_ih [64,16], W_hh [64,64], b_ih [64], b_hh [64],
//          head [2,64], [2] (5,378 elements; T does not change the gradient sizes)
//   1M   — a 1,049,600-element model: two [512,1024] weights and two [512] biases
// Run: pnpm bench (from this package or the root). Each number is the median of 7 batches of at least 40 ms of
// CPU time.
import { Random, randn, type Tensor } from "@vanish/core";
import {
  adaptiveGradClip,
  clipByGlobalNorm,
  clipGradNorm,
  clipGradNormPerTensor,
  clipGradValue,
  getTotalNorm,
  parseClipSpec,
} from "../src/index";

/**
 * CPU time (user + system, from `process.cpuUsage`) per call in µs: the median of 7 batches of at least `minMs` of
 * CPU time. CPU time rather than wall time, because the 2 cores of these machines are shared and other processes
 * stretch wall time far more than the CPU time this process itself spends.
 */
function microseconds(fn: () => void, minMs = 40): number {
  for (let i = 0; i < 20; i++) fn();
  const times: number[] = [];
  for (let batch = 0; batch < 7; batch++) {
    let reps = 0;
    const c0 = process.cpuUsage();
    let used = 0;
    do {
      fn();
      reps++;
      if ((reps & 7) === 0) {
        const c = process.cpuUsage(c0);
        used = c.user + c.system;
      }
    } while (used < minMs * 1000);
    times.push(used / reps);
  }
  times.sort((a, b) => a - b);
  return times[3];
}

function model(shapes: number[][], seed: number): { grads: Tensor[]; params: Tensor[] } {
  const rng = new Random(seed);
  return {
    grads: shapes.map((s) => randn(s, rng, { std: 0.1 })),
    params: shapes.map((s) => randn(s, rng, { std: 0.1 })),
  };
}

const sets: Record<string, number[][]> = {
  rnn: [[64, 16], [64, 64], [64], [64], [2, 64], [2]],
  "1M": [[512, 1024], [512, 1024], [512], [512]],
};

const agcOptions = { clipping: 0.01 };
console.log(`Node ${process.version}, float32, µs of CPU time per call (median of 7 batches)`);
console.log("case".padEnd(44) + Object.keys(sets).map((k) => k.padStart(12)).join(""));
const rows: [string, (m: { grads: Tensor[]; params: Tensor[] }) => () => void][] = [
  ["getTotalNorm (one pass)", ({ grads }) => () => void getTotalNorm(grads)],
  ["clipGradNorm, below the threshold", ({ grads }) => () => void clipGradNorm(grads, 1e30)],
  ["clipGradNorm, clipping (two passes)", ({ grads }) => () => void clipGradNorm(grads, 1)],
  ["clipGradNorm type=inf, clipping", ({ grads }) => () => void clipGradNorm(grads, 1e-3, { normType: Infinity })],
  ["clipByGlobalNorm (TF), clipping", ({ grads }) => () => void clipByGlobalNorm(grads, 1)],
  ["clipGradNormPerTensor", ({ grads }) => () => void clipGradNormPerTensor(grads, 0.5)],
  ["clipGradValue", ({ grads }) => () => void clipGradValue(grads, 0.05)],
  ["adaptiveGradClip (AGC, λ 0.01)", ({ grads, params }) => () => void adaptiveGradClip(grads, params, agcOptions)],
  ["strategy norm:1 .apply (with stats)", ({ grads }) => {
    const s = parseClipSpec("norm:1");
    return () => void s.apply(grads);
  }],
  ["strategy zeroNans>agc:0.01>norm:1 .apply", ({ grads, params }) => {
    const s = parseClipSpec("zeroNans>agc:0.01>norm:1");
    const context = { params };
    return () => void s.apply(grads, context);
  }],
];
for (const [name, make] of rows) {
  const cells = Object.values(sets).map((shapes, k) => microseconds(make(model(shapes, 42 + k))));
  console.log(name.padEnd(44) + cells.map((us) => us.toFixed(us < 100 ? 2 : 0).padStart(12)).join(""));
}
