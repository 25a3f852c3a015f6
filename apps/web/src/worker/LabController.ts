// The worker's state machine, free of any worker API: it receives parsed messages through `handle`, answers
// through `post`, and trains in slices scheduled through `schedule`, so that messages arriving while it trains
// (pause, a new config) are handled between slices. Tests drive it directly in Node.
import type { LabConfig } from "../config/labConfig";
import { problemText, readSentence, type SentenceModel, type SentenceReading } from "../sentence/sentenceModel";
import { Trainer, type Evaluation, type Instruments, type StepRecord } from "../training/trainer";
import { parseRequest, type Response, type RunState } from "./protocol";

export interface ControllerOptions {
  /** Sends a message to the page. */
  post: (message: Response) => void;
  /** Runs `task` soon, after pending messages (a MessageChannel in the worker; a queue in tests). */
  schedule: (task: () => void) => void;
  /** Milliseconds since some origin (performance.now in the worker; a fake clock in tests). */
  now: () => number;
  /** Training time per slice before yielding to messages (default 25 ms). */
  sliceMs?: number;
  /** Instrument every k-th step: ‖dL/dh_t‖ and ρ(W_hh) (default 5). */
  instrumentEvery?: number;
  /** Minimum time between prediction updates on the shown examples while running (default 1000 ms). */
  samplesEveryMs?: number;
  /** lm framing: evaluate verb agreement on the held-out test sets at step 0 and every k-th step (default 50). */
  evaluateEvery?: number;
}

export class LabController {
  private readonly o: Required<ControllerOptions>;
  private trainer: Trainer | null = null;
  private state: RunState = "unconfigured";
  /** Incremented by every config/reset/pause, so that a scheduled slice of an older run does nothing. */
  private generation = 0;
  private lastSamples = -Infinity;
  private speed = 0;
  private haltReason = "";

  constructor(options: ControllerOptions) {
    this.o = { sliceMs: 25, instrumentEvery: 5, samplesEveryMs: 1000, evaluateEvery: 50, ...options };
  }

  get runState(): RunState {
    return this.state;
  }

  get step(): number {
    return this.trainer?.step ?? 0;
  }

  /** Handles one raw message from the page. */
  handle(raw: unknown): void {
    const parsed = parseRequest(raw);
    if (!parsed.ok) {
      this.o.post(parsed.error);
      return;
    }
    const r = parsed.request;
    switch (r.type) {
      case "config":
        this.build(r.config);
        return;
      case "reset":
        if (!this.trainer) return this.refuse("reset", "reset: there is no run yet; send the settings (a config message) first");
        this.build(this.trainer.config);
        return;
      case "start":
        if (!this.usable("start")) return;
        if (this.state === "running") return this.progress();
        this.state = "running";
        this.generation++;
        this.progress();
        this.runSlice(this.generation);
        return;
      case "pause":
        if (this.state === "running") {
          this.state = "paused";
          this.generation++;
          this.speed = 0;
        }
        this.progress();
        return;
      case "explain":
        this.explain(r.text);
        return;
      case "step":
        if (!this.usable("step")) return;
        if (this.state === "running") return this.refuse("step", "step: the run is training; pause it first");
        this.state = "paused";
        this.train(r.count, Infinity);
        this.sendSamples();
        this.progress();
        return;
    }
  }

  private build(config: LabConfig): void {
    this.generation++;
    this.speed = 0;
    this.haltReason = "";
    try {
      this.trainer = new Trainer(config);
    } catch (error) {
      // validateConfig keeps the packages' own checks from firing; if one does, say so rather than die.
      this.trainer = null;
      this.state = "unconfigured";
      this.refuse("config", `the settings could not be used: ${(error as Error).message}`);
      this.progress();
      return;
    }
    this.state = "ready";
    this.progress();
    this.sendSamples();
    // the lm framing's accuracy by distance before any training: the chance line the run starts from
    const e = this.trainer.evaluate();
    if (e) this.o.post({ type: "metrics", records: [], instruments: [], evaluations: [e] });
  }

  /** Whether a run exists and may train; otherwise says why. */
  private usable(request: "start" | "step"): boolean {
    if (!this.trainer) {
      this.refuse(request, `${request}: there is no run yet; send the settings (a config message) first`);
      return false;
    }
    if (this.state === "halted") {
      this.refuse(request, `${request}: the run stopped at step ${this.trainer.step} (${this.haltReason}); reset it or change the settings`);
      return false;
    }
    return true;
  }

  private refuse(request: string, message: string): void {
    this.o.post({ type: "error", request, message });
  }

  private progress(): void {
    this.o.post({ type: "progress", state: this.state, step: this.step, stepsPerSecond: this.speed });
  }

  private runSlice(generation: number): void {
    if (generation !== this.generation || this.state !== "running") return;
    const started = this.o.now();
    const done = this.train(Infinity, started + this.o.sliceMs);
    const elapsed = this.o.now() - started;
    const state = this.state as RunState; // train() may have halted the run
    if (state === "running" && elapsed > 0 && done > 0) this.speed = (1000 * done) / elapsed;
    if (state === "running" && this.o.now() - this.lastSamples >= this.o.samplesEveryMs) this.sendSamples();
    this.progress();
    if (state === "running") this.o.schedule(() => this.runSlice(generation));
  }

  /** Trains up to `count` steps or until `deadline`; posts the metrics; returns the steps done. */
  private train(count: number, deadline: number): number {
    const trainer = this.trainer!;
    const records: StepRecord[] = [];
    const instruments: Instruments[] = [];
    const evaluations: Evaluation[] = [];
    let done = 0;
    while (done < count) {
      const instrument = (trainer.step + 1) % this.o.instrumentEvery === 1 || this.o.instrumentEvery === 1;
      const result = trainer.trainStep(instrument);
      done++;
      records.push(result.record);
      if (result.instruments) instruments.push(result.instruments);
      if (!result.halted && trainer.step % this.o.evaluateEvery === 0) {
        const e = trainer.evaluate();
        if (e) evaluations.push(e);
      }
      if (result.nonFinite) this.o.post({ type: "nonFinite", report: result.nonFinite });
      if (result.halted) {
        this.state = "halted";
        this.speed = 0;
        this.haltReason = `non-finite ${result.nonFinite!.where}`;
        break;
      }
      if (this.o.now() >= deadline) break;
    }
    this.o.post({ type: "metrics", records, instruments, evaluations });
    return done;
  }

  /** The live model's reading of a sentence (the sentence view); agreement runs only. */
  private explain(text: string): void {
    const t = this.trainer;
    const answer = (reading: SentenceReading | null, message: string) => this.o.post({ type: "sentence", step: t?.step ?? 0, text, reading, message });
    if (!t) return answer(null, "No run yet: the live model appears once the settings are valid.");
    const framing = t.source.framing;
    if (!t.source.words || framing === null) return answer(null, "The live model is learning the adding problem; choose the agreement task to read sentences with it.");
    const model: SentenceModel = { label: `Live ${CELL_NAMES[t.config.cell]}, step ${t.step}`, model: t.model, framing, ...t.source.words };
    const r = readSentence(model, text);
    if ("kind" in r) return answer(null, problemText(r));
    answer(r, "");
  }

  private sendSamples(): void {
    const trainer = this.trainer!;
    this.lastSamples = this.o.now();
    this.o.post({ type: "samples", step: trainer.step, samples: trainer.samples, predictions: trainer.predict(), task: trainer.config.task });
  }
}

/** How the sentence view names the live model's cell. */
const CELL_NAMES: Readonly<Record<LabConfig["cell"], string>> = { rnn_tanh: "RNN (tanh)", rnn_relu: "RNN (ReLU)", lstm: "LSTM", gru: "GRU" };
