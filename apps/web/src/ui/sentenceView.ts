// The sentence view: type a sentence, see which verb form the shipped RNN and LSTM prefer and, word by word, how much
// the verb's decision can still feel each earlier word (‖∂s/∂e‖, shaded on a log scale; subject and verb marked).
import { inkOn, problemText, readSentence, sentenceModel, shade, type SentenceModel, type SentenceModelFile, type SentenceReading } from "../sentence/sentenceModel";

/** Seed-style sentences in the shipped models' vocabulary: singular and plural, short and long gaps, attractors. */
export const EXAMPLE_SENTENCES: readonly string[] = [
  "The cat near the dogs was hungry .",
  "The cats near the dog were hungry .",
  "The boys that the girl sees are happy .",
  "The cats that already ate the fish in the garden near the old house were full .",
  "The cats that already ate the fish in the garden near the old house behind the river with the apples beside the big table under the box were full .",
  "The dog that saw the cats in the park behind the houses near the river with the boys beside the tables was tired .",
];

/** Loads the shipped models (relative URLs: the lab works from any folder). */
export async function loadSentenceModels(base = "./sentence-models/"): Promise<SentenceModel[]> {
  const files = await Promise.all(["rnn_tanh", "lstm"].map(async (cell) => {
    const r = await fetch(`${base}${cell}.json`);
    if (!r.ok) throw new Error(`the sentence model ${cell}.json could not be loaded (${r.status})`);
    return (await r.json()) as SentenceModelFile;
  }));
  return files.map(sentenceModel);
}

export interface SentenceView {
  /** The sentence in the box. */
  readonly text: () => string;
  /** Shows the live model's reading (a `sentence` message from the worker) if it is for the sentence in the box. */
  live(text: string, reading: SentenceReading | null, message: string): void;
}

/**
 * Wires the input, the example buttons and the results; `onText` is called with every sentence shown (the page asks
 * the worker for the live model's reading of it).
 */
export function sentenceView(root: HTMLElement, models: readonly SentenceModel[], onText: (text: string) => void = () => undefined): SentenceView {
  const input = root.querySelector<HTMLInputElement>("#sentence-input")!;
  const examples = root.querySelector<HTMLElement>("#sentence-examples")!;
  const results = root.querySelector<HTMLElement>("#sentence-results")!;
  const liveList = root.querySelector<HTMLElement>("#sentence-live")!;
  const show = (text: string): void => {
    onText(text);
    const readings = models.map((m) => readSentence(m, text));
    const problem = readings.find((r) => "kind" in r);
    if (problem && "kind" in problem) {
      const p = document.createElement("p");
      p.className = "error";
      p.id = "sentence-problem";
      p.textContent = problemText(problem);
      results.replaceChildren(p);
      return;
    }
    const ok = readings as SentenceReading[];
    const top = Math.max(...ok.flatMap((r) => r.saliency));
    results.replaceChildren(...ok.map((r) => row(r, top)));
  };
  input.addEventListener("input", () => show(input.value));
  for (const sentence of EXAMPLE_SENTENCES) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = sentence.replace(/ \.$/, ".");
    b.addEventListener("click", () => {
      input.value = b.textContent!;
      show(input.value);
    });
    const li = document.createElement("li");
    li.append(b);
    examples.append(li);
  }
  input.value = EXAMPLE_SENTENCES[1]!.replace(/ \.$/, ".");
  show(input.value);
  return {
    text: () => input.value,
    live(text, reading, message) {
      if (text !== input.value) return;
      if (reading === null) {
        liveList.replaceChildren(Object.assign(document.createElement("li"), { className: "note", id: "sentence-live-message", textContent: message }));
        return;
      }
      // Its own scale: the live model's s is another quantity (its two classes), so its shades are not comparable.
      const item = row(reading, Math.max(...reading.saliency));
      item.dataset.live = "true";
      liveList.replaceChildren(item);
    },
  };
}

function row(r: SentenceReading, top: number): HTMLElement {
  const li = document.createElement("li");
  li.className = "sentence-model";
  li.dataset.model = r.label;
  const head = document.createElement("p");
  head.className = "sentence-prediction";
  const sure = r.pCorrect >= 0.5 ? "prefers" : "does not prefer";
  head.textContent = `${r.label} ${sure} “${r.correct}”: ${r.pCorrect.toFixed(2)} against “${r.wrong}” ${(1 - r.pCorrect).toFixed(2)}`;
  const strip = document.createElement("p");
  strip.className = "sentence-strip";
  r.words.forEach((w, i) => {
    const span = document.createElement("span");
    span.textContent = w;
    span.className = "word";
    if (i < r.verb) {
      const v = r.saliency[i]!;
      const background = shade(v, top);
      span.style.setProperty("--shade", background);
      span.style.setProperty("--shade-ink", inkOn(background));
      span.dataset.saliency = v.toExponential(2);
      span.title = `‖∂s/∂e‖ = ${v.toExponential(2)}`;
      span.classList.add("shaded");
    }
    if (i === r.subject) span.classList.add("subject");
    if (i === r.verb) span.classList.add("verb");
    strip.append(span, " ");
  });
  li.append(head, strip);
  return li;
}
