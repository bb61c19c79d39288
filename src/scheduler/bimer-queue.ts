import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BimerOp, RunBimerOp, TicketHand } from '../domain/bimer-ops.js';
import { DownstreamError } from '../errors/downstream-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Cause } from '../domain/stream.js';
import type { ResultRoute } from '../domain/effects.js';
import { jobId } from '../store/keys.js';
import { EffectWorker, type EffectWorkerOptions } from './effect-worker.js';
import type { ResultSink } from './result-sink.js';

export const BIMER_QUEUE = 'bimer';

const WRITES = new Set<BimerOp['op']>(['createTicket', 'replaceText', 'delegate']);

export interface BimerJobData {
  op: BimerOp;
  key: string;
  onResult?: ResultRoute | undefined;
  /** What set the work off (the audit trail; handed back with the result). */
  cause?: Cause | undefined;
  /** A delegation's ticket as it stood before the first attempt: who held it, for when. */
  before?: TicketHand;
  /** How many attempts of that delegation may have gone through (their answer was lost). */
  uncertain?: number;
}

/** Every Bimer call a flow asks for: an outage of Bimer delays the work, never loses it. */
export class BimerQueue {
  readonly queue: Queue<BimerJobData>;

  /** `retentionDays`: how long a job that failed for good is kept for ops (it holds what was asked of Bimer). */
  constructor(connection: Redis, prefix: string, policy: { maxAttempts: number; retentionDays: number }) {
    this.queue = new Queue<BimerJobData>(BIMER_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: policy.maxAttempts,
        backoff: { type: 'bimer' },
        removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
        removeOnFail: { age: policy.retentionDays * 24 * 3600 },
      },
    });
  }

  async enqueue(op: BimerOp, key: string, onResult?: ResultRoute, cause?: Cause): Promise<void> {
    // A finished lookup is only of interest for an hour; tickets written stay visible a week.
    const read = !WRITES.has(op.op);
    await this.queue.add(op.op, { op, key, onResult, ...(cause ? { cause } : {}) }, { jobId: jobId('bimer', key), ...(read ? { removeOnComplete: { age: 3600, count: 10_000 } } : {}) });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** Runs queued Bimer calls; Bimer's own refusals are final, outages are retried. Each write that goes through is audited. */
export class BimerWorker extends EffectWorker<BimerJobData> {
  constructor(connection: Redis, prefix: string, run: RunBimerOp, sink: ResultSink, options: EffectWorkerOptions, audit?: { log: AuditLog; clock: Clock }) {
    super(
      BIMER_QUEUE,
      connection,
      prefix,
      sink,
      async (job) => {
        const result = await run(job.data.op, {
          before: job.data.before,
          uncertain: job.data.uncertain,
          remember: (before, uncertain) => job.updateData({ ...job.data, before, ...(uncertain ? { uncertain } : {}) }),
        });
        await audit?.log.recordCall(job.data.op, result, job.data.cause ?? null, audit.clock.now(), job.data.key);
        return result;
      },
      (err, attempt) => err instanceof DownstreamError && (err.kind === 'final' || (err.attemptLimit !== undefined && attempt >= err.attemptLimit)),
      options,
    );
  }
}
