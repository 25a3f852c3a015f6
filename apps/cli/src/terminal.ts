// Colours and progress bars, only for a person at a terminal: never in --json or --quiet output, never into a pipe
// or a file, and never when NO_COLOR is set (https://no-color.org).
import cliProgress from "cli-progress";

type Paint = (text: string) => string;

export interface Colours {
  bold: Paint;
  dim: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
}

const sgr = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Paint = (text) => text;

/** ANSI colours when `enabled`, identity functions otherwise. */
export function colours(enabled: boolean): Colours {
  if (!enabled) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
}

/** True when `stream` is an interactive terminal and NO_COLOR is not set. */
export function isInteractive(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR;
}

/** A progress bar on stderr with ETA and live values (`{loss}`, `{grad}`, …), or null when stderr is not a terminal. */
export function progressBar(format: string, enabled: boolean): cliProgress.SingleBar | null {
  if (!enabled || process.stderr.isTTY !== true) return null;
  return new cliProgress.SingleBar(
    { format, stream: process.stderr, etaBuffer: 20, hideCursor: true, clearOnComplete: true, barsize: 24 },
    cliProgress.Presets.shades_classic,
  );
}

/** A number for people: 4 significant digits, exponent form when tiny or huge, "—" when missing. */
export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

/** A fraction as a percentage with one decimal. */
export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`;
}
