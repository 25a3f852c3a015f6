// Vega-Lite spec → pixels or SVG text, headless: vega-lite's compiler, then vega's View with `renderer: "none"`.
// No DOM is touched, so both run in a worker (as @vanish/viz renders in Node).
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** The chart as a bitmap at `scale` device pixels per CSS pixel (needs OffscreenCanvas, see offscreenDocument.ts). */
export async function renderBitmap(spec: TopLevelSpec, scale: number): Promise<ImageBitmap> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    const canvas = (await view.toCanvas(scale)) as unknown as OffscreenCanvas;
    return canvas.transferToImageBitmap();
  } finally {
    view.finalize();
  }
}

/** The chart as SVG text (text widths are estimated without a canvas, which adds a little padding). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
