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

/**
 * Loads resvg, an optional peer dependency: only PNG output needs it (and its native binary), so browser and SVG/HTML
 * users do not install it. A missing package becomes an error that says how to install it.
 */
export async function loadResvg(load: () => Promise<typeof import("@resvg/resvg-js")> = () => import("@resvg/resvg-js")) {
  try {
    return await load();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if ((code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && String((e as Error).message).includes("@resvg/resvg-js")) {
      throw new Error(
        "svgToPng: PNG output needs @resvg/resvg-js (an optional peer dependency of @vanish/viz), which is not installed; " +
          "run `npm install @resvg/resvg-js` (SVG, HTML and JSON output work without it)",
        { cause: e },
      );
    }
    throw e;
  }
}

/** Rasterises an SVG string to PNG bytes with resvg (a Rust renderer shipped as a prebuilt npm binary). */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  if (typeof svg !== "string" || !svg.includes("<svg")) {
    throw new TypeError(`svgToPng: svg must be an SVG document string, got ${typeof svg === "string" ? `string of length ${svg.length} without <svg` : typeof svg}`);
  }
  const opts = resvgOptions(options);
  const { Resvg } = await loadResvg();
  return new Resvg(svg, opts).render().asPng();
}
