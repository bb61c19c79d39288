import { KarooError } from '../bot/karoo-client.js';

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
  if (err instanceof KarooError && err.retryAfterMs !== undefined) {
    return Math.min(err.retryAfterMs, settings.maxMs);
  }
  const exp = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
