import { describe, expect, it } from "vitest";
import { workerName } from "./queue";

describe("workerName", () => {
  it("is the name after BullMQ's PREFIX:base64(queue):w: prefix", () => {
    expect(workerName("vanish:cnVucw==:w:host-1:4242")).toBe("host-1:4242");
    expect(workerName("vanish:cnVucw==:w:gpu-box:w:2")).toBe("gpu-box:w:2");
  });

  it("keeps a name without the prefix, and says ? for none", () => {
    expect(workerName("someone-else")).toBe("someone-else");
    expect(workerName(undefined)).toBe("?");
    expect(workerName("")).toBe("?");
  });
});
