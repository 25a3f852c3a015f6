import { describe, expect, it } from "vitest";
import { runWorker } from "../child";
import { SWEEP_RUNS, sweepArgs } from "./sweep";

describe("the sweep benchmark", () => {
  it("passes the flags a user would type to vanish sweep", () => {
    expect(sweepArgs({ steps: 1000 }, 2, "/tmp/x").join(" ")).toBe(
      "sweep --task adding --preset default --hidden-size 32 --batch-size 32 --steps 1000 --log-every 20 --eval-batches 2 --grid cell=rnn_tanh,lstm,gru,rnn_relu --seeds 0,1 --workers 2 --out /tmp/x --quiet",
    );
  });

  it("runs the real CLI in a worker process and reports one timed sample per round and worker count", async () => {
    const report = await runWorker({ kind: "sweep", workers: [1, 2], rounds: 1, steps: 3 });
    expect(report.rows.map((r) => [r.case, r.unit, r.perCall, r.secondsPerCall.length])).toEqual([
      ["vanish sweep, 1 worker thread", "runs/s", SWEEP_RUNS, 1],
      ["vanish sweep, 2 worker threads", "runs/s", SWEEP_RUNS, 1],
    ]);
    for (const row of report.rows) expect(row.secondsPerCall[0]).toBeGreaterThan(0);
    expect(report.notes[0]).toMatch(/^vanish sweep: 8 runs \(adding T 25, hidden 32, batch 32, 3 steps/);
  }, 120_000);

  it("fails with the CLI's own message when the sweep cannot run", async () => {
    await expect(runWorker({ kind: "sweep", workers: [1], rounds: 1, steps: 0 })).rejects.toThrow(/runSweepBench: vanish sweep .* exited with code 2\n.*--steps/s);
  }, 60_000);
});
