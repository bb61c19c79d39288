import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ChatState } from '../../src/flows/chat/state.js';
import { migrate, STATE_SCHEMA, StateSchemaError } from '../../src/flows/migrate.js';
import { scanStates } from '../../src/store/scan-states.js';
import { Keys } from '../../src/store/keys.js';
import { RedisStreamStore } from '../../src/store/stream-store.js';

/**
 * Stored states carry their schema, and a state written before a field became required is brought
 * up to date when read (issue 25): a chat stored by an older bot, without the fields that were
 * optional then, is read with them, and written back stamped with the current schema.
 */

/** A chat as the bot stored it before states carried a schema: no phone, no deliveries, no hardware, no early reply. */
const OLD_CHAT = {
  kind: 'chat',
  version: 4,
  stream: 'chat:ch_old',
  chatId: 'ch_old',
  department: 'suporte',
  contactName: 'Marta',
  contactKind: 'customer',
  lastActivityAt: '2026-11-28T12:00:00.000Z',
  lastContactMessageAt: '2026-11-28T12:00:00.000Z',
  closed: false,
  lastBotText: null,
  monitoring: null,
  plantao: null,
  reseller: 'none',
  wakeAt: null,
};

describe('the stored state schema', () => {
  const redis = new Redis(inject('redisUrl'));
  const keys = new Keys(`schema-${process.pid}`);
  afterAll(() => redis.quit());

  it('fills what an older bot left out, keeps what it wrote, and stamps the schema (pure)', () => {
    const state = migrate({ ...OLD_CHAT }) as ChatState & { schema: number };
    expect(state).toMatchObject({ ...OLD_CHAT, contactPhone: null, updatedAt: null, earlyReply: null, deliveries: {}, hardware: null, schema: STATE_SCHEMA });
    // A field the old state had is never overwritten by a default.
    expect(migrate({ ...OLD_CHAT, contactPhone: '+5521999990001' })).toMatchObject({ contactPhone: '+5521999990001' });
    // A state already at the current schema goes through unchanged.
    expect(migrate({ ...state })).toEqual(state);
    // Other kinds of states have nothing to fill in yet.
    expect(migrate({ kind: 'ops', version: 1, stream: 'ops:pending', pending: [] })).toEqual({ kind: 'ops', version: 1, stream: 'ops:pending', pending: [], schema: STATE_SCHEMA });
  });

  it('refuses a state written by a newer bot, naming the stream and both schemas', () => {
    expect(() => migrate({ ...OLD_CHAT, schema: STATE_SCHEMA + 1 })).toThrow(StateSchemaError);
    expect(() => migrate({ ...OLD_CHAT, schema: STATE_SCHEMA + 1 })).toThrow(`chat:ch_old was written with schema ${STATE_SCHEMA + 1}, newer than this bot's ${STATE_SCHEMA}`);
  });

  it('reads an old state from Redis at the current schema, in the processor and in the cross-stream readers, and writes it back stamped', async () => {
    const store = new RedisStreamStore(redis, keys);
    await redis.set(keys.state('chat:ch_old'), JSON.stringify(OLD_CHAT));
    await redis.set(keys.stateVersion('chat:ch_old'), '4');

    const loaded = (await store.load('chat:ch_old')) as ChatState;
    expect(loaded.deliveries).toEqual({});
    expect(loaded.hardware).toBeNull();
    const [scanned] = await scanStates(redis, keys, 'chat:*');
    expect((scanned?.state as ChatState).earlyReply).toBeNull();
    expect(scanned?.raw).toBe(JSON.stringify(OLD_CHAT)); // compare-and-delete still sees the stored text

    await store.commit(4, { ...loaded, version: 5, contactPhone: '+5521999990001' }, 'item-1', []);
    const stored = JSON.parse((await redis.get(keys.state('chat:ch_old'))) ?? '{}') as Record<string, unknown>;
    expect(stored).toMatchObject({ schema: STATE_SCHEMA, version: 5, contactPhone: '+5521999990001', deliveries: {} });
  });

  it('does not read a newer state as if it were its own: the item fails (and is retried) instead', async () => {
    const store = new RedisStreamStore(redis, keys);
    await redis.set(keys.state('chat:ch_new'), JSON.stringify({ ...OLD_CHAT, stream: 'chat:ch_new', schema: STATE_SCHEMA + 1 }));
    await expect(store.load('chat:ch_new')).rejects.toThrow(StateSchemaError);
  });
});
