// Keeps the four charts current. @vanish/viz has no streaming API, so a chart is redrawn whole from a new spec.
//
// Live redraws happen in a chart worker (Vega-Lite → vega → a bitmap on an OffscreenCanvas); the page only shows
// the bitmap, each chart at most once per `minIntervalMs`. Embedding with vega-embed on the page instead took 0.4–2.7 s
// of main-thread time per redraw on the 2-core development machine, which would freeze the page while training.
// "Explore" embeds one chart with @vanish/viz/browser's embedChart (tooltips, export menu) on request.
import { embedChart, preloadEmbed } from "@vanish/viz/browser";
import { CHART_IDS, chartIds, labChart, type ChartId } from "../charts/labCharts";
import type { DrawRequest, DrawResult } from "../charts/chartWorker";
import type { RunLog } from "../state/RunLog";

interface Slot {
  id: ChartId;
  figure: HTMLElement;
  plot: HTMLElement;
  caption: HTMLElement;
  explore: HTMLButtonElement;
  dirty: boolean;
  /** When the last redraw was requested. */
  last: number;
  /** The sequence number of the newest request; older answers are dropped. */
  seq: number;
  inFlight: boolean;
  embedded: { finalize(): void } | null;
}

export interface ChartBoardOptions {
  /** Minimum time between two redraws of one chart (default 1000 ms). */
  minIntervalMs?: number;
}

export class ChartBoard {
  private readonly slots: Slot[];
  private readonly minInterval: number;
  private readonly worker: Worker;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Redraws done, and the slowest SVG insertion on the page and render in the worker (ms). */
  readonly stats = { redraws: 0, slowestInsertMs: 0, slowestWorkerMs: 0 };

  constructor(
    root: HTMLElement,
    private readonly log: RunLog,
    options: ChartBoardOptions = {},
  ) {
    this.minInterval = options.minIntervalMs ?? 1000;
    this.worker = new Worker(new URL("../charts/chartWorker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (event: MessageEvent<DrawResult>) => this.receive(event.data);
    this.slots = CHART_IDS.map((id) => {
      const figure = root.querySelector<HTMLElement>(`#chart-${id}`)!;
      const explore = document.createElement("button");
      explore.type = "button";
      explore.className = "explore";
      explore.textContent = "Explore (tooltips, save as PNG/SVG)";
      const slot: Slot = {
        id,
        figure,
        plot: figure.querySelector<HTMLElement>(".plot")!,
        caption: figure.querySelector("figcaption")!,
        explore,
        dirty: false,
        last: -Infinity,
        seq: 0,
        inFlight: false,
        embedded: null,
      };
      explore.addEventListener("click", () => void this.explore(slot));
      figure.append(explore);
      return slot;
    });
    // Explore's vega-embed chunk is fetched once the page is idle, so Explore also works after the connection is gone.
    // A failure here (already offline) is not an error: Explore tries again on its click.
    const preload = () => void preloadEmbed().catch(() => undefined);
    if (typeof requestIdleCallback === "function") requestIdleCallback(preload, { timeout: 5000 });
    else setTimeout(preload, 2000);
  }

  /** Marks charts as out of date (all by default); they are redrawn soon, one at a time. */
  invalidate(ids: readonly ChartId[] = CHART_IDS): void {
    for (const s of this.slots) if (ids.includes(s.id)) s.dirty = true;
    this.wake(0);
  }

  /** Lets every chart redraw at once, regardless of the interval (a new run, or training paused). */
  flush(): void {
    for (const s of this.slots) s.last = -Infinity;
    this.wake(0);
  }

  private wake(delay: number): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, delay);
  }

  /** Shows the charts the current run draws and hides (and empties) the others; returns the shown ones. */
  private layout(): Slot[] {
    const ids = chartIds(this.log.config!);
    for (const s of this.slots) {
      const shown = ids.includes(s.id);
      if (!shown && !s.figure.hidden) {
        s.seq++;
        s.embedded?.finalize();
        s.embedded = null;
        s.plot.replaceChildren();
        s.caption.textContent = "";
        delete s.figure.dataset.rendered;
      }
      s.figure.hidden = !shown;
    }
    return this.slots.filter((s) => !s.figure.hidden);
  }

  /** Sends the chart that has waited longest, if it may be redrawn now; otherwise waits. */
  private pump(): void {
    if (!this.log.config) return;
    const now = performance.now();
    const waiting = this.layout().filter((s) => s.dirty && !s.inFlight);
    if (waiting.length === 0) return;
    const due = waiting.filter((s) => now - s.last >= this.minInterval).sort((a, b) => a.last - b.last);
    if (due.length === 0) {
      this.wake(Math.min(...waiting.map((s) => s.last + this.minInterval - now)));
      return;
    }
    const slot = due[0];
    slot.dirty = false;
    slot.last = now;
    slot.inFlight = true;
    slot.seq++;
    const scale = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
    this.worker.postMessage({ id: slot.id, seq: slot.seq, data: this.log.chartData(), size: this.size(slot), scale } satisfies DrawRequest);
    if (waiting.length > 1) this.wake(0);
  }

  private receive(result: DrawResult): void {
    const slot = this.slots.find((s) => s.id === result.id)!;
    slot.inFlight = false;
    if (result.seq === slot.seq) {
      const started = performance.now();
      slot.embedded?.finalize();
      slot.embedded = null;
      if ("error" in result) slot.plot.textContent = `This chart could not be drawn: ${result.error}`;
      else if ("bitmap" in result) {
        // The worker's bitmap is shown as it is: no SVG nodes in the page, nothing to style or lay out.
        const canvas = document.createElement("canvas");
        canvas.className = "marks";
        canvas.width = result.bitmap.width;
        canvas.height = result.bitmap.height;
        canvas.style.width = `${result.bitmap.width / result.scale}px`;
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", result.caption);
        canvas.getContext("bitmaprenderer")!.transferFromImageBitmap(result.bitmap);
        slot.plot.replaceChildren(canvas);
      } else {
        const img = document.createElement("img");
        img.className = "marks";
        img.alt = result.caption;
        img.src = URL.createObjectURL(new Blob([result.svg], { type: "image/svg+xml" }));
        img.onload = () => URL.revokeObjectURL(img.src);
        slot.plot.replaceChildren(img);
      }
      if (!("error" in result)) {
        slot.caption.textContent = result.caption;
        this.stats.slowestWorkerMs = Math.max(this.stats.slowestWorkerMs, result.ms);
        slot.figure.dataset.rendered = String(result.step);
      }
      this.stats.redraws++;
      this.stats.slowestInsertMs = Math.max(this.stats.slowestInsertMs, performance.now() - started);
    } else if ("bitmap" in result) result.bitmap.close();
    if (this.slots.some((s) => s.dirty && !s.figure.hidden)) this.wake(0);
  }

  /** Replaces the chart's picture by an interactive vega-embed view of the same spec (until its next redraw). */
  private async explore(slot: Slot): Promise<void> {
    if (!this.log.config) return;
    slot.explore.disabled = true;
    try {
      slot.seq++; // a live redraw already on its way must not replace the interactive view
      slot.embedded?.finalize();
      slot.embedded = await embedChart(slot.plot, labChart(slot.id, this.log.chartData(), this.size(slot)));
    } finally {
      slot.explore.disabled = false;
    }
  }

  private size(slot: Slot): { width: number; height: number } {
    // room for the axis titles and the legend, which vega adds around the plot
    const width = Math.max(240, slot.figure.clientWidth - (slot.id === "curves" ? 260 : 210));
    return { width, height: slot.id === "curves" ? 330 : 200 };
  }
}
