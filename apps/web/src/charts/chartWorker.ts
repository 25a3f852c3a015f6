// The chart worker: builds the live charts' specs and draws them to bitmaps off the page's thread, so that
// redrawing them while the model trains never blocks input. The page only shows the finished bitmap.
import "./offscreenDocument";
import { chartCaption, labChart, type ChartData, type ChartId, type ChartSize } from "./labCharts";
import { renderBitmap, renderSvg } from "./renderChart";

/** page → chart worker: draw chart `id` of this data at this size, `scale` device pixels per CSS pixel. */
export interface DrawRequest {
  id: ChartId;
  seq: number;
  data: ChartData;
  size: ChartSize;
  scale: number;
}

/** chart worker → page (the bitmap is transferred, not copied) */
export type DrawResult =
  | { id: ChartId; seq: number; bitmap: ImageBitmap; scale: number; caption: string; ms: number; step: number }
  /** Where workers have no OffscreenCanvas: the chart as SVG text, shown as an image. */
  | { id: ChartId; seq: number; svg: string; caption: string; ms: number; step: number }
  | { id: ChartId; seq: number; error: string };

interface Scope {
  postMessage(message: DrawResult, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<DrawRequest>) => void) | null;
}
const scope = self as unknown as Scope;

scope.onmessage = async ({ data: { id, seq, data, size, scale } }) => {
  const started = performance.now();
  try {
    const spec = labChart(id, data, size);
    const caption = chartCaption(id, data, spec);
    const step = data.curve.length === 0 ? 0 : data.curve[data.curve.length - 1].step;
    if (typeof OffscreenCanvas === "undefined") {
      const svg = await renderSvg(spec);
      scope.postMessage({ id, seq, svg, caption, ms: performance.now() - started, step });
      return;
    }
    const bitmap = await renderBitmap(spec, scale);
    scope.postMessage({ id, seq, bitmap, scale, caption, ms: performance.now() - started, step }, [bitmap]);
  } catch (error) {
    scope.postMessage({ id, seq, error: (error as Error).message });
  }
};
