import { trainRun, NonFiniteError } from "../src/engine/index";
for (const scale of [2, 3]) for (const lr of [0.1, 1]) {
  try {
    const s = await trainRun({ task: { name: "adding", preset: "easy" }, cell: "rnn_relu", hiddenSize: 8, recurrentInit: { kind: "scaledNormal", scale }, optimizer: { name: "sgd", lr }, steps: 50, batchSize: 8, logEvery: 5 });
    console.log(scale, lr, "completed", s.finalLoss);
  } catch (e) { console.log(scale, lr, (e as NonFiniteError).step, (e as Error).message.slice(0, 80)); }
}
const s = await trainRun({ task: { name: "adding", preset: "easy" }, cell: "rnn_relu", hiddenSize: 8, recurrentInit: { kind: "scaledNormal", scale: 3 }, optimizer: { name: "sgd", lr: 1 }, steps: 50, batchSize: 8, logEvery: 5, nonFinite: "skip" });
console.log(s.skippedSteps, s.nonFiniteSteps, s.finalLoss);
const c = await trainRun({ task: { name: "adding", preset: "easy" }, cell: "rnn_relu", hiddenSize: 8, recurrentInit: { kind: "scaledNormal", scale: 3 }, optimizer: { name: "sgd", lr: 1 }, clip: "norm:1", steps: 50, batchSize: 8, logEvery: 5 });
console.log(c.clippedSteps, c.finalLoss);
