// One queued run, inside a worker thread: claim the run in the store, rebuild its directory from the store in a
// scratch folder, run (or resume) it there with the ordinary `runJob`, and send each checkpoint — with the metrics
// up to it — back to the store, so that another worker can take over from there.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import type { Redis } from "ioredis";
import type { RunConfig } from "../engine/config";
import { RunAbortedError } from "../engine/errors";
import type { RunSummary } from "../engine/summary";
import { RunDirectory } from "../runs/runDirectory";
import { runJob, type JobOutput } from "../runs/runJob";
import { connect } from "./connection";
import { RunStore } from "./runStore";

/** What the worker's main thread sends with each run. */
export interface QueuedJob {
  url: string;
  id: string;
  config: RunConfig;
  checkpointEvery: number;
  /** A folder of this worker's own, for the run's files while it runs (removed afterwards). */
  scratch: string;
  /** The worker's name (host:pid), kept with the run's claim. */
  worker: string;
  /** Int32 × 2 shared with the main thread: [0] set to 1 asks the run to checkpoint and stop; [1] the last logged step. */
  control: SharedArrayBuffer;
}

/** A run's end: its summary, why it could not run (see {@link JobOutput}), or the step it was stopped at. */
export type QueuedOutput = JobOutput | { stopped: { step: number } };

/** Slots of {@link QueuedJob.control}. */
export const CONTROL_STOP = 0;
export const CONTROL_STEP = 1;

let redis: { url: string; client: Redis } | null = null;

/** This thread's connection (threads keep theirs between runs). */
function storeFor(url: string): RunStore {
  if (redis?.url !== url) {
    redis?.client.disconnect();
    redis = { url, client: connect(url) };
  }
  return new RunStore(redis.client);
}

/** Runs one queued job; rejects only when the store cannot be reached or another worker took the run over. */
export async function runQueuedJob(job: QueuedJob): Promise<QueuedOutput> {
  const store = storeFor(job.url);
  const epoch = await store.claim(job.id, job.worker);
  const stored = await store.read(job.id);
  const dir = new RunDirectory(job.scratch);
  rmSync(job.scratch, { recursive: true, force: true });
  mkdirSync(job.scratch, { recursive: true });
  const control = new Int32Array(job.control);
  const controller = new AbortController();
  const watch = setInterval(() => {
    if (Atomics.load(control, CONTROL_STOP) === 1) controller.abort();
  }, 25);
  try {
    if (stored?.summary) return { summary: JSON.parse(stored.summary.toString("utf8")) as RunSummary };
    if (stored?.checkpoint?.length && stored.config) {
      writeFileSync(dir.file("config"), stored.config);
      writeFileSync(dir.file("metrics"), stored.metrics);
      writeFileSync(dir.file("checkpoint"), stored.checkpoint);
    }
    // The first snapshot replaces the stored metrics (a resumed run drops records past its checkpoint); later ones
    // append what was written since.
    let sent = -1;
    const snapshot = async (mode: "save" | "final", summary?: Buffer): Promise<void> => {
      const metrics = mode === "save" && sent >= 0 ? readFrom(dir.file("metrics"), sent) : readFileSync(dir.file("metrics"));
      // A run that failed before its first checkpoint has none; the store keeps "" for "no file".
      const checkpoint = existsSync(dir.file("checkpoint")) ? readFileSync(dir.file("checkpoint")) : Buffer.alloc(0);
      const common = { config: readFileSync(dir.file("config")), checkpoint };
      if (mode === "final") {
        await store.save(job.id, epoch, { ...common, mode: "final", metrics, summary: summary! });
      } else if (sent < 0) {
        await store.save(job.id, epoch, { ...common, mode: "replace", metrics });
        sent = metrics.length;
      } else {
        await store.save(job.id, epoch, { ...common, mode: "append", offset: sent, metrics });
        sent += metrics.length;
      }
    };
    let output: JobOutput;
    try {
      output = await runJob({ config: job.config, runDir: job.scratch, checkpointEvery: job.checkpointEvery }, controller.signal, {
        owner: "vanish worker",
        onLog: (r) => Atomics.store(control, CONTROL_STEP, r.step),
        onCheckpoint: () => snapshot("save"),
      });
    } catch (e) {
      if (!(e instanceof RunAbortedError)) throw e;
      // Stopped: trainRun wrote a checkpoint at the step it reached; store it so that the next worker starts there.
      if (existsSync(dir.file("checkpoint"))) await snapshot("save");
      return { stopped: { step: e.step } };
    }
    if ("summary" in output) await snapshot("final", readFileSync(dir.file("summary")));
    return output;
  } finally {
    clearInterval(watch);
    rmSync(job.scratch, { recursive: true, force: true });
  }
}

/** The bytes of `path` after the first `offset` (the metrics file only grows while a run goes on). */
function readFrom(path: string, offset: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size < offset) throw new Error(`runQueuedJob: ${path} shrank below the ${offset} bytes already stored`);
    const out = Buffer.alloc(size - offset);
    let read = 0;
    while (read < out.length) read += readSync(fd, out, read, out.length - read, offset + read);
    return out;
  } finally {
    closeSync(fd);
  }
}
