import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { InternalEvent, StreamKey } from '../../src/domain/stream.js';
import { Keys } from '../../src/store/keys.js';
import type { EventQueues } from '../../src/scheduler/event-queues.js';
import { Timers } from '../../src/scheduler/timers.js';
import { waitFor } from '../helpers/build.js';

/**
 * Two instances' timer workers on the same Redis and prefix (as two bot processes would run):
 * they share the firing, and every timer fires exactly once, also when one is re-armed or
 * cancelled by the other instance. (Webhooks to either instance and per-chat order across two
 * instances: test/scheduler/ordering.test.ts.)
 */
describe('timers across two instances', () => {
  const prefix = `so-${process.pid}`;
  const connections: Redis[] = [];
  const timers: Timers[] = [];
  afterAll(async () => {
    await Promise.all(timers.map((t) => t.close()));
    for (const c of connections) c.disconnect();
  });

  it('fires each of 300 timers once, the work shared by both, re-arms and cancels honoured', async () => {
    const fired: { instance: string; timerId: string; dueAt: string }[] = [];
    const instance = (name: string) => {
      const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
      const request = new Redis(inject('redisUrl'));
      connections.push(connection, request);
      const recorder = {
        enqueueInternal: (_stream: StreamKey, event: InternalEvent) => {
          fired.push({ instance: name, timerId: event.name, dueAt: String(event.data.dueAt) });
          return Promise.resolve();
        },
      } as unknown as EventQueues;
      const t = new Timers(connection, prefix, request, new Keys(prefix), systemClock, recorder);
      timers.push(t);
      return t;
    };
    const a = instance('a');
    const b = instance('b');
    const base = new Date().getTime() + 1500;
    const due = (i: number, shift = 0) => new Date(base + (i % 50) * 10 + shift).toISOString();
    for (let i = 0; i < 300; i++) await (i % 2 ? b : a).set(`chat:ch_${i}`, `chat|ch_${i}|wake`, due(i), {});
    // The other instance moves the first 20 and cancels the next 10.
    for (let i = 0; i < 20; i++) await (i % 2 ? a : b).set(`chat:ch_${i}`, `chat|ch_${i}|wake`, due(i, 500), {});
    for (let i = 20; i < 30; i++) await (i % 2 ? a : b).cancel(`chat|ch_${i}|wake`);
    await Promise.all([a.start(pino({ level: 'silent' })), b.start(pino({ level: 'silent' }))]);

    await waitFor(() => fired.length >= 290, { timeoutMs: 15_000 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(fired).toHaveLength(290);
    const ids = fired.map((f) => f.timerId);
    expect(new Set(ids).size).toBe(290);
    for (let i = 20; i < 30; i++) expect(ids).not.toContain(`chat|ch_${i}|wake`);
    for (let i = 0; i < 20; i++) expect(fired.find((f) => f.timerId === `chat|ch_${i}|wake`)?.dueAt).toBe(due(i, 500));
    expect(fired.filter((f) => f.instance === 'a').length).toBeGreaterThan(0);
    expect(fired.filter((f) => f.instance === 'b').length).toBeGreaterThan(0);
  });
});
