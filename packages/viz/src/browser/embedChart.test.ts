import { describe, it } from "vitest";
import { expectRejection } from "../../test/helpers";
import { embedChart } from "./embedChart";

// Drawing in a real browser is checked in test/browser.test.ts (headless Chromium).
describe("embedChart", () => {
  it("rejects a target that is neither an element nor a selector, before loading vega-embed", async () => {
    await expectRejection(embedChart(42 as never, { data: { values: [] }, mark: "point" }), TypeError, "embedChart: target must be an HTMLElement or a CSS selector string, got number");
    await expectRejection(embedChart(null as never, { data: { values: [] }, mark: "point" }), TypeError, "embedChart: target must be an HTMLElement or a CSS selector string, got null");
  });
});
