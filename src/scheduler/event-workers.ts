import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EventProcessor } from '../processor/event-processor.js';
import { WORKER_LIVENESS } from './backoff.js';
import { runInBackground } from './effect-worker.js';
import { EventQueues, type EventJobData } from './event-queues.js';
import type { IntakePressure } from './intake-pressure.js';

const INLINE_ATTEMPTS = 5;

/** Errors that say Redis could not be reached or is not serving yet, rather than a fault of the item. */
export function redisUnavailable(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /Connection is closed|max retries per request|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|LOADING|READONLY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|Stream isn't writeable/i.test(message);
}

/**
 * One worker per event partition, concurrency 1 (the queue's global concurrency keeps it at 1
 * across processes too). A failing event is retried here, in place, so that the next event of
 * the same chat never overtakes it; after the last attempt it stays in the failed set for ops.
 */
export class EventWorkers {
  readonly workers: Worker<EventJobData>[];

  constructor(
    connection: Redis,
    prefix: string,
    partitions: number,
    processor: EventProcessor,
    private readonly logger: Logger,
    /** The intake's burst: the workers wait a little before each item while it lasts. */
    pressure?: IntakePressure,
  ) {
    this.workers = Array.from({ length: partitions }, (_, i) => {
      const worker = new Worker<EventJobData>(
        EventQueues.queueName(i),
        async (job) => {
          await pressure?.yieldToIntake();
          for (let attempt = 1; ; ) {
            try {
              await processor.process(job.data.stream, job.data.item);
              return;
            } catch (err) {
              if (redisUnavailable(err)) {
                // Not the item's fault: wait for Redis (this connection retries until it is
                // back) and try again, however long the outage; the attempt does not count.
                logger.warn({ stream: job.data.stream, jobId: job.id, err: (err as Error).message }, 'Redis unavailable while applying an item; waiting for it');
                await sleep(200);
                await connection.ping().catch(() => undefined);
                continue;
              }
              if (attempt >= INLINE_ATTEMPTS) throw err;
              logger.warn({ stream: job.data.stream, jobId: job.id, attempt, err: (err as Error).message }, 'item failed; retrying');
              await sleep(100 * 2 ** attempt);
              attempt += 1;
            }
          }
        },
        { connection, prefix, concurrency: 1, autorun: false, ...WORKER_LIVENESS },
      );
      worker.on('failed', (job, err) =>
        logger.error({ stream: job?.data.stream, jobId: job?.id, err: err.message }, 'item failed for good; kept in the failed set'),
      );
      worker.on('error', (err) => logger.error({ err: err.message }, 'event worker error'));
      return worker;
    });
  }

  async start(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    for (const w of this.workers) runInBackground(w, this.logger);
  }

  running(): boolean {
    return this.workers.every((w) => w.isRunning());
  }

  async close(force = false): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close(force)));
  }
}
