// The entry of each sweep worker (a tinypool worker thread): one job per call. A local sweep calls the default
// export; `vanish worker` calls `runQueuedJob` (by name), which keeps the run's files in the queue's store.
import { runJob } from "./runJob";

export { runQueuedJob } from "../queue/queueJob";
export default runJob;
