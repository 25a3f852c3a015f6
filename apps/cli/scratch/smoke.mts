import { trainRun } from "/work/main/apps/cli/src/engine/index";
const t0 = performance.now();
for (const task of ["adding", "temporalOrder", "copy", "agreement"] as const) {
  const s = await trainRun({ task: { name: task, preset: "easy" }, cell: "gru", hiddenSize: 16, steps: 30, batchSize: 16, logEvery: 10, instrumentEvery: 10 }, { onLog: (r) => console.log(task, r.step, r.loss, r.gradNormBefore, r.hiddenGradNorms?.length) });
  console.log(task, JSON.stringify(s.evaluation).slice(0, 300), s.seconds.toFixed(2));
}
console.log((performance.now() - t0) / 1000);
