import type { Redis } from 'ioredis';
import type { KarooEvent } from '../domain/karoo-event.js';
import { streamOf } from '../flows/router.js';
import { scriptCommand } from '../store/connection.js';
import type { Keys } from '../store/keys.js';
import type { EventJobData } from './event-queues.js';
import { partitionOf } from './partitions.js';

export type Acceptance = 'accepted' | 'duplicate' | 'in_progress';

// KEYS[1] the webhook id's dedupe key, KEYS[2] the partition's intake stream; ARGV[1] the dedupe
// window (s), ARGV[2] the event id, ARGV[3] the job's name, ARGV[4] the job's data (JSON).
// Returns the value found under the id (a duplicate), or false once the event is in the stream.
const ACCEPT = `
local seen = redis.call('GET', KEYS[1])
if seen then return seen end
redis.call('XADD', KEYS[2], '*', 'id', ARGV[2], 'name', ARGV[3], 'data', ARGV[4])
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[1]))
return false
`;

type AcceptCommand = (dedupeKey: string, streamKey: string, ttl: string, eventId: string, name: string, data: string) => Promise<string | null>;

/**
 * The webhook's one write (issue 26): the dedupe check, the event appended to its partition's
 * Redis Stream, and the id remembered for the dedupe window, in one small script, so a delivery
 * is either wholly accepted or not at all (a crash cannot leave one half done) in one round trip.
 * The pump (`intake-pump.ts`) moves the stream's entries into the partition's BullMQ queue, in
 * order, off the request path. A `pending` claim left by a bot of the previous version (which
 * claimed, then queued) is still answered as "being accepted" until it lapses.
 */
export class IntakeStream {
  private readonly command: AcceptCommand;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
    private readonly partitions: number,
    private readonly dedupeTtlSeconds: number,
  ) {
    this.command = scriptCommand(redis, 'karooBotAccept', 2, ACCEPT);
  }

  async accept(event: KarooEvent, receivedAt: Date): Promise<Acceptance> {
    const stream = streamOf(event);
    const data: EventJobData = { stream, item: { kind: 'karoo', event }, receivedAt: receivedAt.toISOString() };
    const partition = partitionOf(stream, this.partitions);
    const seen = await this.command(this.keys.dedupe(event.id), this.keys.intake(partition), String(this.dedupeTtlSeconds), event.id, event.type, JSON.stringify(data));
    if (seen === null) return 'accepted';
    return seen === 'pending' ? 'in_progress' : 'duplicate';
  }
}
