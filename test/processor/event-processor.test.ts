import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EventProcessor } from '../../src/processor/event-processor.js';
import { karooEventSchema } from '../../src/intake/karoo-event-schema.js';
import { ManualClock } from '../../src/clock.js';
import { Keys } from '../../src/store/keys.js';
import { BimerQueue } from '../../src/scheduler/bimer-queue.js';
import { EventQueues } from '../../src/scheduler/event-queues.js';
import { OutboundQueue } from '../../src/scheduler/outbound-queue.js';
import { Timers } from '../../src/scheduler/timers.js';
import { RedisStreamStore, StaleStateError } from '../../src/store/stream-store.js';
import { WhatsAppWindows } from '../../src/store/whatsapp-window.js';
import { makeEvent } from '../helpers/build.js';
import { flowContext } from '../helpers/monitoring.js';

describe('EventProcessor with the Redis stream store', () => {
  const prefix = `ep-${process.pid}`;
  const clock = new ManualClock('2026-11-21T16:00:00Z');
  let redis: Redis;
  let outbound: OutboundQueue;
  let bimer: BimerQueue;
  let events: EventQueues;
  let timers: Timers;
  let store: RedisStreamStore;

  beforeAll(() => {
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const keys = new Keys(prefix);
    outbound = new OutboundQueue(redis, prefix, 2);
    bimer = new BimerQueue(redis, prefix, { maxAttempts: 3, retentionDays: 90 });
    events = new EventQueues(redis, prefix, 2);
    timers = new Timers(redis, prefix, redis, keys, clock, events);
    store = new RedisStreamStore(redis, keys);
  });
  afterAll(async () => {
    await Promise.all([outbound.close(), bimer.close(), events.close(), timers.close()]);
    redis.disconnect();
  });

  it('applies an item once: a run that died before handing over its effects re-dispatches them under the same ids', async () => {
    const applied: string[] = [];
    const processor = new EventProcessor(store, { outbound, bimer, timers, events, windows: new WhatsAppWindows(redis, new Keys(prefix)) }, clock, flowContext, pino({ level: 'silent' }), (_s, item) =>
      applied.push(item.event.id),
    );
    const event = karooEventSchema.parse(makeEvent({ chatId: 'ch_idem', text: 'ping' }));
    const item = { kind: 'karoo' as const, event };
    // The first run dies after its commit, before marking its effects handed over.
    const dispatched = store.dispatched.bind(store);
    store.dispatched = () => Promise.reject(new Error('killed'));
    await expect(processor.process('agent:joao.silva', item)).rejects.toThrow('killed');
    store.dispatched = dispatched;
    const second = await processor.process('agent:joao.silva', item);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ type: 'karoo.sendMessage', text: 'pong' });
    // Once handed over, a further run has nothing left to send.
    expect(await processor.process('agent:joao.silva', item)).toEqual([]);
    expect(applied).toEqual([event.id]);
    expect((await store.load('agent:joao.silva')).version).toBe(1);
    const jobs = await outbound.jobs('wait');
    expect(jobs.map((j) => j.data.idempotencyKey)).toEqual([`karoo-bot:${event.id}:0`]);
  });

  it('refuses to commit over a state that changed meanwhile', async () => {
    const state = await store.load('chat:ch_race');
    await store.commit(0, { ...state, version: 1 }, 'evt_a', []);
    await expect(store.commit(0, { ...state, version: 1 }, 'evt_b', [])).rejects.toBeInstanceOf(StaleStateError);
  });

  it('re-arms a timer in place and cancels it', async () => {
    await timers.set('agent:x', 'mon|1|due|1', '2026-11-28T11:00:00.000Z', { a: 1 });
    await timers.set('agent:x', 'mon|1|due|1', '2026-11-30T11:00:00.000Z', { a: 1 });
    let delayed = await timers.queue.getDelayed();
    expect(delayed.map((j) => new Date(j.data.d).toISOString())).toEqual(['2026-11-30T11:00:00.000Z']);
    expect(delayed[0]?.data.x).toEqual({ a: 1 });
    await timers.cancel('mon|1|due|1');
    delayed = await timers.queue.getDelayed();
    expect(delayed).toEqual([]);
    // Nothing is left pointing at a timer that no longer exists.
    expect(await redis.hlen(new Keys(prefix).timers())).toBe(0);
  });
});
