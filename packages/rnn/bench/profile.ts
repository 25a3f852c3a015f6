// `tsx bench/profile.ts [cell] [T] [H] [dtype]`: where one training step's time goes, from V8's sampling
// profiler (node:inspector, in-process): self time per function, grouped into gemm (core's kernels, wasm or
// JavaScript, and the copies that stage heap arrays into wasm memory), the fused layer loops with the cells'
// pointwise kernels, the head and loss, input checks, SGD, and the rest (glue, GC, idle).
import { Random, SGD, randn, type DType } from "@vanish/core";
import { Session } from "node:inspector";
import { createModel, lossAndGrad, type CellType } from "../src/index";

const [cell = "rnn_tanh", T = "50", H = "64", dtype = "float32"] = process.argv.slice(2);
const B = 32;
const rng = new Random(0);
const model = createModel({ cell: cell as CellType, inputSize: 16, hiddenSize: Number(H), outputSize: 2, dtype: dtype as DType }, rng);
const sgd = new SGD(model.parameters(), { lr: 0.01 });
const batch = { x: randn([Number(T), B, 16], rng, { dtype: dtype as DType }), targets: Int32Array.from({ length: B }, () => rng.int(2)) };
const step = () => {
  sgd.zeroGrad();
  lossAndGrad(model, batch);
  sgd.step();
};
for (let i = 0; i < 100; i++) step();

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
}
const session = new Session();
session.connect();
const post = (method: string, params?: object) =>
  new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));

await post("Profiler.enable");
await post("Profiler.setSamplingInterval", { interval: 100 });
await post("Profiler.start");
const steps = 300;
const t0 = performance.now();
for (let i = 0; i < steps; i++) step();
const ms = (performance.now() - t0) / steps;
const { profile } = await post("Profiler.stop");

const byId = new Map<number, Node>(profile.nodes.map((n: Node) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id: number, i: number) => {
  const n = byId.get(id)!;
  const name = n.callFrame.functionName || "(anonymous)";
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(name, (self.get(name) ?? 0) + dt);
  total += dt;
});
// V8 inlines the cells' step kernels into the layer loops, so those are one group.
const groups: Record<string, RegExp> = {
  "gemm (kernels, staging copies)": /^(gemm\w*|microKernel|copyIn|copyOut|wasm-function\[\d+\]|fits|packB)$/,
  "layer loops + cell kernels": /^(forwardLayer|backwardLayer|columnSums|(rnn|lstm|gru)(Forward|Backward)Step|tanh32|sigmoid\d\d)$/,
  "head + loss": /^(headForwardBackward|fillLossRows)$/,
  "input checks": /^resolveBatch$/,
  "SGD + zeroGrad": /^(update|step|zeroGrad)$/,
};
const sums = new Map<string, number>();
for (const [name, t] of self) {
  const g = Object.entries(groups).find(([, re]) => re.test(name))?.[0] ?? "other (glue, GC, idle)";
  sums.set(g, (sums.get(g) ?? 0) + t);
}
console.log(`${cell} T${T} H${H} ${dtype}: ${ms.toFixed(2)} ms/step (${Math.round((B * 1000) / ms)} seq/s)`);
for (const [g, t] of [...sums].sort((a, b) => b[1] - a[1])) console.log(`  ${g.padEnd(24)} ${((100 * t) / total).toFixed(1).padStart(5)}%`);
console.log("  top functions:", [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 8)).map(([n, t]) => `${n} ${((100 * t) / total).toFixed(1)}%`).join(", "));
session.disconnect();
