import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EventProcessor } from '../../src/bot/event-processor.js';
import { karooEventSchema } from '../../src/bot/karoo-event.js';
import { ManualClock } from '../../src/clock.js';
import { Keys } from '../../src/redis.js';
import { OutboundQueue } from '../../src/scheduler/outbound-queue.js';
import { RedisChatStore, StaleStateError } from '../../src/store/chat-store.js';
import { makeEvent } from '../helpers/build.js';

describe('EventProcessor with the Redis chat store', () => {
  const prefix = `ep-${process.pid}`;
  let redis: Redis;
  let outbound: OutboundQueue;
  let store: RedisChatStore;

  beforeAll(() => {
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    outbound = new OutboundQueue(redis, prefix, { maxAttempts: 3 });
    store = new RedisChatStore(redis, new Keys(prefix));
  });
  afterAll(async () => {
    await outbound.close();
    redis.disconnect();
  });

  it('applies an event once: a second run re-dispatches the recorded effects under the same ids', async () => {
    const applied: string[] = [];
    const processor = new EventProcessor(store, outbound, new ManualClock('2026-11-21T16:00:00Z'), {}, pino({ level: 'silent' }), (e) =>
      applied.push(e.id),
    );
    const event = karooEventSchema.parse(makeEvent({ chatId: 'ch_idem', text: 'ping' }));
    const first = await processor.process(event);
    const second = await processor.process(event);
    expect(second).toEqual(first);
    expect(applied).toEqual([event.id]);
    expect((await store.load('ch_idem')).version).toBe(1);
    const jobs = await outbound.queue.getJobs(['waiting', 'wait']);
    expect(jobs.map((j) => j.data.idempotencyKey)).toEqual([`karoo-bot:${event.id}:0`]);
  });

  it('refuses to commit over a state that changed meanwhile', async () => {
    const state = await store.load('ch_race');
    await store.commit(0, { ...state, version: 1 }, 'evt_a', []);
    await expect(store.commit(0, { ...state, version: 1 }, 'evt_b', [])).rejects.toBeInstanceOf(StaleStateError);
  });
});
