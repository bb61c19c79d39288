import { DownstreamError } from '../errors/downstream-error.js';

export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before attempt `attemptsMade + 1`: the server's Retry-After when it gave one,
 * otherwise exponential growth with "equal jitter" (half fixed, half random), capped.
 */
export function retryDelay(
  attemptsMade: number,
  err: unknown,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  if (err instanceof DownstreamError && err.retryAfterMs !== undefined) {
    return Math.min(err.retryAfterMs, settings.maxMs);
  }
  const exp = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * Lock and stall settings of every worker. A worker that dies (SIGKILL, OOM) leaves its job
 * active with a lock that is no longer renewed; with a global concurrency of 1 that job holds
 * its whole partition until BullMQ's stall check hands it back. Short locks (renewed every
 * 5 s while the job runs) and a check every 5 s make that about 15 s instead of a minute, and
 * since every job here is idempotent, a job may be handed back several times before it is
 * called failed.
 */
export const WORKER_LIVENESS = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 10 } as const;
