/**
 * Failed logins per client (its address): after `maxFailures` within `windowMs` the client waits
 * `blockMs` before it may try again (429 with Retry-After), so guessing a password costs hours
 * instead of seconds. In memory, per instance: each instance holds its own count (a client
 * spread over N instances gets N times the tries, still far from a guessing rate). Pure, with the
 * clock injected; at most `maxClients` are remembered (the oldest forgotten first).
 */
export interface ThrottleSettings {
  maxFailures: number;
  windowMs: number;
  blockMs: number;
  maxClients: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = { maxFailures: 10, windowMs: 5 * 60_000, blockMs: 15 * 60_000, maxClients: 10_000 };

interface Tries {
  failures: number;
  since: number;
  blockedUntil: number;
}

export class LoginThrottle {
  private readonly clients = new Map<string, Tries>();

  constructor(
    private readonly now: () => Date,
    private readonly settings: ThrottleSettings = DEFAULT_THROTTLE,
  ) {}

  /** Milliseconds the client must still wait before it may try again (0: it may). */
  waitMs(client: string): number {
    const t = this.clients.get(client);
    return t ? Math.max(0, t.blockedUntil - this.now().getTime()) : 0;
  }

  /** A wrong login: counted; returns whether the client is now made to wait. */
  failed(client: string): boolean {
    const now = this.now().getTime();
    const known = this.clients.get(client);
    const t = known && now - known.since < this.settings.windowMs ? known : { failures: 0, since: now, blockedUntil: 0 };
    t.failures += 1;
    if (t.failures >= this.settings.maxFailures) t.blockedUntil = now + this.settings.blockMs;
    this.clients.delete(client); // re-inserted last: the map's order is the age
    this.clients.set(client, t);
    if (this.clients.size > this.settings.maxClients) {
      const oldest = this.clients.keys().next().value;
      if (oldest !== undefined) this.clients.delete(oldest);
    }
    return t.blockedUntil > now;
  }

  /** A right login: the count starts again. */
  succeeded(client: string): void {
    this.clients.delete(client);
  }
}
