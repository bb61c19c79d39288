import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Whether this failure is worth another attempt. */
  retryable(err: unknown, attempt: number): boolean;
  /** How long to wait after failed attempt `attempt`. */
  delayMs(attempt: number, err: unknown): number;
  /** Told before each wait (logs, job progress). */
  onRetry?(attempt: number, err: unknown, delayMs: number): void | Promise<void>;
  /** Aborting stops a wait at once: the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

/**
 * Runs `attempt` until it succeeds, fails in a way not worth retrying, or runs out of attempts
 * (the last error is thrown). The one in-place retry of the bot: the Karoo outbound worker
 * (a chat's messages stay in order through an outage) and the Bimer client's reads.
 */
export async function retryInPlace<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (n >= options.attempts || !options.retryable(err, n)) throw err;
      const delay = options.delayMs(n, err);
      await options.onRetry?.(n, err, delay);
      await sleep(delay, undefined, options.signal ? { signal: options.signal } : undefined);
    }
  }
}
