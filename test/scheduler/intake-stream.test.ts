import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KarooEvent } from '../../src/domain/karoo-event.js';
import { streamOf } from '../../src/flows/router.js';
import { IntakeStream } from '../../src/scheduler/intake-stream.js';
import { partitionOf } from '../../src/scheduler/partitions.js';
import { Keys } from '../../src/store/keys.js';

/**
 * The webhook's one write, in batches (issue 26): the deliveries read in one turn of the event
 * loop go to Redis in one script call, and each is still answered for itself.
 */
describe('IntakeStream', () => {
  let redis: Redis;
  const keys = new Keys(`intake-stream-${Math.random().toString(36).slice(2)}`);
  const PARTITIONS = 4;
  const at = new Date('2026-12-07T11:00:00Z');
  let n = 0;
  const event = (chat: string, id = `evt_is_${++n}`): KarooEvent => ({
    id,
    type: 'message.created',
    occurredAt: '2026-12-07T08:00:00-03:00',
    chat: { id: chat, number: 1, department: 'suporte', contact: { id: 'ct', kind: 'customer', name: 'Ana', phone: '+5521999990000', login: null, crmCode: '000123' }, agent: null },
    message: { id: `msg_${id}`, author: 'contact', text: `texto ${id}` },
  });
  /** A delivery: the event and its body as received. */
  const send = (intake: IntakeStream, e: KarooEvent) => intake.accept(e, JSON.stringify(e), at);
  /** Every entry of every partition's stream: the event ids, per stream, in order. */
  const streamed = async () => {
    const all: string[][] = [];
    for (let p = 0; p < PARTITIONS; p++) {
      const entries = await redis.xrange(keys.intake(p), '-', '+');
      all.push(entries.map(([, fields]) => fields[fields.indexOf('id') + 1] as string));
    }
    return all;
  };
  const scriptCalls = async () => {
    const stats = await redis.info('commandstats');
    return Number(/cmdstat_evalsha:calls=(\d+)/.exec(stats)?.[1] ?? 0) + Number(/cmdstat_eval:calls=(\d+)/.exec(stats)?.[1] ?? 0);
  };

  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(async () => {
    const found = await redis.keys(keys.dedupe('*'));
    const streams = Array.from({ length: PARTITIONS }, (_, p) => keys.intake(p));
    await redis.del(...streams, ...found);
    redis.disconnect();
  });

  it('sends the deliveries of one turn in one script call, answers each, and keeps a chat in order', async () => {
    const intake = new IntakeStream(redis, keys, PARTITIONS, 3600);
    const events = Array.from({ length: 20 }, (_, i) => event(i % 2 ? 'ch_odd' : 'ch_even'));
    await send(intake, event('ch_warm')); // the script is loaded on the connection
    const before = await scriptCalls();
    const answers = await Promise.all(events.map((e) => send(intake, e)));
    const calls = (await scriptCalls()) - before;
    expect(answers).toEqual(events.map(() => 'accepted'));
    expect(calls).toBe(1);
    const all = (await streamed()).flat();
    for (const chat of ['ch_odd', 'ch_even']) {
      const sent = events.filter((e) => e.chat.id === chat).map((e) => e.id);
      expect(all.filter((id) => sent.includes(id))).toEqual(sent);
    }
  });

  it('answers the second delivery of an id in the same batch as a duplicate, and streams it once', async () => {
    const intake = new IntakeStream(redis, keys, PARTITIONS, 3600);
    const twice = event('ch_twice');
    const answers = await Promise.all([send(intake, twice), send(intake, twice), send(intake, event('ch_twice'))]);
    expect(answers).toEqual(['accepted', 'duplicate', 'accepted']);
    expect((await streamed()).flat().filter((id) => id === twice.id)).toHaveLength(1);
    expect(await send(intake, twice)).toBe('duplicate');
  });

  it('splits a large turn into several calls of at most 64, every delivery accepted once', async () => {
    const intake = new IntakeStream(redis, keys, PARTITIONS, 3600);
    const events = Array.from({ length: 150 }, () => event('ch_many'));
    const before = await scriptCalls();
    const answers = await Promise.all(events.map((e) => send(intake, e)));
    expect(answers.every((a) => a === 'accepted')).toBe(true);
    expect((await scriptCalls()) - before).toBe(3);
    const ids = (await streamed()).flat().filter((id) => events.some((e) => e.id === id));
    expect(ids).toEqual(events.map((e) => e.id));
  });

  // Found by an outside tester: with Redis stopped, the webhook answered 503 after 2, 10 and 17 s
  // (the connection's retries), past Karoo's 5 s: a delivery is refused at once instead.
  it('refuses at once, without waiting for the connection to come back, while Redis is away', async () => {
    const away = new Redis({ host: '127.0.0.1', port: 1, retryStrategy: () => 1000, maxRetriesPerRequest: 2, lazyConnect: false });
    away.on('error', () => undefined);
    try {
      await new Promise<void>((resolve) => away.once('reconnecting', () => resolve()));
      const intake = new IntakeStream(away, keys, PARTITIONS, 3600);
      await expect(send(intake, event('ch_away'))).rejects.toThrow(/Redis is not connected/);
    } finally {
      away.disconnect();
    }
  });

  it('refuses only the delivery whose append fails, and does not remember its id (the redelivery is taken)', async () => {
    const own = new Keys(`${keys.dedupe('broken')}`);
    const intake = new IntakeStream(redis, own, 2, 3600);
    // Two chats in different partitions; the stream of the first one's partition is broken.
    const partition = (chat: string) => partitionOf(streamOf(event(chat, 'x')), 2);
    const chats = Array.from({ length: 20 }, (_, i) => `ch_part_${i}`);
    const broken = chats.find((c) => partition(c) === 0) as string;
    const healthy = chats.find((c) => partition(c) === 1) as string;
    await redis.set(own.intake(0), 'not a stream');
    const bad = event(broken);
    const good = event(healthy);
    const [refused, accepted] = await Promise.allSettled([send(intake, bad), send(intake, good)]);
    expect(refused.status).toBe('rejected');
    expect(accepted).toEqual({ status: 'fulfilled', value: 'accepted' });
    expect(await redis.exists(own.dedupe(bad.id))).toBe(0);
    await redis.del(own.intake(0));
    expect(await send(intake, bad)).toBe('accepted');
    await redis.del(own.intake(0), own.intake(1), own.dedupe(bad.id), own.dedupe(good.id));
  });
});
