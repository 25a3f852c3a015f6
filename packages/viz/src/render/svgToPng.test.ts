import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { expectRejection, expectError } from "../../test/helpers";
import { gradientNormChart } from "../charts/gradientNormChart";
import { renderPng } from "./renderPng";
import { renderSvg } from "./renderSvg";
import { loadResvg, resvgOptions, svgToPng } from "./svgToPng";

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

/** How many pixels of an RGBA buffer are clearly not white. */
function inkedPixels(rgba: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i]! + rgba[i + 1]! + rgba[i + 2]! < 600 && rgba[i + 3]! > 0) n++;
  return n;
}

describe("svgToPng and renderPng", () => {
  it("rasterises a chart at twice its SVG size by default", async () => {
    const spec = gradientNormChart([{ label: "a", cell: "gru", values: [1, 0.1, 0.01] }]);
    const svg = await renderSvg(spec);
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!;
    const png = await renderPng(spec);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual([2 * Number(w), 2 * Number(h)]);
    expect(pngSize(await svgToPng(svg, { scale: 1 }))).toEqual([Number(w), Number(h)]);
  });

  it("draws text: DejaVu Sans is found (resvg drops text silently without a font)", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="white"/><text x="4" y="28" font-size="24">10⁻²¹</text></svg>`;
    const pixels = new Resvg(svg, resvgOptions({ scale: 1 })).render().pixels;
    expect(inkedPixels(pixels)).toBeGreaterThan(100);
  });

  it("puts ink on the page: lines, axes and labels", async () => {
    const svg = await renderSvg(gradientNormChart([{ label: "a", values: [1, 0.1, 0.01] }]));
    const image = new Resvg(svg, resvgOptions()).render();
    const share = inkedPixels(image.pixels) / (image.width * image.height);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.5);
  });

  it("rejects what is not an SVG and a bad scale", async () => {
    await expectRejection(svgToPng("hello"), TypeError, "svgToPng: svg must be an SVG document string, got string of length 5 without <svg");
    expectError(() => resvgOptions({ scale: -1 }), RangeError, "svgToPng: options.scale must be a positive number, got -1");
  });
});

describe("loadResvg", () => {
  const notFound = (code: string, message: string) => Object.assign(new Error(message), { code });

  it("says how to install the optional peer @resvg/resvg-js when it is missing (ESM and CJS)", async () => {
    const message =
      "svgToPng: PNG output needs @resvg/resvg-js (an optional peer dependency of @vanish/viz), which is not installed; run `npm install @resvg/resvg-js` (SVG, HTML and JSON output work without it)";
    const esm = notFound("ERR_MODULE_NOT_FOUND", "Cannot find package '@resvg/resvg-js' imported from /app/node_modules/@vanish/viz/dist/node.js");
    await expectRejection(loadResvg(() => Promise.reject(esm)), Error, message);
    const cjs = notFound("MODULE_NOT_FOUND", "Cannot find module '@resvg/resvg-js'");
    await expect(loadResvg(() => Promise.reject(cjs))).rejects.toMatchObject({ message, cause: cjs });
  });

  it("passes other failures through, and loads the real package when it is there", async () => {
    const other = notFound("ERR_MODULE_NOT_FOUND", "Cannot find package 'vega'");
    await expect(loadResvg(() => Promise.reject(other))).rejects.toBe(other);
    expect(typeof (await loadResvg()).Resvg).toBe("function");
  });
});
