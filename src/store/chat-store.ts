import type { Redis } from 'ioredis';
import type { Effect } from '../flows/types.js';
import { initialChatState, type ChatState } from '../flows/types.js';
import type { Keys } from '../redis.js';

/**
 * Where chat state and each event's outbox live. The outbox makes processing idempotent:
 * the effects an event produced are stored in the same transaction as the new state, so a
 * retried event re-sends exactly those effects (deduplicated downstream) instead of
 * running the flow a second time.
 */
export interface ChatStore {
  load(chatId: string): Promise<ChatState>;
  /** The effects already recorded for this event, or null when it was never applied. */
  recordedEffects(eventId: string): Promise<Effect[] | null>;
  /** Stores the new state and the event's effects atomically; refuses a stale version. */
  commit(previousVersion: number, state: ChatState, eventId: string, effects: Effect[]): Promise<void>;
}

export class StaleStateError extends Error {
  constructor(chatId: string) {
    super(`chat ${chatId} changed while an event was being applied`);
    this.name = 'StaleStateError';
  }
}

const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

// KEYS[1] state, KEYS[2] outbox; ARGV[1] expected version, ARGV[2] state json, ARGV[3] effects json, ARGV[4] ttl
const COMMIT_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local version = 0
if current then version = tonumber(cjson.decode(current).version) or 0 end
if version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3], 'EX', tonumber(ARGV[4]))
return 1
`;

export class RedisChatStore implements ChatStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async load(chatId: string): Promise<ChatState> {
    const raw = await this.redis.get(this.keys.chatState(chatId));
    return raw ? (JSON.parse(raw) as ChatState) : initialChatState(chatId);
  }

  async recordedEffects(eventId: string): Promise<Effect[] | null> {
    const raw = await this.redis.get(this.keys.outbox(eventId));
    return raw ? (JSON.parse(raw) as Effect[]) : null;
  }

  async commit(previousVersion: number, state: ChatState, eventId: string, effects: Effect[]): Promise<void> {
    const ok = await this.redis.eval(
      COMMIT_SCRIPT,
      2,
      this.keys.chatState(state.chatId),
      this.keys.outbox(eventId),
      String(previousVersion),
      JSON.stringify(state),
      JSON.stringify(effects),
      String(OUTBOX_TTL_SECONDS),
    );
    if (ok !== 1) throw new StaleStateError(state.chatId);
  }
}
