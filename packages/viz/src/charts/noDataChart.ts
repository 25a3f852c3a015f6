import type { TopLevelSpec } from "vega-lite";
import { CONFIG, titleBlock } from "../theme";

/**
 * The chart shown when there is nothing to draw: the title, an empty frame of the usual size and "no data" in it,
 * so an empty input is visible in a report instead of vanishing from it.
 */
export function noDataChart(
  title: string,
  notes: readonly string[],
  width: number,
  height: number,
  description: string,
): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description,
    title: titleBlock(title, notes),
    width,
    height,
    config: CONFIG,
    data: { values: [{ message: "no data" }] },
    mark: { type: "text", fontSize: 16, color: "#777777" },
    encoding: { text: { field: "message" }, x: { value: width / 2 }, y: { value: height / 2 } },
  };
}
