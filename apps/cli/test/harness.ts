import { nodeIO, type CliIO } from "../src/io";
import { runCli } from "../src/program";

/** Runs `vanish …args` in this process and returns its exit code and everything it printed. */
export async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { ...nodeIO, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** `text` as buildHtmlReport escapes it inside elements. */
export function escaped(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
