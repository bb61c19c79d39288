import { performance } from 'node:perf_hooks';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { scriptCommand } from './connection.js';

/**
 * A store for @fastify/rate-limit that keeps each window's count in Redis, so the limit holds
 * across instances, without a Redis round trip per request (issue 26). An instance takes numbers
 * from the shared counter a block at a time (`INCRBY block`, the window's expiry set by the first
 * taker), hands them to its requests one by one, and asks for the next block when it runs out.
 *
 * The limit still holds: a number is never handed out twice, across instances, so no more than
 * `max` requests pass in a window. The price is on the other side: numbers of a block an instance
 * did not use count as taken, so the limit may start refusing up to `instances × block` requests
 * early. With the default `RATE_LIMIT_MAX=5000` per second the block is 50 (1%): one round trip
 * per 50 requests, and at most 1% early per instance.
 */

// KEYS[1] the window's counter; ARGV[1] block, ARGV[2] window (ms). Returns the counter after the
// block and the window's time left (ms).
const TAKE_BLOCK = `
local n = redis.call('INCRBY', KEYS[1], tonumber(ARGV[1]))
if n == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2])) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2])); ttl = tonumber(ARGV[2]) end
return {n, ttl}
`;

type TakeBlock = (key: string, block: string, windowMs: string) => Promise<[number, number]>;

/** The block taken for a key of the size above (at least 1, at most 100). */
export function blockSize(max: number): number {
  return Math.max(1, Math.min(100, Math.floor(max / 100)));
}

interface Held {
  /** The next number to hand out, and the last of the block. */
  next: number;
  last: number;
  /** When the window of this block ends (monotonic ms). */
  endsAt: number;
  /** A block being taken: the requests meanwhile wait for it instead of asking again. */
  taking: Promise<void> | null;
}

type Done = Parameters<FastifyRateLimitStore['incr']>[1];

/** What the plugin hands `child` at run time: the route it is for (its types say less). */
function routeOf(options: unknown): string {
  const info = (options as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return `${text(info.method)}${text(info.url)}-`;
}

/** The store class @fastify/rate-limit constructs (`store:` option), on this Redis and key prefix. */
export function blockStore(redis: Redis, prefix: string, now: () => number = () => performance.now()): FastifyRateLimitStoreCtor {
  const take: TakeBlock = scriptCommand(redis, 'karooBotRateBlock', 1, TAKE_BLOCK);

  class BlockStore implements FastifyRateLimitStore {
    private readonly held = new Map<string, Held>();

    constructor(
      _options: unknown,
      private readonly space = prefix,
    ) {}

    incr(key: string, cb: Done, timeWindow: number, max: number): void {
      const held = this.held.get(key);
      const at = now();
      if (held && held.next <= held.last && at < held.endsAt) {
        cb(null, { current: held.next++, ttl: Math.max(0, Math.round(held.endsAt - at)) });
        return;
      }
      this.refill(key, timeWindow, max).then(
        () => this.incr(key, cb, timeWindow, max),
        (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
      );
    }

    private refill(key: string, timeWindow: number, max: number): Promise<void> {
      let held = this.held.get(key);
      if (held?.taking) return held.taking;
      if (!held) {
        held = { next: 1, last: 0, endsAt: 0, taking: null };
        this.held.set(key, held);
        // Keys are clients (Karoo's few addresses); a stale one is dropped when its window is long over.
        if (this.held.size > 10_000) for (const [k, h] of this.held) if (h.endsAt < now() && !h.taking) this.held.delete(k);
      }
      const h = held;
      const block = blockSize(max);
      h.taking = take(`${this.space}${key}`, String(block), String(timeWindow))
        .then(([counter, ttl]) => {
          h.next = counter - block + 1;
          h.last = counter;
          h.endsAt = now() + ttl;
        })
        .finally(() => {
          h.taking = null;
        });
      return h.taking;
    }

    child(options: Parameters<FastifyRateLimitStore['child']>[0]): BlockStore {
      return new BlockStore(null, `${this.space}${routeOf(options)}`);
    }
  }
  return BlockStore;
}
