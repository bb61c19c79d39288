import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { KarooEvent } from '../../src/domain/karoo-event.js';
import type { StreamItem } from '../../src/domain/stream.js';
import { IntakePressure } from '../../src/scheduler/intake-pressure.js';
import { IntakePump } from '../../src/scheduler/intake-pump.js';
import { Keys } from '../../src/store/keys.js';
import { build, makeEvent, signedRequest, testConfig, waitFor } from '../helpers/build.js';

/**
 * The webhook appends to a partition's Redis Stream; one pump at a time (a lease) moves the
 * entries into the partition's queue (issue 26). Nothing lost, nothing applied twice, the order
 * of a chat kept: across a pump's hand-over, and for entries a pump left behind when it died.
 */
describe('the intake pump', () => {
  const apps: FastifyInstance[] = [];
  const applied: { chat: string; text: string; instance: string }[] = [];
  const observe = (instance: string) => (_stream: string, item: StreamItem) => {
    if (item.kind === 'karoo') applied.push({ chat: item.event.chat.id, text: item.event.message?.text ?? '', instance });
  };
  beforeEach(() => {
    nock.disableNetConnect();
    applied.length = 0;
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
    nock.enableNetConnect();
  });
  /** Customer messages in one chat, each accepted (202). */
  const sendAll = async (app: FastifyInstance, chatId: string, texts: string[]) => {
    for (const text of texts) {
      const res = await app.inject(signedRequest(makeEvent({ chatId, department: 'suporte', kind: 'customer', text })));
      expect(res.statusCode).toBe(202);
    }
  };

  it('hands over between instances: the pump of a closing instance gives the lease up, the other takes it, every event applied once and in order', async () => {
    const config = testConfig({ EVENT_PARTITIONS: '4', QUEUE_PREFIX: `pump-${Math.random()}` });
    const a = await build({ config, onEventApplied: observe('a') });
    const b = await build({ config, onEventApplied: observe('b') });
    apps.push(a, b);
    const leader = await waitFor(() => [a, b].find((x) => x.workers.pump?.holdsLease()));
    const other = leader === a ? b : a;
    expect(other.workers.pump?.holdsLease()).toBe(false);

    const send = async (from: FastifyInstance, n: number) => {
      const res = await from.inject(signedRequest(makeEvent({ chatId: 'ch_pump', department: 'suporte', kind: 'customer', text: `msg ${n}` })));
      expect(res.statusCode).toBe(202);
    };
    for (let n = 0; n < 10; n++) await send(n % 2 ? a : b, n);
    await leader.close(); // gives the lease up (a crash would let it lapse in 10 s)
    apps.splice(apps.indexOf(leader), 1);
    for (let n = 10; n < 20; n++) await send(other, n);

    await waitFor(() => (applied.length >= 20 ? true : undefined), { timeoutMs: 15_000 });
    expect(other.workers.pump?.holdsLease()).toBe(true);
    expect(applied.map((x) => x.text)).toEqual(Array.from({ length: 20 }, (_, n) => `msg ${n}`));
  });

  it('moves what a pump left in the streams when it died, each once, even an entry it had already queued', async () => {
    const prefix = `pump-left-${Math.random()}`;
    const config = testConfig({ EVENT_PARTITIONS: '1', QUEUE_PREFIX: prefix });
    const redis = new Redis(inject('redisUrl'));
    const keys = new Keys(prefix);
    const entry = (event: KarooEvent) => ['id', event.id, 'name', event.type, 'data', JSON.stringify({ stream: `chat:${event.chat.id}`, item: { kind: 'karoo', event }, receivedAt: new Date().toISOString() })];
    const events = [0, 1, 2].map((n) => makeEvent({ chatId: 'ch_left', department: 'suporte', kind: 'customer', text: `left ${n}` }) as unknown as KarooEvent);
    for (const event of events) await redis.xadd(keys.intake(0), '*', ...entry(event));
    // The first entry appears twice: queued, then the pump died before deleting it.
    await redis.xadd(keys.intake(0), '*', ...entry(events[0] as KarooEvent));
    try {
      const app = await build({ config, onEventApplied: observe('a') });
      apps.push(app);
      await waitFor(() => (applied.length >= 3 ? true : undefined), { timeoutMs: 10_000 });
      await new Promise((r) => setTimeout(r, 500));
      expect(applied.map((x) => x.text)).toEqual(['left 0', 'left 1', 'left 2']);
      expect(await redis.xlen(keys.intake(0))).toBe(0);
    } finally {
      await redis.quit();
    }
  });

  it('reads each body with the event schema as it queues it (defaults, the phone in E.164); drops only a body the schema refuses; still takes an entry of the previous version', async () => {
    const prefix = `pump-read-${Math.random()}`;
    const config = testConfig({ EVENT_PARTITIONS: '1', QUEUE_PREFIX: prefix });
    const redis = new Redis(inject('redisUrl'));
    const keys = new Keys(prefix);
    const seen: KarooEvent[] = [];
    const at = new Date().toISOString();
    const raw = (text: string, phone: string) => {
      const event = makeEvent({ chatId: 'ch_read', department: 'suporte', kind: 'customer', text, phone }) as Record<string, unknown> & { id: string; chat: Record<string, unknown> };
      delete event.chat.number; // a field Karoo may leave out: zod's default (null) applies
      return event;
    };
    const first = raw('read 0', '(21) 99999-0000');
    const refused = { ...raw('read refused', '+5521988887777'), occurredAt: 'ontem' };
    const old = makeEvent({ chatId: 'ch_read', department: 'suporte', kind: 'customer', text: 'read 1' }) as unknown as KarooEvent;
    const last = raw('read 2', '+55 21 97777-6666');
    await redis.xadd(keys.intake(0), '*', 'id', String(first.id), 'name', 'message.created', 'at', at, 'body', JSON.stringify(first));
    await redis.xadd(keys.intake(0), '*', 'id', String(refused.id), 'name', 'message.created', 'at', at, 'body', JSON.stringify(refused));
    await redis.xadd(keys.intake(0), '*', 'id', old.id, 'name', old.type, 'data', JSON.stringify({ stream: `chat:${old.chat.id}`, item: { kind: 'karoo', event: old }, receivedAt: at }));
    await redis.xadd(keys.intake(0), '*', 'id', String(last.id), 'name', 'message.created', 'at', at, 'body', JSON.stringify(last));
    try {
      const app = await build({
        config,
        onEventApplied: (stream, item) => {
          observe('a')(stream, item);
          if (item.kind === 'karoo') seen.push(item.event);
        },
      });
      apps.push(app);
      await waitFor(() => (applied.length >= 3 ? true : undefined), { timeoutMs: 10_000 });
      await new Promise((r) => setTimeout(r, 500));
      expect(applied.map((x) => x.text)).toEqual(['read 0', 'read 1', 'read 2']);
      expect(seen[0]?.chat.contact.phone).toBe('+5521999990000');
      expect(seen[0]?.chat.number).toBeNull();
      expect(seen[2]?.chat.contact.phone).toBe('+5521977776666');
      expect(await redis.xlen(keys.intake(0))).toBe(0);
    } finally {
      await redis.quit();
    }
  });

  it('renews its lease about once a second under a steady flow, not before every batch', async () => {
    const prefix = `pump-renew-${Math.random()}`;
    const config = testConfig({ EVENT_PARTITIONS: '2', QUEUE_PREFIX: prefix });
    const app = await build({ config, onEventApplied: observe('a') });
    apps.push(app);
    await waitFor(() => app.workers.pump?.holdsLease() || undefined);
    // Every command Redis runs for the lease's key, from now on (the lease script names it first).
    const lease = new Keys(prefix).lock('intake-pump');
    const watcher = await new Redis(inject('redisUrl')).monitor();
    let renewals = 0;
    watcher.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === 'evalsha' && args[3] === lease) renewals += 1;
    });
    try {
      const started = performance.now();
      // Twelve deliveries 100 ms apart: each one its own small batch.
      for (let n = 0; n < 12; n++) {
        await sendAll(app, `ch_renew_${n % 3}`, [`steady ${n}`]);
        await new Promise((r) => setTimeout(r, 100));
      }
      await waitFor(() => (applied.length >= 12 ? true : undefined), { timeoutMs: 10_000 });
      const seconds = (performance.now() - started) / 1000;
      expect(applied.map((x) => x.text).sort()).toEqual(Array.from({ length: 12 }, (_, n) => `steady ${n}`).sort());
      // Once a second and one to spare (it renewed before each of the twelve batches before).
      expect(renewals).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
      expect(renewals).toBeGreaterThanOrEqual(1);
      expect(app.workers.pump?.holdsLease()).toBe(true);
    } finally {
      watcher.disconnect();
    }
  });

  it('waits while the intake is in a burst (the entries stay in their stream, not read), then queues them in order once it is over', async () => {
    const prefix = `pump-burst-${Math.random()}`;
    const config = testConfig({ EVENT_PARTITIONS: '1', QUEUE_PREFIX: prefix, INTAKE_YIELD_RATE: '100' });
    const app = await build({ config, onEventApplied: observe('a') });
    apps.push(app);
    const redis = new Redis(inject('redisUrl'));
    const keys = new Keys(prefix);
    // A burst: far more accepted deliveries than 100 a second, from now on, kept up for two seconds.
    const note = () => {
      for (let i = 0; i < 50; i++) app.workers.pressure?.note();
    };
    note();
    const burst = setInterval(note, 50);
    try {
      await sendAll(app, 'ch_burst', ['burst 0', 'burst 1', 'burst 2', 'burst 3', 'burst 4']);
      await new Promise((r) => setTimeout(r, 2000));
      expect(await redis.xlen(keys.intake(0))).toBe(5);
      expect(applied).toEqual([]);
      expect(app.workers.pump?.holdsLease()).toBe(true);
      clearInterval(burst);
      await waitFor(() => (applied.length >= 5 ? true : undefined), { timeoutMs: 10_000 });
      expect(applied.map((x) => x.text)).toEqual(['burst 0', 'burst 1', 'burst 2', 'burst 3', 'burst 4']);
      expect(await redis.xlen(keys.intake(0))).toBe(0);
    } finally {
      clearInterval(burst);
      await redis.quit();
    }
  });

  it('in a burst that outlasts its hold, moves a small batch at a time (never the whole backlog at once), in order', async () => {
    const prefix = `pump-storm-${Math.random()}`;
    const app = await build({ config: testConfig({ EVENT_PARTITIONS: '1', QUEUE_PREFIX: prefix, RUN_WORKERS: 'false' }) });
    apps.push(app);
    const keys = new Keys(prefix);
    await sendAll(app, 'ch_storm', ['s0', 's1', 's2', 's3', 's4']);
    const pressure = new IntakePressure(100);
    const note = () => {
      for (let i = 0; i < 50; i++) pressure.note();
    };
    note();
    const storm = setInterval(note, 50);
    const pump = new IntakePump(app.redis.queue, keys, app.queues.events, app.logger, pressure, { batch: 500, burstHoldMs: 300, burstBatch: 2 });
    const seen: number[] = [];
    try {
      pump.start();
      await waitFor(
        async () => {
          const left = await app.redis.request.xlen(keys.intake(0));
          if (seen.at(-1) !== left) seen.push(left);
          return left === 0 ? true : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 20 },
      );
      // Two at a time while the burst lasts (with the calm batch of 500 the five would go at once).
      expect(seen).toEqual([5, 3, 1, 0]);
      const jobs = await app.queues.events.queues[0]?.getWaiting(0, 10);
      expect(jobs?.map((j) => (j.data.item.kind === 'karoo' ? j.data.item.event.message?.text : null))).toEqual(['s0', 's1', 's2', 's3', 's4']);
    } finally {
      clearInterval(storm);
      await pump.close();
    }
  });

  it('stops queueing a calm batch within a chunk when a burst begins (the rest wait in their stream), then moves them in order', async () => {
    const prefix = `pump-calm-${Math.random()}`;
    const app = await build({ config: testConfig({ EVENT_PARTITIONS: '1', QUEUE_PREFIX: prefix, RUN_WORKERS: 'false' }) });
    apps.push(app);
    const keys = new Keys(prefix);
    const texts = Array.from({ length: 10 }, (_, i) => `c${i}`);
    await sendAll(app, 'ch_calm', texts);
    // Calm when the pump reads all ten; the burst begins as its first chunk is queued.
    let burst = false;
    const pressure = new IntakePressure(100);
    pressure.busy = () => burst;
    const events = app.queues.events;
    const watched = Object.create(events) as typeof events;
    watched.enqueueAccepted = async (partition, jobs) => {
      await events.enqueueAccepted(partition, jobs);
      burst = true;
    };
    const pump = new IntakePump(app.redis.queue, keys, watched, app.logger, pressure, { batch: 500, burstHoldMs: 300, burstBatch: 2 });
    try {
      pump.start();
      await waitFor(async () => ((await app.redis.request.xlen(keys.intake(0))) < 10 ? true : undefined));
      await new Promise((r) => setTimeout(r, 200));
      // The first chunk only: before, the ten went into the burst together.
      expect(await app.redis.request.xlen(keys.intake(0))).toBe(8);
      burst = false;
      await waitFor(async () => ((await app.redis.request.xlen(keys.intake(0))) === 0 ? true : undefined));
      const jobs = await events.queues[0]?.getWaiting(0, 20);
      expect(jobs?.map((j) => (j.data.item.kind === 'karoo' ? j.data.item.event.message?.text : null))).toEqual(texts);
    } finally {
      await pump.close();
    }
  });

  it('pauses between batches (the sandbox reset wipes the streams meanwhile) and, resumed, moves what came in', async () => {
    const prefix = `pump-pause-${Math.random()}`;
    const config = testConfig({ EVENT_PARTITIONS: '1', QUEUE_PREFIX: prefix });
    const app = await build({ config, onEventApplied: observe('a') });
    apps.push(app);
    const redis = new Redis(inject('redisUrl'));
    const keys = new Keys(prefix);
    try {
      await waitFor(() => app.workers.pump?.holdsLease() || undefined);
      await app.workers.pump?.pause();
      await sendAll(app, 'ch_pause', ['paused 0', 'paused 1', 'paused 2']);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await redis.xlen(keys.intake(0))).toBe(3);
      expect(applied).toEqual([]);
      app.workers.pump?.resume();
      await waitFor(() => (applied.length >= 3 ? true : undefined), { timeoutMs: 10_000 });
      expect(applied.map((x) => x.text)).toEqual(['paused 0', 'paused 1', 'paused 2']);
      expect(await redis.xlen(keys.intake(0))).toBe(0);
    } finally {
      await redis.quit();
    }
  });
});
