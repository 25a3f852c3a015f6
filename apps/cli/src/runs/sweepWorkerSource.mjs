// The sweep worker when vanish runs from its TypeScript sources (tsx, vitest): registers tsx in this worker thread,
// resolving @vanish/* to their sources through tsconfig.source.json, then loads the real worker. The built CLI uses
// dist/sweepWorker.js instead and never loads this file.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../../tsconfig.source.json", import.meta.url).pathname });
const worker = await import("./sweepWorker.ts");

export default worker.default;
export const runQueuedJob = worker.runQueuedJob;
