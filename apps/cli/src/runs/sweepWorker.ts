// The entry of each sweep worker (a tinypool worker thread): one job per call.
import { runJob } from "./runJob";

export default runJob;
