import type { Redis } from 'ioredis';
import { initialState, type StreamState } from '../flows/router.js';
import { decodeState, encodeState } from './state-codec.js';
import type { Effect } from '../domain/effects.js';
import type { StreamKey } from '../domain/stream.js';
import { scriptCommand } from './connection.js';
import { type Keys } from './keys.js';

/**
 * Where each stream's state and each item's outbox live. The outbox makes processing
 * idempotent: the effects an item produced are stored in the same transaction as the new
 * state, so a retried item re-sends exactly those effects (deduplicated downstream) instead
 * of running the flow a second time.
 */
export interface StreamStore {
  load(stream: StreamKey): Promise<StreamState>;
  /** The effects already recorded for this item, or null when it was never applied. */
  recordedEffects(itemId: string): Promise<Effect[] | null>;
  /** Stores the new state and the item's effects atomically; refuses a stale version. */
  commit(previousVersion: number, state: StreamState, itemId: string, effects: Effect[]): Promise<void>;
  /** Every effect of the item is in its queue: keep only the fact that it was applied. */
  dispatched(itemId: string): Promise<void>;
  setOwner(customerCode: string, stream: StreamKey): Promise<void>;
  ownerOf(customerCode: string): Promise<StreamKey | null>;
  /** Appends to a capped list (newest first, at most `max` items). */
  record(list: string, value: unknown, max: number): Promise<void>;
}

export class StaleStateError extends Error {
  constructor(stream: string) {
    super(`stream ${stream} changed while an item was being applied`);
    this.name = 'StaleStateError';
  }
}

/** How long an applied item's outbox is kept, at least: a week. */
export const MIN_OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

/**
 * How every write of a state starts (the processor's commit, an erasure): KEYS[1] the state,
 * ARGV[1] the version read; nothing is written (0) when someone wrote the state since.
 */
/**
 * Lua: returns 0 unless the state's version is ARGV[1]. The version is kept in a key of its own
 * (`state-version:<stream>`) so that no script decodes a whole state (Redis's JSON decoder
 * refuses text a person typed that JavaScript accepts); a state written before that key existed
 * gives its version from its first `"version":` field, read without decoding.
 */
export function versionUnchanged(stateKey: string, versionKey: string): string {
  return `
local version = tonumber(redis.call('GET', ${versionKey}))
if not version then
  local current = redis.call('GET', ${stateKey})
  version = current and tonumber(string.match(current, '"version":(%d+)')) or 0
end
if version ~= tonumber(ARGV[1]) then return 0 end
`;
}

// KEYS[1] state, KEYS[2] outbox, KEYS[3] the state's version; ARGV[1] expected version, ARGV[2] state json, ARGV[3] effects json, ARGV[4] ttl, ARGV[5] the new version
const COMMIT_SCRIPT = `${versionUnchanged('KEYS[1]', 'KEYS[3]')}
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[3], ARGV[5])
redis.call('SET', KEYS[2], ARGV[3], 'EX', tonumber(ARGV[4]))
return 1
`;

type CommitCommand = (state: string, outbox: string, versionKey: string, version: string, json: string, effects: string, ttl: string, newVersion: string) => Promise<number>;

export class RedisStreamStore implements StreamStore {
  private readonly commitScript: CommitCommand;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    /**
     * How long the fact that an item was applied is kept. The webhook may enqueue a duplicate
     * delivery again (its claim and its enqueue go out together), so this outlives the dedupe
     * window: such an item is never applied twice.
     */
    private readonly outboxTtlSeconds = MIN_OUTBOX_TTL_SECONDS,
  ) {
    this.commitScript = scriptCommand(redis, 'karooBotCommit2', 3, COMMIT_SCRIPT);
  }

  async load(stream: StreamKey): Promise<StreamState> {
    const raw = await this.redis.get(this.keys.state(stream));
    if (!raw) return initialState(stream);
    const state = decodeState(raw);
    if (!state) throw new Error(`the state of ${stream} in Redis is not a state (kept as it is, for ops to look at)`);
    return state;
  }

  async recordedEffects(itemId: string): Promise<Effect[] | null> {
    const raw = await this.redis.get(this.keys.outbox(itemId));
    return raw ? (JSON.parse(raw) as Effect[]) : null;
  }

  async commit(previousVersion: number, state: StreamState, itemId: string, effects: Effect[]): Promise<void> {
    const ok = await this.commitScript(
      this.keys.state(state.stream),
      this.keys.outbox(itemId),
      this.keys.stateVersion(state.stream),
      String(previousVersion),
      encodeState(state),
      JSON.stringify(effects),
      String(this.outboxTtlSeconds),
      String(state.version),
    );
    if (ok !== 1) throw new StaleStateError(state.stream);
  }

  async dispatched(itemId: string): Promise<void> {
    // An empty list re-dispatches nothing, which is right once every effect was handed over.
    await this.redis.set(this.keys.outbox(itemId), '[]', 'KEEPTTL', 'XX');
  }

  async setOwner(customerCode: string, stream: StreamKey): Promise<void> {
    await this.redis.set(this.keys.owner(customerCode), stream);
  }

  async record(list: string, value: unknown, max: number): Promise<void> {
    await this.redis.multi().lpush(this.keys.list(list), JSON.stringify(value)).ltrim(this.keys.list(list), 0, max - 1).exec();
  }

  async ownerOf(customerCode: string): Promise<StreamKey | null> {
    return (await this.redis.get(this.keys.owner(customerCode))) as StreamKey | null;
  }
}
