// The page: wires the form, the buttons, the walk-through, the charts and the examples to the training worker.
// The page never trains; it sends requests (worker/protocol.ts) and draws what comes back.
import { DEFAULT_CONFIG, validateConfig, type LabConfig } from "./config/labConfig";
import { configFromQuery, configToQuery } from "./config/urlConfig";
import { exportJson, RunLog } from "./state/RunLog";
import { TOUR_STEPS, tourConfig } from "./tour/tourSteps";
import { ChartBoard } from "./ui/ChartBoard";
import { explainNonFinite } from "./ui/explainNonFinite";
import { renderSamples } from "./ui/samplesView";
import { loadSentenceModels, sentenceView, type SentenceView } from "./ui/sentenceView";
import { readForm, showErrors, syncForm, writeForm } from "./ui/settingsForm";
import type { Request, Response, RunState } from "./worker/protocol";

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const form = $<HTMLFormElement>("#settings");
const buttons = {
  start: $<HTMLButtonElement>("#start"),
  pause: $<HTMLButtonElement>("#pause"),
  step: $<HTMLButtonElement>("#step"),
  reset: $<HTMLButtonElement>("#reset"),
};
const status = $("#status");
const shareStatus = $("#share-status");
const alertBox = $("#alert");

const log = new RunLog();
const charts = new ChartBoard($("#charts"), log);
const worker = new Worker(new URL("./worker/worker.ts", import.meta.url), { type: "module" });

let state: RunState = "unconfigured";
let sentences: SentenceView | null = null;
let formValid = false;
let backend = "…";
let speed = 0;
/** The configuration of the run the worker holds (null until it accepted one). */
let current: LabConfig | null = null;
/** The configuration sent last, waiting for the worker's answer. */
let pending: LabConfig | null = null;

function send(request: Request): void {
  worker.postMessage(request);
}

// ---- the worker's answers -------------------------------------------------------------------------------------

worker.onmessage = (event: MessageEvent<Response>) => {
  const m = event.data;
  switch (m.type) {
    case "ready":
      backend = m.backend;
      break;
    case "progress":
      if (m.state === "ready" && pending) {
        // a new run was accepted
        current = pending;
        pending = null;
        log.reset(current);
        hideAlert();
        charts.invalidate();
        charts.flush();
      }
      state = m.state;
      speed = m.stepsPerSecond;
      if (state === "paused" || state === "halted") charts.flush();
      break;
    case "metrics":
      log.add(m.records, m.instruments, m.evaluations);
      charts.invalidate([
        ...(m.records.length > 0 ? (["curves"] as const) : []),
        ...(m.instruments.length > 0 ? (["norms", "heatmap", "spectrum"] as const) : []),
        ...(m.evaluations.length > 0 ? (["accuracy"] as const) : []),
      ]);
      break;
    case "samples":
      renderSamples($("#samples"), m.samples, m.predictions);
      // the live model changed: read the sentence again
      if (sentences) send({ type: "explain", text: sentences.text() });
      break;
    case "sentence":
      sentences?.live(m.text, m.reading, m.message);
      break;
    case "nonFinite": {
      log.addNonFinite(m.report);
      if (current && log.nonFinite.length === 1) {
        const rho = log.instruments.latest?.spectralRadius[0]?.value ?? null;
        const e = explainNonFinite(m.report, current, rho);
        showAlert(e.title, e.paragraphs);
      }
      break;
    }
    case "error":
      if (m.request === "config") pending = null;
      showAlert(`The worker refused “${m.request}”`, [m.message]);
      if (m.errors) showErrors(form, m.errors);
      break;
  }
  refresh();
};

worker.onerror = (event) => {
  showAlert("The training worker failed", [event.message || "unknown error (see the browser console)"]);
};

// ---- the page's state -----------------------------------------------------------------------------------------

function refresh(): void {
  const configured = current !== null && pending === null;
  buttons.start.disabled = !formValid || !configured || state === "running" || state === "halted";
  buttons.pause.disabled = state !== "running";
  buttons.step.disabled = !formValid || !configured || state === "running" || state === "halted";
  buttons.reset.disabled = !configured;
  const words: Record<RunState, string> = {
    unconfigured: "Waiting for valid settings",
    ready: "Ready",
    running: "Training",
    paused: "Paused",
    halted: "Stopped (non-finite values)",
  };
  const rate = state === "running" && speed > 0 ? `, ${speed.toFixed(0)} steps/s` : "";
  const last = log.records[log.records.length - 1];
  const loss = last ? `, loss ${Number.isFinite(last.loss) ? last.loss.toFixed(4) : String(last.loss)}` : "";
  status.textContent = `${words[state]} — step ${log.step}${rate}${loss}. Kernels: ${backend}.`;
  document.body.dataset.state = state;
  document.body.dataset.step = String(log.step);
}

function showAlert(title: string, paragraphs: readonly string[]): void {
  const h = document.createElement("h2");
  h.textContent = title;
  alertBox.replaceChildren(h, ...paragraphs.map((text) => Object.assign(document.createElement("p"), { textContent: text })));
  alertBox.hidden = false;
}

function hideAlert(): void {
  alertBox.hidden = true;
  alertBox.replaceChildren();
}

/** Validates the form; if the settings are new and valid, starts a new run with them. */
function applyForm(): void {
  syncForm(form);
  const v = validateConfig(readForm(form));
  formValid = v.ok;
  showErrors(form, v.ok ? [] : v.errors);
  if (v.ok && JSON.stringify(v.config) !== JSON.stringify(pending ?? current)) configure(v.config);
  refresh();
}

function configure(config: LabConfig): void {
  pending = config;
  history.replaceState(null, "", `?${configToQuery(config)}`);
  send({ type: "config", config });
}

// ---- controls ---------------------------------------------------------------------------------------------------

form.addEventListener("change", applyForm);
form.addEventListener("input", (event) => {
  syncForm(form);
  // sliders: show the value while dragging; the run restarts when the slider is released ("change")
  if ((event.target as HTMLInputElement).type === "number") {
    const v = validateConfig(readForm(form));
    formValid = v.ok;
    showErrors(form, v.ok ? [] : v.errors);
    refresh();
  }
});
form.addEventListener("submit", (event) => event.preventDefault());
buttons.start.addEventListener("click", () => send({ type: "start" }));
buttons.pause.addEventListener("click", () => send({ type: "pause" }));
buttons.step.addEventListener("click", () => send({ type: "step", count: 1 }));
buttons.reset.addEventListener("click", () => {
  if (!current) return;
  log.reset(current);
  hideAlert();
  pending = current;
  send({ type: "reset" });
});

$("#share").addEventListener("click", async () => {
  const url = location.href;
  try {
    await navigator.clipboard.writeText(url);
    shareStatus.textContent = "Link copied: it opens the lab with these settings.";
  } catch {
    shareStatus.textContent = `Copy this link: ${url}`;
  }
});

$("#export").addEventListener("click", () => {
  if (!log.config) {
    shareStatus.textContent = "Nothing to export yet.";
    return;
  }
  const text = exportJson(log.toExport(location.href, backend, new Date()));
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  a.download = `vanish-lab-${log.config.task}-${log.config.cell}-seed${log.config.seed}-step${log.step}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  shareStatus.textContent = `Exported ${log.records.length} steps.`;
});

// ---- the walk-through -------------------------------------------------------------------------------------------

const tourList = $("#tour-steps");
const tourDetail = $("#tour-detail");
for (const step of TOUR_STEPS) {
  const li = document.createElement("li");
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = step.title;
  b.dataset.tour = step.id;
  b.addEventListener("click", () => {
    for (const other of tourList.querySelectorAll("button")) other.removeAttribute("aria-current");
    b.setAttribute("aria-current", "step");
    const paragraphs = step.text.map((t) => Object.assign(document.createElement("p"), { textContent: t }));
    const watch = Object.assign(document.createElement("p"), { className: "watch", textContent: `Watch: ${step.watch}` });
    const go = Object.assign(document.createElement("button"), { type: "button", textContent: "Train this step" });
    go.addEventListener("click", () => send({ type: "start" }));
    tourDetail.replaceChildren(...paragraphs, watch, go);
    writeForm(form, tourConfig(step));
    applyForm();
    go.focus();
  });
  li.append(b);
  tourList.append(li);
}

// ---- start-up ---------------------------------------------------------------------------------------------------

const fromUrl = configFromQuery(location.search, DEFAULT_CONFIG);
writeForm(form, fromUrl.config);
applyForm();
if (fromUrl.errors.length > 0) {
  showAlert("Some settings in the link were refused (the defaults are used instead)", fromUrl.errors.map((e) => e.message));
}
// The sentence view computes on this page: one forward and one backward pass of a hidden-32 model, well under a frame.
// The live model's reading comes from the worker, which holds it.
loadSentenceModels()
  .then((models) => {
    sentences = sentenceView($("#sentence-view"), models, (text) => send({ type: "explain", text }));
  })
  .catch((e: Error) => {
    $("#sentence-results").replaceChildren(Object.assign(document.createElement("li"), { className: "error", textContent: e.message }));
  });
// A console handle for tinkering: vanishLab.send({ type: "step", count: 10 }) talks to the worker directly.
(window as unknown as { vanishLab: unknown }).vanishLab = { send, log, charts };
