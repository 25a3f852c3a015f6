import { describe, expect, it } from "vitest";
import { resolveRunConfig } from "../engine/config";
import type { MetricsRecord } from "../engine/metrics";
import { trainProgress } from "./trainProgress";

const record: MetricsRecord = { step: 20, interval: 10, loss: 2.34567, accuracy: 0.625, gradNormBefore: 0.0001234, gradNormAfter: 0.0001234, threshold: null, clipped: 0, nonFinite: 0, skipped: 0 };

describe("trainProgress", () => {
  it("shows loss per token and verb agreement accuracy for agreement's lm framing", () => {
    const p = trainProgress(resolveRunConfig({ task: { name: "agreement", knobs: { framing: "lm" } } }));
    expect(p.format).toBe("train {bar} {percentage}% | step {value}/{total} | ETA {eta_formatted} | loss/token {loss} | verb acc {acc} | ‖g‖ {grad}");
    expect(p.values(record)).toEqual({ loss: "2.346", acc: "62.5%", grad: "1.23e-4" });
    expect(p.values(null)).toEqual({ loss: "—", acc: "—", grad: "—" });
  });

  it("shows loss and accuracy for classification, MSE for the adding problem", () => {
    expect(trainProgress(resolveRunConfig({ task: "copy" })).format).toContain("| loss {loss} | acc {acc} | ‖g‖ {grad}");
    expect(trainProgress(resolveRunConfig({ task: { name: "agreement" } })).format).toContain("| loss {loss} | acc {acc} |");
    const adding = trainProgress(resolveRunConfig({ task: "adding" }));
    expect(adding.format).toContain("| MSE {loss} | ‖g‖ {grad}");
    expect(adding.format).not.toContain("{acc}");
  });
});
