import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamItem } from '../../src/domain/stream.js';
import { build, makeEvent, signedRequest, testConfig, waitFor } from '../helpers/build.js';

describe('per-chat ordered processing', () => {
  const CHATS = 20;
  const PER_CHAT = 10;
  const applied = new Map<string, { seq: number; instance: string }[]>();
  let a: FastifyInstance;
  let b: FastifyInstance;

  beforeAll(async () => {
    nock.disableNetConnect();
    // Two bot instances on the same Redis and queue prefix: two sets of workers competing.
    const config = testConfig({ EVENT_PARTITIONS: '8' });
    const observe = (instance: string) => (_stream: string, item: StreamItem) => {
      if (item.kind !== 'karoo') return;
      const event = item.event;
      const list = applied.get(event.chat.id) ?? [];
      list.push({ seq: Number(event.message?.text.split(' ')[1]), instance });
      applied.set(event.chat.id, list);
    };
    a = await build({ config, onEventApplied: observe('a') });
    b = await build({ config, onEventApplied: observe('b') });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    nock.enableNetConnect();
  });

  it('applies 200 events of 20 concurrent chats one at a time, in arrival order per chat', async () => {
    // Chats are delivered concurrently; within a chat, each event arrives after the previous one's 202,
    // alternating between the two instances.
    await Promise.all(
      Array.from({ length: CHATS }, async (_, c) => {
        for (let seq = 0; seq < PER_CHAT; seq++) {
          const event = makeEvent({ chatId: `ch_order_${c}`, department: 'suporte', kind: 'customer', text: `msg ${seq}` });
          const res = await (seq % 2 ? b : a).inject(signedRequest(event));
          expect(res.statusCode, res.body).toBe(202);
        }
      }),
    );
    const total = () => [...applied.values()].reduce((n, l) => n + l.length, 0);
    // Hand-over: the workers of the instance that applied the most so far stop part-way (as in a
    // rolling deploy); the other carries on. Which one wins a partition's first job is a race
    // (and a worker that finishes a job takes that queue's next one), so the one to stop is chosen
    // by what happened, not named in advance: either way both instances apply some of the events.
    await waitFor(() => total() >= (CHATS * PER_CHAT) / 4, { timeoutMs: 20_000 });
    const by = (instance: string) => [...applied.values()].flat().filter((x) => x.instance === instance).length;
    await (by('a') >= by('b') ? a : b).bot.eventWorkers?.close();
    await waitFor(() => total() === CHATS * PER_CHAT, { timeoutMs: 20_000 });

    for (let c = 0; c < CHATS; c++) {
      expect(applied.get(`ch_order_${c}`)?.map((x) => x.seq)).toEqual([...Array(PER_CHAT).keys()]);
      // Every event was applied exactly once, and the stored state saw each one (version = count).
      const state = JSON.parse((await a.bot.redis.get(a.bot.keys.state(`chat:ch_order_${c}`))) ?? '{}') as { version: number };
      expect(state.version).toBe(PER_CHAT);
    }
    const instances = new Set([...applied.values()].flat().map((x) => x.instance));
    expect(instances).toEqual(new Set(['a', 'b']));
  });
});
