import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { runBimerOp, type BimerOp } from '../bimer-client/operations.js';
import { BimerError, type BimerApi } from '../bimer-client/types.js';
import type { ResultRoute } from '../flows/types.js';
import { jobId } from '../redis.js';
import { retryDelay, type BackoffSettings } from './backoff.js';
import { logFailures } from './outbound-worker.js';
import { runWithResult, type ResultSink } from './results.js';

export const BIMER_QUEUE = 'bimer';

export interface BimerJobData {
  op: BimerOp;
  key: string;
  onResult?: ResultRoute | undefined;
}

/** Every Bimer call a flow asks for: an outage of Bimer delays the work, never loses it. */
export class BimerQueue {
  readonly queue: Queue<BimerJobData>;

  constructor(connection: Redis, prefix: string, policy: { maxAttempts: number }) {
    this.queue = new Queue<BimerJobData>(BIMER_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: policy.maxAttempts,
        backoff: { type: 'bimer' },
        removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
        removeOnFail: false,
      },
    });
  }

  async enqueue(op: BimerOp, key: string, onResult?: ResultRoute): Promise<void> {
    await this.queue.add(op.op, { op, key, onResult }, { jobId: jobId('bimer', key) });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export class BimerWorker {
  readonly worker: Worker<BimerJobData>;

  constructor(
    connection: Redis,
    prefix: string,
    api: BimerApi,
    sink: ResultSink,
    options: { concurrency: number; backoff: BackoffSettings; logger: Logger },
  ) {
    this.worker = new Worker<BimerJobData>(
      BIMER_QUEUE,
      (job) =>
        runWithResult(job, sink, () => runBimerOp(api, job.data.op), (err) => err instanceof BimerError && err.kind === 'final'),
      {
        connection,
        prefix,
        concurrency: options.concurrency,
        autorun: false,
        settings: {
          backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => retryDelay(attemptsMade, err, options.backoff),
        },
      },
    );
    logFailures(this.worker, options.logger, 'bimer call');
  }

  start(): void {
    void this.worker.run();
  }

  async close(force = false): Promise<void> {
    await this.worker.close(force);
  }
}
