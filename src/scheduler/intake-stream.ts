import type { Redis } from 'ioredis';
import { streamOf } from '../flows/router.js';
import type { KarooEventBody } from '../intake/karoo-event-check.js';
import { scriptCommand } from '../store/connection.js';
import type { Keys } from '../store/keys.js';
import { partitionOf } from './partitions.js';

export type Acceptance = 'accepted' | 'duplicate' | 'in_progress';

// KEYS: per delivery, its webhook id's dedupe key then its partition's intake stream.
// ARGV[1]: the dedupe window (s); then per delivery its event id, job name, time of receipt (ISO)
// and body (the webhook's JSON as received, read by zod when the pump queues it).
// Returns, per delivery in order: '' once appended and remembered; the value found under its id
// (a duplicate); or '!' and the error when its append failed (its id is then not remembered, so
// only that delivery is refused and redelivered). The deliveries are taken in order, so a second
// delivery of an id in the same batch is a duplicate.
const ACCEPT_MANY = `
local ttl = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS / 2 do
  local seen = redis.call('GET', KEYS[2 * i - 1])
  if seen then
    out[i] = seen
  else
    local a = 4 * i - 2
    local added = redis.pcall('XADD', KEYS[2 * i], '*', 'id', ARGV[a], 'name', ARGV[a + 1], 'at', ARGV[a + 2], 'body', ARGV[a + 3])
    if type(added) == 'table' and added.err then
      out[i] = '!' .. added.err
    else
      redis.call('SET', KEYS[2 * i - 1], '1', 'EX', ttl)
      out[i] = ''
    end
  end
end
return out
`;

/** At most this many deliveries in one script call: a long script would hold Redis for others. */
const MAX_BATCH = 64;

type AcceptManyCommand = (numberOfKeys: number, ...keysThenArgs: string[]) => Promise<string[]>;

interface Waiting {
  dedupeKey: string;
  streamKey: string;
  eventId: string;
  name: string;
  at: string;
  body: string;
  settle: (acceptance: Acceptance) => void;
  fail: (err: unknown) => void;
}

/**
 * The webhook's one write (issue 26): the dedupe check, the event appended to its partition's
 * Redis Stream, and the id remembered for the dedupe window, in one small script, so a delivery
 * is either wholly accepted or not at all (a crash cannot leave one half done). The deliveries
 * read in the same turn of the event loop go in one script call (at most `MAX_BATCH`): under load
 * that is one round trip and one script run for many webhooks, and alone it is one for one. Each
 * delivery is answered only once its batch's script returned, so a 2xx still means "in its stream".
 * The pump (`intake-pump.ts`) moves the streams' entries into the partitions' BullMQ queues, in
 * order, off the request path. A `pending` claim left by a bot of the previous version (which
 * claimed, then queued) is still answered as "being accepted" until it lapses.
 */
/** A connection that was up and is gone (a first connection still opening waits, as at start). */
const LOST = new Set(['reconnecting', 'close', 'end']);

export class IntakeStream {
  private readonly command: AcceptManyCommand;
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly partitions: number,
    private readonly dedupeTtlSeconds: number,
  ) {
    this.command = scriptCommand(redis, 'karooBotAcceptMany', null, ACCEPT_MANY);
  }

  /** Appends a checked webhook body (`raw`, as received; `event`, what the fast check read of it). */
  accept(event: KarooEventBody, raw: string, receivedAt: Date): Promise<Acceptance> {
    // Redis away: refused at once (503, Karoo redelivers), never held past Karoo's 5 s while the
    // connection retries.
    if (LOST.has(this.redis.status)) return Promise.reject(new Error(`Redis is not connected (${this.redis.status})`));
    const partition = partitionOf(streamOf(event), this.partitions);
    return new Promise<Acceptance>((settle, fail) => {
      this.waiting.push({ dedupeKey: this.keys.dedupe(event.id), streamKey: this.keys.intake(partition), eventId: event.id, name: event.type, at: receivedAt.toISOString(), body: raw, settle, fail });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Sends what waits, in order, `MAX_BATCH` at a time (the calls are pipelined on the connection). */
  private flush(): void {
    this.scheduled = false;
    const all = this.waiting;
    this.waiting = [];
    for (let start = 0; start < all.length; start += MAX_BATCH) {
      const batch = all.slice(start, start + MAX_BATCH);
      const keys: string[] = [];
      const args: string[] = [String(this.dedupeTtlSeconds)];
      for (const w of batch) {
        keys.push(w.dedupeKey, w.streamKey);
        args.push(w.eventId, w.name, w.at, w.body);
      }
      this.command(keys.length, ...keys, ...args).then(
        (replies) =>
          batch.forEach((w, i) => {
            const reply = replies[i];
            // No answer for it (never expected) is no acceptance: refused, so Karoo redelivers.
            if (reply === undefined || reply.startsWith('!')) w.fail(new Error(`the intake stream refused the event: ${reply?.slice(1) ?? 'no answer'}`));
            else w.settle(acceptanceOf(reply));
          }),
        (err: unknown) => batch.forEach((w) => w.fail(err)),
      );
    }
  }
}

function acceptanceOf(reply: string): Acceptance {
  if (reply === '') return 'accepted';
  return reply === 'pending' ? 'in_progress' : 'duplicate';
}
