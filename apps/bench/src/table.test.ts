import { describe, expect, it } from "vitest";
import { markdownTable } from "./table";

describe("markdownTable", () => {
  it("pads every column and aligns names left, numbers right", () => {
    expect(markdownTable(["implementation", "T50 H64"], [["Vanish", "3,337"], ["tfjs wasm", "2,205"]])).toMatchInlineSnapshot(`
      "| implementation | T50 H64 |
      |:---------------|--------:|
      | Vanish         |   3,337 |
      | tfjs wasm      |   2,205 |"
    `);
  });

  it("counts × and ± as one character and escapes pipes", () => {
    expect(markdownTable(["a", "b"], [["x|y", "5.2× ±2%"]], ["left", "left"])).toMatchInlineSnapshot(`
      "| a    | b        |
      |:-----|:---------|
      | x\\|y | 5.2× ±2% |"
    `);
  });

  it("refuses a row with the wrong number of cells", () => {
    expect(() => markdownTable(["a", "b"], [["1", "2"], ["3"]])).toThrow("markdownTable: rows[1] must have 2 cells (one per header), got 1");
  });
});
