// The entry of every worker process (see ../child.ts): it receives one WorkerSpec over IPC, runs it, sends back
// a WorkerReport (or the error) and exits. Each kind loads only what it needs, so tfjs, brain.js and Vanish
// never share a process.
import type { WorkerReport, WorkerSpec } from "../spec";

async function run(spec: WorkerSpec): Promise<WorkerReport> {
  switch (spec.kind) {
    case "train":
      return (await import("./train")).runTrain(spec);
    case "gemm":
      return (await import("./gemm")).runGemm(spec);
    case "overhead":
      return (await import("./overhead")).runOverhead(spec);
    case "datasets":
      return (await import("./datasets")).runDatasets(spec);
    case "sweep":
      return (await import("./sweep")).runSweepBench(spec);
  }
}

process.once("message", (spec: WorkerSpec) => {
  run(spec).then(
    (report) => process.send!({ ok: true, report }, () => process.exit(0)),
    (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
  );
});
