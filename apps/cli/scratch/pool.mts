import { WorkerPool } from "../src/runs/workerPool";
import { resolveRunConfig } from "../src/engine/config";
const pool = new WorkerPool(2);
const t0 = performance.now();
const res = await Promise.all([0, 1].map((seed) => pool.run({ config: resolveRunConfig({ task: { name: "adding", preset: "easy" }, steps: 20, seed, hiddenSize: 8, batchSize: 8 }), runDir: `/tmp/vsm/pool${seed}-${Date.now()}`, checkpointEvery: 10 })));
console.log(res.map((r) => r.finalLoss), performance.now() - t0);
await pool.destroy();
