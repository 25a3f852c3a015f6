import { describe, expect, it } from "vitest";
import { installedVersion, machineInfo } from "./machine";

describe("machineInfo", () => {
  it("names the installed alternatives' exact versions", () => {
    const info = machineInfo(new Date("2026-01-02T03:04:05Z"));
    expect(info.date).toBe("2026-01-02T03:04:05.000Z");
    expect(info.packages["@tensorflow/tfjs"]).toBe("4.22.0");
    expect(info.packages["@tensorflow/tfjs-backend-wasm"]).toBe("4.22.0");
    expect(info.packages["brain.js"]).toBe("2.0.0-beta.24");
    expect(info.node).toBe(process.version);
    expect(info.cores).toBeGreaterThan(0);
    expect(info.commit).toMatch(/^[0-9a-f]{7,}(\+dirty)?$/);
  });

  it("gives null for a package that is not installed", () => {
    expect(installedVersion("@tensorflow/tfjs-node")).toBeNull();
  });
});
