import { describe, expect, it } from "vitest";
import { expectRejection } from "../../test/helpers";
import { gradientNormChart } from "../charts/gradientNormChart";
import { buildHtmlReport, escapeHtml, scriptJson } from "./htmlReport";

describe("buildHtmlReport", () => {
  const spec = gradientNormChart([{ label: "a </script> b", values: [1, 0.1] }]);

  it("lays out a heading, intro, and a figure per chart with its caption", async () => {
    const html = await buildHtmlReport({
      title: "Gradients & clipping",
      intro: ["First paragraph.", "Second <b>paragraph</b>."],
      sections: [{ spec, title: "Chart one" }, { spec, caption: "Custom caption." }],
      footer: "Made by a test.",
    });
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("<title>Gradients &amp; clipping</title>");
    expect(html).toContain("<h1>Gradients &amp; clipping</h1>");
    expect(html).toContain("<p>Second &lt;b&gt;paragraph&lt;/b&gt;.</p>");
    expect(html).toContain('<h2>Chart one</h2>\n    <div class="chart" id="vanish-chart-0"></div>');
    // The default caption is the chart's own description.
    expect(html).toContain(`<figcaption><p>${escapeHtml(spec.description!)}</p></figcaption>`);
    expect(html).toContain("<figcaption><p>Custom caption.</p></figcaption>");
    expect(html).toContain('id="vanish-chart-1"');
    expect(html).toContain("<footer>Made by a test.</footer>");
  });

  it("inlines everything: the vega runtime, vega-embed and the precompiled Vega specs — no URL is loaded", async () => {
    const html = await buildHtmlReport({ title: "t", sections: [{ spec }] });
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link/);
    expect(html).toContain(".vega={}");
    expect(html).toContain(".vegaEmbed=");
    const json = /<script type="application\/json" id="vanish-specs">(.*?)<\/script>/s.exec(html)![1]!;
    const specs = JSON.parse(json);
    // Compiled to Vega: the page needs no vega-lite bundle.
    expect(specs[0].$schema).toBe("https://vega.github.io/schema/vega/v6.json");
    expect(specs[0].marks.length).toBeGreaterThan(0);
    // A label that contains "</script>" cannot end the script element early.
    expect(json).not.toContain("</script>");
    expect(json).toContain("a \\u003c/script> b");
  });

  it("says so when there are no charts", async () => {
    expect(await buildHtmlReport({ title: "t", sections: [] })).toContain("<p>This report has no charts.</p>");
  });

  it("rejects bad options and invalid specs with the argument named", async () => {
    await expectRejection(buildHtmlReport({ title: 1 } as never), TypeError, "buildHtmlReport: options.title must be a string, got number 1");
    await expectRejection(
      buildHtmlReport({ title: "t", sections: [{}] } as never),
      TypeError,
      "buildHtmlReport: options.sections[0].spec must be a Vega-Lite spec object, got undefined",
    );
    await expectRejection(
      buildHtmlReport({ title: "t", sections: [{ spec: { data: { values: [] } } }] } as never),
      TypeError,
      'buildHtmlReport: options.sections[0].spec is not a valid Vega-Lite spec: Invalid specification {"data":{"values":[]}}. Make sure the specification includes at least one of the following properties: "mark", "layer", "facet", "hconcat", "vconcat", "concat", or "repeat".',
    );
  });
});

describe("escapeHtml and scriptJson", () => {
  it("escape what would break HTML or a script element", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(scriptJson({ s: "</script><!-- \u2028" })).toBe('{"s":"\\u003c/script>\\u003c!-- \\u2028"}');
    expect(JSON.parse(scriptJson({ s: "</script>" }))).toEqual({ s: "</script>" });
  });
});
