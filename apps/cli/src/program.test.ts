import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { run } from "../test/harness";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

it("prints the version of @vanish/cli with --version and -V, and lists it in --help", async () => {
  expect(version).toMatch(/^\d+\.\d+\.\d+/);
  expect(await run("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  expect(await run("-V")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  expect((await run("--help")).stdout).toMatch(/^  -V, --version +print the version of @vanish\/cli$/m);
});
