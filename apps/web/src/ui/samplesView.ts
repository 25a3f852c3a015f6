// The shown examples: agreement sentences with the subject and the verb marked and the model's choice at the verb;
// adding-problem sequences with their two marked values, the target and the model's output.
import type { SampleView } from "../training/taskSource";
import type { Prediction } from "../training/trainer";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** "87%" */
export function percent(p: number): string {
  return Number.isFinite(p) ? `${Math.round(p * 100)}%` : "—";
}

/** The words as displayed: the first capitalised, "." attached to the word before it. */
export function displayWords(words: readonly string[]): string[] {
  return words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w));
}

export function renderSamples(list: HTMLElement, samples: readonly SampleView[], predictions: readonly Prediction[]): void {
  list.replaceChildren(...samples.map((s, i) => renderSample(s, predictions[i])));
}

function renderSample(s: SampleView, p: Prediction | undefined): HTMLLIElement {
  const li = el("li");
  if (s.kind === "agreement") {
    const line = el("p", "sentence");
    displayWords(s.words).forEach((w, i) => {
      if (i > 0 && w !== "." && w !== ",") line.append(" ");
      if (i === s.subject) line.append(el("mark", "subject", w));
      else if (i === s.verb) line.append(el("mark", "verb", w));
      else line.append(i > s.verb ? el("span", "unseen", w) : w);
    });
    li.append(line);
    const reads =
      s.framing === "lm"
        ? "the model reads word by word; greyed: what it has not read yet when it predicts the verb (of the two forms, the percentage is its share of the one it prefers)."
        : "the model reads up to the word before the verb.";
    const meta = el("p", "meta", `subject → verb: ${s.distance} words, ${s.attractors} attractor${s.attractors === 1 ? "" : "s"}; ${reads}`);
    if (p?.kind === "agreement") {
      const plural = p.pPlural >= 0.5;
      const choice = plural === (s.number === 1) ? s.correct : s.wrong;
      const other = choice === s.correct ? s.wrong : s.correct;
      const right = Number.isFinite(p.pPlural) && choice === s.correct;
      const said = s.framing === "lm" ? `“${choice}” over “${other}”` : `“${choice}”`;
      const verdict = el("span", `verdict ${right ? "right" : "wrong"}`, `model: ${said} (${percent(plural ? p.pPlural : 1 - p.pPlural)}) ${right ? "✓ right" : "✗ wrong"}`);
      if (!Number.isFinite(p.pPlural)) verdict.textContent = "model: no answer (its weights are not finite)";
      line.append(verdict);
    }
    li.append(meta);
  } else {
    const [a, b] = s.marked;
    const line = el("p", "values");
    const shown = new Set<number>();
    for (const t of [0, 1, a - 1, a, a + 1, b - 1, b, b + 1, s.values.length - 1]) if (t >= 0 && t < s.values.length) shown.add(t);
    let previous = -1;
    for (const t of [...shown].sort((x, y) => x - y)) {
      if (previous >= 0 && t > previous + 1) line.append(" … ");
      else if (previous >= 0) line.append(" ");
      const text = s.values[t].toFixed(2);
      line.append(t === a ? el("mark", "subject", text) : t === b ? el("mark", "verb", text) : text);
      previous = t;
    }
    li.append(line);
    const sum = `marked: t = ${a + 1} and t = ${b + 1}; target ${s.target.toFixed(3)}`;
    const model = p?.kind === "adding" ? (Number.isFinite(p.value) ? `; model ${p.value.toFixed(3)} (error ${(p.value - s.target).toFixed(3)})` : "; model: no answer") : "";
    li.append(el("p", "meta", sum + model));
  }
  return li;
}
