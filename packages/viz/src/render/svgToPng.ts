import { existsSync } from "node:fs";

/** Where Debian/Ubuntu put DejaVu Sans (`fonts-dejavu-core`). */
export const DEJAVU_FONT_FILES: readonly string[] = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];

export interface PngOptions {
  /** Pixels per SVG unit (default 2, for sharp text on high-density screens and in documents). */
  readonly scale?: number;
  /** Font files to load instead of the system's; default DejaVu Sans regular and bold when present. */
  readonly fontFiles?: readonly string[];
}

/** The resvg options for `options`: explicit font files when they exist (fast), else the system fonts. */
export function resvgOptions(options: PngOptions = {}) {
  const scale = options.scale ?? 2;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RangeError(`svgToPng: options.scale must be a positive number, got ${scale}`);
  }
  const files = (options.fontFiles ?? DEJAVU_FONT_FILES).filter((f) => existsSync(f));
  return {
    fitTo: { mode: "zoom" as const, value: scale },
    // Without a default family resvg may pick an odd serif font and lose bold (docs/toolchain.md#charts).
    font: { fontFiles: files, loadSystemFonts: files.length === 0, defaultFontFamily: "DejaVu Sans" },
  };
}

/** Rasterises an SVG string to PNG bytes with resvg (a Rust renderer shipped as a prebuilt npm binary). */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  if (typeof svg !== "string" || !svg.includes("<svg")) {
    throw new TypeError(`svgToPng: svg must be an SVG document string, got ${typeof svg === "string" ? `string of length ${svg.length} without <svg` : typeof svg}`);
  }
  const opts = resvgOptions(options);
  const { Resvg } = await import("@resvg/resvg-js");
  return new Resvg(svg, opts).render().asPng();
}
