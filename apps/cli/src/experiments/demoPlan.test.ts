import { describe, expect, it } from "vitest";
import { configHash } from "../engine/configHash";
import { DEMO_CELLS, DEMO_STRATEGIES, demoPlan, type DemoSize } from "./demoPlan";

describe("demoPlan", () => {
  it.each([
    ["quick", [0]],
    ["default", [0, 1, 2]],
    ["full", [0, 1, 2, 3, 4]],
  ] as const)("plans every run of the %s demo: 3 cells × (agreement, control, adding) + 6 clipping strategies per seed", (size, seeds) => {
    const plan = demoPlan(size);
    expect(plan.seeds).toEqual(seeds);
    expect(plan.jobs).toHaveLength(seeds.length * (3 * DEMO_CELLS.length + DEMO_STRATEGIES.length));
    expect(plan.jobs.slice(0, 15).map((j) => j.key)).toEqual([
      "agreement/rnn_tanh/0",
      "agreement/lstm/0",
      "agreement/gru/0",
      "control/rnn_tanh/0",
      "control/lstm/0",
      "control/gru/0",
      "adding/rnn_tanh/0",
      "adding/lstm/0",
      "adding/gru/0",
      "exploding/none/0",
      "exploding/norm:1/0",
      "exploding/value:0.5/0",
      "exploding/agc:0.01/0",
      "exploding/autoclip:10/0",
      "exploding/zclip/0",
    ]);
    // Every run is a distinct job (its own run directory).
    expect(new Set(plan.jobs.map((j) => configHash(j.config))).size).toBe(plan.jobs.length);
  });

  it("gives the cells of a group the same budget, so that only the cell (and the LSTM's forget-gate bias) differs", () => {
    for (const group of ["agreement", "control", "adding"] as const) {
      const jobs = demoPlan("default").jobs.filter((j) => j.group === group && j.seed === 0);
      const [first, ...rest] = jobs.map((j) => ({ ...j.config, cell: null, forgetBias: null }));
      for (const other of rest) expect(other).toEqual(first);
      const lstm = jobs.find((j) => j.cell === "lstm")!.config.forgetBias;
      expect(lstm).toBe(group === "adding" ? null : 1);
    }
  });

  it("trains agreement as a language model on log-uniform distances 1–40 with global-norm clipping for every cell", () => {
    const jobs = demoPlan("default").jobs.filter((j) => j.group === "agreement");
    expect(jobs).toHaveLength(9);
    for (const j of jobs) {
      expect(j.config.clip).toBe("norm:1");
      expect(j.clip).toBe("norm:1");
      expect(j.config.optimizer).toEqual({ name: "adam", lr: 0.01 });
      expect(j.config.task).toMatchObject({ name: "agreement", preset: "easy", knobs: { framing: "lm", distance: [1, 40], distanceDraw: "logUniform", determiners: "plain", prefix: [0, 0], nesting: [0, 0] } });
    }
    const full = demoPlan("full").jobs.find((j) => j.group === "agreement")!.config.task;
    expect(full).toMatchObject({ knobs: { framing: "lm", distance: [1, 80] } });
  });

  it("trains the control exactly as the agreement runs, on the number framing of the same sentences", () => {
    for (const size of ["default", "full"] as const) {
      const jobs = demoPlan(size).jobs;
      const agreement = jobs.find((j) => j.key === "agreement/lstm/0")!.config;
      const control = jobs.find((j) => j.key === "control/lstm/0")!.config;
      expect({ ...control, task: null }).toEqual({ ...agreement, task: null });
      expect(control.task).toEqual({ ...agreement.task, knobs: { ...agreement.task.knobs, framing: "number" } });
    }
  });

  it("runs the exploding comparison on one setup that differs only by the clipping spec", () => {
    const jobs = demoPlan("default").jobs.filter((j) => j.group === "exploding" && j.seed === 0);
    expect(jobs.filter((j) => j.seed === 0).map((j) => j.config.clip)).toEqual(["none", "norm:1", "value:0.5", "agc:0.01", "autoclip:10", "zclip"]);
    const [first, ...rest] = jobs.map((j) => ({ ...j.config, clip: null }));
    for (const other of rest) expect(other).toEqual(first);
    expect(first).toMatchObject({ cell: "rnn_relu", recurrentInit: { kind: "scaledNormal", scale: 2 }, optimizer: { name: "sgd", lr: 0.1 }, nonFinite: "error", logEvery: 1 });
  });

  it("names the valid sizes when given another", () => {
    expect(() => demoPlan("huge" as DemoSize)).toThrow('demoPlan: size must be one of quick, default, full, got "huge"');
  });
});
