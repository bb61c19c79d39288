/**
 * One error model for the two services the bot calls (Karoo Chat, Bimer): every failure says
 * whether trying again can help, from the same reading of the HTTP status, and carries the
 * server's Retry-After. The queues and the in-place retries decide on that alone.
 */

export type DownstreamKind =
  /** worth trying again later: 5xx, 429, 408, timeouts, connection failures */
  | 'retryable'
  /** will never succeed as sent: the service refused it */
  | 'final'
  /** credentials refused (Bimer's login) */
  | 'auth';

export class DownstreamError extends Error {
  constructor(
    message: string,
    readonly service: 'karoo' | 'bimer',
    readonly kind: DownstreamKind,
    readonly status: number | undefined,
    /** From Retry-After on 429/503, in milliseconds. */
    readonly retryAfterMs: number | undefined,
    /** A retryable failure that may yet be a refusal (Bimer's 500 to a write, in its envelope): tried this many times at most. */
    readonly attemptLimit?: number,
  ) {
    super(message);
    this.name = 'DownstreamError';
  }
}

/** How an HTTP failure status reads: a server outage, overload or timeout is retryable; the rest is final. */
export function statusKind(status: number): 'retryable' | 'final' {
  return status >= 500 || status === 429 || status === 408 ? 'retryable' : 'final';
}

/** Whether this status may carry a Retry-After worth honouring. */
export function honoursRetryAfter(status: number): boolean {
  return status === 429 || status === 503;
}

/** A network failure's message with its cause (fetch says only "fetch failed"; the cause says ECONNREFUSED, "other side closed", …). */
export function networkFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const why = cause ? (typeof cause.code === 'string' ? cause.code : typeof cause.message === 'string' ? cause.message : '') : '';
  return why ? `${err.message} (${why})` : err.message;
}
