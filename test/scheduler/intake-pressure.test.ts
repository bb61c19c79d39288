import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { IntakePressure } from '../../src/scheduler/intake-pressure.js';
import { build, makeEvent, signedRequest, waitFor } from '../helpers/build.js';

describe('IntakePressure', () => {
  it('is busy while the accepted rate is above the threshold, over the last quarter second, and quiet after', () => {
    let now = 0;
    const p = new IntakePressure(400, 1000, () => now); // 100 per quarter second
    for (let i = 0; i < 100; i++) p.note();
    expect(p.busy()).toBe(false); // exactly at the rate
    p.note();
    expect(p.busy()).toBe(true);
    now = 300; // the next quarter: the last full one was above
    expect(p.busy()).toBe(true);
    now = 520; // two quarters on: nothing since
    expect(p.busy()).toBe(false);
    now = 2000;
    expect(p.busy()).toBe(false);
  });

  it('never yields with a zero rate, and never waits longer than its bound', async () => {
    const off = new IntakePressure(0);
    for (let i = 0; i < 10_000; i++) off.note();
    expect(off.busy()).toBe(false);

    const p = new IntakePressure(4, 120);
    for (let i = 0; i < 3; i++) p.note();
    const keepBusy = setInterval(() => p.note(), 5);
    try {
      const start = performance.now();
      await p.yieldToIntake();
      const waited = performance.now() - start;
      expect(waited).toBeGreaterThanOrEqual(100);
      expect(waited).toBeLessThan(400);
    } finally {
      clearInterval(keepBusy);
    }
  });

  it('in the bot: a burst is answered 202 whole while the workers wait, then every event is applied', async () => {
    const prefix = `yield-${Math.random()}`;
    const app = await build({ env: { INTAKE_YIELD_RATE: '40', QUEUE_PREFIX: prefix } });
    const redis = new Redis(inject('redisUrl'));
    try {
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => app.inject(signedRequest(makeEvent({ chatId: `ch_burst_${i % 6}`, text: `mensagem ${i}` })))));
      expect(answers.map((r) => r.statusCode)).toEqual(Array(60).fill(202));
      expect(app.workers.pressure?.busy()).toBe(true);
      const applied = async () => (await redis.keys(`${prefix}:outbox:*`)).length;
      expect(await applied()).toBeLessThan(60); // the workers yielded during the burst
      await waitFor(async () => ((await applied()) >= 60 ? true : undefined), { timeoutMs: 15_000 });
    } finally {
      await redis.quit();
      await app.close();
    }
  });
});
