// The sweep both benches time: 8 runs (4 cells × 2 seeds) of the adding problem at T = 25, hidden 32, batch 32,
// 1000 steps — about 2 s a run on the development machine.
import { expandSweep } from "../src/runs/sweep";

export const sweepJobs = expandSweep({
  base: { task: { name: "adding", preset: "default" }, hiddenSize: 32, batchSize: 32, steps: 1000, logEvery: 20, evalBatches: 2 },
  grid: { cell: ["rnn_tanh", "lstm", "gru", "rnn_relu"] },
  seeds: [0, 1],
});

export const sweepLabel = "adding T=25, hidden 32, batch 32, 1000 steps";
