/** Column alignment: left for names, right for numbers. */
export type Align = "left" | "right";

/**
 * A GitHub-flavoured Markdown table, padded so that it also reads as a plain-text table in a terminal.
 * `align` defaults to left for the first column and right for the others.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const fn = "markdownTable";
  const bad = rows.findIndex((r) => r.length !== header.length);
  if (bad >= 0) throw new RangeError(`${fn}: rows[${bad}] must have ${header.length} cells (one per header), got ${rows[bad].length}`);
  const aligns = header.map((_, c) => align?.[c] ?? (c === 0 ? "left" : "right"));
  const cells = [header, ...rows].map((r) => r.map(escape));
  const widths = header.map((_, c) => Math.max(3, ...cells.map((r) => width(r[c]))));
  const pad = (text: string, c: number) => {
    const fill = " ".repeat(widths[c] - width(text));
    return aligns[c] === "left" ? text + fill : fill + text;
  };
  const line = (r: readonly string[]) => `| ${r.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((w, c) => (aligns[c] === "left" ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
}

/** A pipe would end the cell early. */
function escape(text: string): string {
  return text.replaceAll("|", "\\|");
}

/** Display width: code points, so "×" and "±" count once. */
function width(text: string): number {
  return [...text].length;
}
