import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsx = join(appDir, "node_modules", ".bin", "tsx");

it("stops quietly with exit code 0 when the reader closes the pipe early (vanish … | head)", async () => {
  const child = spawn(tsx, ["--tsconfig", join(appDir, "tsconfig.source.json"), join(appDir, "src/main.ts"), "data", "--task", "adding", "--count", "20000"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  // Read one chunk of the examples, then close our end as `head -1` would, while the CLI is still writing.
  child.stdout.once("data", () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(stderr).not.toContain("EPIPE");
  expect(code).toBe(0);
}, 60_000);
