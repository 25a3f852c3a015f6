// The chart worker: builds the live charts' specs and draws them to bitmaps off the page's thread, so that
// redrawing them while the model trains never blocks input. The page only shows the finished bitmap.
import "./offscreenDocument";
import { labChart, type ChartData, type ChartId, type ChartSize } from "./labCharts";
import { renderBitmap } from "./renderChart";

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
  | { id: ChartId; seq: number; bitmap: ImageBitmap; scale: number; caption: string; ms: number }
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
    const bitmap = await renderBitmap(spec, scale);
    const caption = typeof spec.description === "string" ? spec.description : "";
    scope.postMessage({ id, seq, bitmap, scale, caption, ms: performance.now() - started }, [bitmap]);
  } catch (error) {
    scope.postMessage({ id, seq, error: (error as Error).message });
  }
};
