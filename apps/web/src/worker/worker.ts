// The module worker's entry: wires LabController to the worker's messages. Training runs here, never on the page.
import { ready } from "@vanish/core";
import { LabController } from "./LabController";
import type { Response } from "./protocol";

interface WorkerScope {
  postMessage(message: Response): void;
  onmessage: ((event: MessageEvent) => void) | null;
}
const scope = self as unknown as WorkerScope;

// A MessageChannel yields to pending messages without setTimeout's 4 ms clamp on nested timers.
const channel = new MessageChannel();
const queue: (() => void)[] = [];
channel.port1.onmessage = () => queue.shift()?.();

const controller = new LabController({
  post: (message) => scope.postMessage(message),
  schedule: (task) => {
    queue.push(task);
    channel.port2.postMessage(null);
  },
  now: () => performance.now(),
});
scope.onmessage = (event) => controller.handle(event.data);
// Compiles @vanish/core's wasm SIMD kernels (the fallback is plain JavaScript) and tells the page which it got.
void ready().then((backend) => scope.postMessage({ type: "ready", backend }));
