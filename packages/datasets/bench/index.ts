// `pnpm bench` for @vanish/datasets: generate + encode agreement examples as a stream (time and memory), then the
// classic tasks. Usage: tsx bench/index.ts [examples=1000000] [preset=default]
// CPU time (user + system, all threads of the process) is printed beside wall time because the machines are shared:
// with other jobs running, wall time overstates the cost.
import { cpus } from "node:os";
import {
  AgreementGenerator,
  type AgreementExample,
  type PresetName,
  addingProblem,
  agreementEncoder,
  copyMemory,
  encodeAgreement,
  streamAgreement,
  taskBatches,
  temporalOrder,
} from "../src/index";

const N = Number(process.argv[2] ?? 1_000_000);
const presets = (process.argv[3] ? [process.argv[3]] : ["default", "easy", "hard"]) as PresetName[];
const BATCH = 128;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

console.log(`@vanish/datasets benchmarks — ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, one thread`);
console.log(
  `\nAgreement: generate + encode ${N.toLocaleString("en")} examples per preset, streamed in batches of ${BATCH}`,
);
console.log(
  "| preset | wall s | CPU s | examples/s (wall) | mean input tokens | heap / ArrayBuffers at 10%, 50%, 100% (MB) |",
);
console.log("|---|---|---|---|---|---|");
for (const preset of presets) {
  const generator = new AgreementGenerator(preset);
  const encoder = agreementEncoder(generator.config.framing, BATCH, generator.maxLength);
  const heap: string[] = [];
  let tokens = 0;
  let checksum = 0;
  let seen = 0;
  const batch: AgreementExample[] = [];
  const memory = () => {
    const m = process.memoryUsage();
    return `${mb(m.heapUsed)}/${mb(m.arrayBuffers)}`;
  };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const example of streamAgreement(1, preset, { count: N })) {
    batch.push(example);
    tokens += example.ids.length;
    if (batch.length === BATCH) {
      const encoded = encodeAgreement(batch, { encoder });
      checksum += encoded.ids[encoded.ids.length - 1] + encoded.labels![0];
      batch.length = 0;
    }
    seen++;
    if (seen === N / 10 || seen === N / 2) heap.push(memory());
  }
  if (batch.length > 0) encodeAgreement(batch, { encoder });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  heap.push(memory());
  const rate = Math.round(N / seconds).toLocaleString("en");
  const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(2);
  console.log(
    `| ${preset} | ${seconds.toFixed(2)} | ${cpuSeconds} | ${rate} | ${(tokens / N).toFixed(1)} | ${heap.join(", ")} |`,
  );
  if (checksum === -1) console.log("(unreachable)");
}

console.log("\nClassic tasks: 200 batches of 64");
console.log("| task | T | seconds | sequences/s |");
console.log("|---|---|---|---|");
for (const task of [
  addingProblem({ length: 100 }),
  addingProblem({ length: 100, variant: "hochreiter" }),
  temporalOrder({ length: 100, classes: 8 }),
  copyMemory({ delay: 100 }),
]) {
  const t0 = performance.now();
  let sum = 0;
  for (const b of taskBatches(task, 1, { batchSize: 64, count: 200 })) sum += b.inputs[0];
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `| ${task.name} | ${task.maxLength} | ${seconds.toFixed(3)} | ${Math.round((200 * 64) / seconds).toLocaleString(
      "en",
    )} |`,
  );
  if (sum === -1) console.log("(unreachable)");
}
