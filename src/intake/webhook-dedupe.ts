import type { Redis } from 'ioredis';
import { scriptCommand } from '../store/connection.js';
import { type Keys } from '../store/keys.js';

export type Claim = 'new' | 'accepted' | 'in_progress';

// KEYS[1] the id's key; ARGV[1] pending ttl (s). Returns the value found, or nil after claiming.
const CLAIM_SCRIPT = `
local v = redis.call('GET', KEYS[1])
if v then return v end
redis.call('SET', KEYS[1], 'pending', 'EX', tonumber(ARGV[1]))
return false
`;

type ClaimCommand = (key: string, pendingTtl: string) => Promise<string | null>;

/**
 * Webhook ids already accepted, in one round trip on the request path. A new id is claimed as
 * `pending` for a short while while the event is queued (both at once: idempotent by job id, and
 * the processor never applies an event twice), and only then is the id remembered for the full
 * window. A process that dies in between leaves a claim that expires on its own: Karoo's
 * redelivery, refused meanwhile with a retryable status, is then accepted and finds the job that
 * was already queued, never a second one.
 */
export class WebhookDedupe {
  private readonly claimCommand: ClaimCommand;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly ttlSeconds: number,
    /** Shorter than the queue's retention of a finished job, so a re-add is always a no-op. */
    private readonly pendingSeconds = 60,
  ) {
    this.claimCommand = scriptCommand(redis, 'karooBotClaim', 1, CLAIM_SCRIPT);
  }

  async claim(id: string): Promise<Claim> {
    const found = await this.claimCommand(this.keys.dedupe(id), String(this.pendingSeconds));
    if (found === null) return 'new';
    return found === 'pending' ? 'in_progress' : 'accepted';
  }

  /** The event is queued: remember its id for the whole window. */
  async accepted(id: string): Promise<void> {
    await this.redis.set(this.keys.dedupe(id), '1', 'EX', this.ttlSeconds);
  }

  /** The event could not be queued: forget the claim so the redelivery is taken. */
  async release(id: string): Promise<void> {
    await this.redis.del(this.keys.dedupe(id));
  }
}
