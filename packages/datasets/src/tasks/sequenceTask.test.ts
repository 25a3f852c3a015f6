import { describe, expect, it } from "vitest";
import { addingProblem } from "./adding";
import { copyMemory } from "./copyMemory";
import { taskBatches } from "./sequenceTask";
import { temporalOrder } from "./temporalOrder";

describe("taskBatches", () => {
  it("is a pure function of the seed; snapshot of the first rows of each task", () => {
    // Steps 0–2 of sequence 0 (features joined), and the first targets.
    const first = (task: ReturnType<typeof copyMemory>) => {
      const [b] = [...taskBatches(task, 7, { batchSize: 2, count: 1 })];
      const step = (t: number) =>
        Array.from(b.inputs.subarray(t * b.B * b.F, (t * b.B + 1) * b.F), (v) => +v.toFixed(4)).join(" ");
      return `${[0, 1, 2].map(step).join(" | ")} → ${Array.from(b.targets.slice(0, 4), (v) => +v.toFixed(4)).join(
        " ",
      )}`;
    };
    const tasks = [
      addingProblem({ length: 20 }),
      addingProblem({ length: 20, variant: "hochreiter" }),
      temporalOrder({ length: 20 }),
      copyMemory({ delay: 5, count: 3 }),
    ];
    for (const task of tasks) expect(first(task)).toEqual(first(task));
    expect(Object.fromEntries(tasks.map((t) => [t.name, first(t)]))).toMatchInlineSnapshot(`
      {
        "adding-hochreiter-20": "-0.1022 -1 | 0.1313 0 | 0.0264 1 → 0.3836 0.685",
        "adding-modern-20": "0.2338 0 | 0.4489 1 | 0.5657 0 → 0.8564 0.9406",
        "copy-memory-5": "0 1 0 0 0 0 0 0 0 0 | 0 0 0 0 0 0 0 0 1 0 | 0 0 1 0 0 0 0 0 0 0 → 0 0 0 0",
        "temporal-order-4-20": "0 0 0 0 0 0 1 0 | 0 1 0 0 0 0 0 0 | 0 0 0 0 1 0 0 0 → 0 0",
      }
    `);
  });

  it("counts and validates", () => {
    expect([...taskBatches(copyMemory({ delay: 3 }), 1, { batchSize: 2, count: 3 })]).toHaveLength(3);
    expect(() => taskBatches(copyMemory({ delay: 3 }), 1.5, { batchSize: 2 }).next()).toThrow(
      new TypeError("taskBatches: seed must be an integer, got 1.5"),
    );
  });
});
