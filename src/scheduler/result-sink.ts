import { UnrecoverableError, type Job } from 'bullmq';
import type { Clock } from '../clock.js';
import type { ResultRoute } from '../domain/effects.js';
import type { DeliveredOutcome } from '../domain/results.js';
import type { Cause } from '../domain/stream.js';
import type { EventQueues } from './event-queues.js';


/** Delivers the outcome of an effect to the stream that asked, as an `effect.result` item (with the cause the effect carried). */
export type ResultSink = (route: ResultRoute, effectKey: string, outcome: DeliveredOutcome, cause?: Cause) => Promise<void>;

export function resultSink(events: EventQueues, clock: Clock): ResultSink {
  return (route, effectKey, outcome, cause) =>
    events.enqueueInternal(
      route.stream,
      { id: `res|${effectKey}`, type: 'effect.result', name: route.tag, data: { ...outcome, context: route.context ?? {} }, ...(cause ? { cause } : {}) },
      clock.now(),
    );
}

/**
 * Runs one attempt of an effect job. Success is reported to the asking stream before the job
 * completes (so a crash re-runs the idempotent call rather than losing the result); a final
 * failure, or the last attempt's, is reported too, then the job fails (kept for ops).
 */
export async function runWithResult<T>(
  job: Job<{ key: string; onResult?: ResultRoute | undefined; cause?: Cause | undefined }>,
  sink: ResultSink,
  attempt: () => Promise<T>,
  /** Whether the failure is final, at this attempt (1 for the first). */
  isFinal: (err: unknown, attempt: number) => boolean,
): Promise<T> {
  const route = job.data.onResult;
  try {
    const result = await attempt();
    if (route) await sink(route, job.data.key, { ok: true, result: result ?? null }, job.data.cause);
    return result;
  } catch (err) {
    const final = isFinal(err, job.attemptsMade + 1);
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const message = err instanceof Error ? err.message : String(err);
    if (route && (final || last)) await sink(route, job.data.key, { ok: false, error: message }, job.data.cause);
    if (final) throw new UnrecoverableError(message);
    throw err;
  }
}
