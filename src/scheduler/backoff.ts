import { DownstreamError } from '../errors/downstream-error.js';

export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before attempt `attemptsMade + 1`: exponential growth with "equal jitter" (half fixed,
 * half random), capped; the server's Retry-After, when it gave one, is a floor, never a shortcut
 * (an outage answering "Retry-After: 1" had used up Karoo's 20 attempts in 20 seconds, where the
 * backoff gives them 1 to 2 hours).
 */
export function retryDelay(
  attemptsMade: number,
  err: unknown,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const exp = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, attemptsMade - 1));
  const backoff = Math.round(exp / 2 + random() * (exp / 2));
  const asked = err instanceof DownstreamError && err.retryAfterMs !== undefined ? err.retryAfterMs : 0;
  return Math.min(settings.maxMs, Math.max(backoff, asked));
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
