import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { runBimerOp, type BimerOp } from '../bimer-client/operations.js';
import { BimerError, type BimerApi } from '../bimer-client/types.js';
import type { ResultRoute } from '../flows/types.js';
import { jobId } from '../redis.js';
import { EffectWorker, type EffectWorkerOptions } from './effect-worker.js';
import type { ResultSink } from './results.js';

export const BIMER_QUEUE = 'bimer';

const WRITES = new Set<BimerOp['op']>(['createTicket', 'replaceText', 'delegate']);

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
    // A finished lookup is only of interest for an hour; tickets written stay visible a week.
    const read = !WRITES.has(op.op);
    await this.queue.add(op.op, { op, key, onResult }, { jobId: jobId('bimer', key), ...(read ? { removeOnComplete: { age: 3600, count: 10_000 } } : {}) });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** Runs queued Bimer calls; Bimer's own refusals are final, outages are retried. */
export class BimerWorker extends EffectWorker<BimerJobData> {
  constructor(connection: Redis, prefix: string, api: BimerApi, sink: ResultSink, options: EffectWorkerOptions) {
    super(BIMER_QUEUE, connection, prefix, sink, (job) => runBimerOp(api, job.data.op), (err) => err instanceof BimerError && err.kind === 'final', options);
  }
}
