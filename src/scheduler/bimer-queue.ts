import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { runBimerOp } from '../bimer-client/operations.js';
import type { BimerOp, BimerOpResult } from '../domain/bimer-ops.js';
import { BimerError, type BimerApi, type BimerTicket } from '../bimer-client/types.js';
import { asText } from '../util/text.js';
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
}

interface TicketHand {
  user: string;
  date: string;
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
  constructor(connection: Redis, prefix: string, api: BimerApi, sink: ResultSink, options: EffectWorkerOptions, audit?: { log: AuditLog; clock: Clock }) {
    super(
      BIMER_QUEUE,
      connection,
      prefix,
      sink,
      async (job) => {
        const result = await runBimerJob(api, job);
        await audit?.log.recordCall(job.data.op, result, job.data.cause ?? null, audit.clock.now(), job.data.key);
        return result;
      },
      (err) => err instanceof BimerError && err.kind === 'final',
      options,
    );
  }
}

function runBimerJob(api: BimerApi, job: Job<BimerJobData>): Promise<BimerOpResult> {
  const { op } = job.data;
  return op.op === 'delegate' ? delegateOnce(api, job, op) : runBimerOp(api, op);
}

/**
 * The contract gives a delegation no key to look it up by, so one whose answer was lost (a
 * timeout, a reset) could be sent again. The job records who held the ticket, for when, before
 * its first attempt; a later attempt that finds the ticket now handed to this user for this
 * date, when it was not before, knows an earlier one went through and stops there. When the
 * ticket already showed that user and date (the delegation right after the 2266 is created with
 * them), a retry sends again: at worst a repeated delegation line, never a missing one.
 */
async function delegateOnce(api: BimerApi, job: Job<BimerJobData>, op: Extract<BimerOp, { op: 'delegate' }>): Promise<BimerOpResult> {
  const target: TicketHand = { user: op.userId, date: op.date };
  const { before } = job.data;
  if (!before) {
    await job.updateData({ ...job.data, before: handOf(await api.getTicket(op.ticketId)) });
  } else if (!sameHand(before, target) && sameHand(handOf(await api.getTicket(op.ticketId)), target)) {
    return { done: true };
  }
  return runBimerOp(api, op);
}

function handOf(ticket: BimerTicket): TicketHand {
  return { user: asText(ticket.IdentificadorUsuarioResponsavel), date: asText(ticket.DataProvidenciar) };
}

/** Bimer's local date-times compared to the minute (some versions add seconds or a fraction). */
function sameHand(a: TicketHand, b: TicketHand): boolean {
  return a.user === b.user && a.date.slice(0, 16) === b.date.slice(0, 16);
}
