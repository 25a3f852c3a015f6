// vega draws on canvases it makes with `document.createElement("canvas")`. A worker has no document but has
// OffscreenCanvas, which offers the same 2D context; this stand-in gives vega one, so charts render in a worker.
// It runs only where there is no document (the chart worker) and answers nothing but "canvas".
const scope = globalThis as { document?: unknown };
if (scope.document === undefined && typeof OffscreenCanvas !== "undefined") {
  scope.document = {
    createElement(tag: string) {
      if (tag !== "canvas") throw new TypeError(`offscreenDocument.createElement: only "canvas" exists in the chart worker, got "${tag}"`);
      return new OffscreenCanvas(1, 1);
    },
  };
}
export {};
