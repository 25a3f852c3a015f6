import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { outputPaths } from "./cli";
import { QUOTING_READMES, readmeSections, spliceSection } from "./readmes";
import { renderReport } from "./report";
import type { BenchResult } from "./results";

/** The repository root, where BENCHMARKS.md and the READMEs live. */
export const REPO = fileURLToPath(new URL("../../../", import.meta.url));

function readme(path: string): string {
  return readFileSync(join(REPO, path), "utf8");
}

/** Throws unless every README that quotes the benchmarks still holds its fenced section (checked before a long run). */
export function checkReadmeFences(): void {
  for (const path of QUOTING_READMES) spliceSection(readme(path), "", path);
}

/**
 * Writes a result: its JSON and its Markdown report (see `outputPaths`), and for a full run the generated section of
 * each quoting README, all spliced before anything is written. Returns the report and the paths written.
 */
export function writeOutputs(result: BenchResult): { markdown: string; written: string[] } {
  const paths = outputPaths(result.mode);
  const markdown = renderReport(result, paths.json);
  const files: [string, string][] = [
    [paths.json, `${JSON.stringify(result, null, 2)}\n`],
    [paths.markdown, markdown],
  ];
  if (result.mode === "full") {
    const sections = readmeSections(result);
    for (const path of QUOTING_READMES) files.push([path, spliceSection(readme(path), sections[path], path)]);
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(REPO, path)), { recursive: true });
    writeFileSync(join(REPO, path), text);
  }
  return { markdown, written: files.map(([path]) => path) };
}
