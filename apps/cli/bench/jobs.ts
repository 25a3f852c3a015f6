// The sweep both benches time: 8 runs (4 cells × 2 seeds) of the adding problem at T = 25, hidden 32, batch 32,
// 1000 steps by default (`--steps N` for longer runs, over which the fixed start-up costs weigh less).
import { expandSweep, type SweepJob } from "../src/runs/sweep";

export function sweepJobs(steps = 1000): SweepJob[] {
  return expandSweep({
    base: { task: { name: "adding", preset: "default" }, hiddenSize: 32, batchSize: 32, steps, logEvery: 20, evalBatches: 2 },
    grid: { cell: ["rnn_tanh", "lstm", "gru", "rnn_relu"] },
    seeds: [0, 1],
  });
}

export const sweepLabel = (steps = 1000): string => `adding T=25, hidden 32, batch 32, ${steps} steps`;
