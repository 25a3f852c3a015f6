// One way in to a queue of runs: a connection, the BullMQ queue on it and the run store, closed together.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { connect, QUEUE_NAME, QUEUE_PREFIX } from "./connection";
import type { QueuedJobData } from "./jobs";
import { RunStore } from "./runStore";

export interface OpenQueue {
  redis: Redis;
  queue: Queue<QueuedJobData>;
  store: RunStore;
  /** Closes the queue and the connection. */
  close(): Promise<void>;
}

/**
 * Opens the queue at `url` (see {@link connect}: commands wait while Redis is away). The connection's errors, which
 * BullMQ also re-emits on the queue — without a listener it would print them with their stack — go to `onError`.
 */
export function openQueue(url: string, onError: (e: Error) => void = () => {}): OpenQueue {
  const redis = connect(url, onError);
  const queue = new Queue<QueuedJobData>(QUEUE_NAME, { connection: redis, prefix: QUEUE_PREFIX });
  queue.on("error", onError);
  return {
    redis,
    queue,
    store: new RunStore(redis),
    close: async () => {
      await queue.close();
      redis.disconnect();
    },
  };
}
