import brain from "brain.js";
import { describe, expect, it } from "vitest";
import { brainClass, createBrainTrainer, type BrainModule } from "./brainTrainer";
import { makeProblem } from "./problem";

const lib = brain as unknown as BrainModule;

describe("createBrainTrainer", () => {
  it("trains brain.js's class for each cell on the problem's sequences, one per step", async () => {
    for (const [cell, name] of [["rnn_tanh", "RNNTimeStep"], ["lstm", "LSTMTimeStep"], ["gru", "GRUTimeStep"]] as const) {
      expect(brainClass(lib, cell).name).toBe(name);
      const problem = makeProblem({ cell, steps: 4, hiddenSize: 3, batchSize: 2, inputSize: 5 }, 1);
      const trainer = createBrainTrainer(lib, problem, 0.001);
      expect(trainer.outputSize).toBe(5);
      expect(trainer.pytorchUpdate).toBe(false);
      const losses = [await trainer.step(), await trainer.step(), await trainer.step()];
      for (const l of losses) expect(Number.isFinite(l) && l > 0).toBe(true);
    }
  });

  it("feeds sequence b as x[0..T−1][b] and a zero vector, cycling through the batch", () => {
    const problem = makeProblem({ cell: "rnn_tanh", steps: 3, hiddenSize: 2, batchSize: 2, inputSize: 2 }, 1);
    const seen: Float32Array[][] = [];
    const spy: BrainModule = {
      recurrent: {
        RNNTimeStep: class {
          initialize() {}
          trainPattern(input: Float32Array[]) {
            seen.push(input);
            return 1;
          }
        },
        LSTMTimeStep: null as never,
        GRUTimeStep: null as never,
      },
    };
    const trainer = createBrainTrainer(spy, problem, 0.001);
    for (let k = 0; k < 3; k++) trainer.step();
    const x = problem.batch.x;
    expect(seen.map((s) => s.length)).toEqual([4, 4, 4]);
    expect(seen[0].slice(0, 3).map((v) => Array.from(v))).toEqual([x[0][0], x[1][0], x[2][0]]);
    expect(Array.from(seen[0][3])).toEqual([0, 0]);
    expect(seen[1][0]).toEqual(Float32Array.from(x[0][1]));
    expect(seen[2]).toBe(seen[0]);
  });
});
