import { afterEach, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { SandboxClock } from '../../src/sandbox/sandbox-clock.js';
import { systemClock } from '../../src/clock.js';
import { build, freePort } from '../helpers/build.js';

const DAY = 24 * 3600_000;
/** The real time (the sandbox's clock is the real one moved by the simulator). */
const realNow = () => systemClock.now().getTime();

describe("the sandbox's clock across a restart of the process", () => {
  const apps: FastifyInstance[] = [];
  const queuePrefix = `sbx-restart-${process.pid}`;
  /** The bot in sandbox mode with the clock `npm start` gives it (the real time, moved by the simulator). */
  const start = async () => {
    const config = loadConfig({ SANDBOX: 'true', PORT: String(await freePort()), HOST: '127.0.0.1', REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'silent' });
    const app = await build({ config, clock: new SandboxClock() });
    apps.push(app);
    return app;
  };
  const stop = async (app: FastifyInstance) => {
    await app.close();
    apps.splice(apps.indexOf(app), 1);
  };
  const post = (app: FastifyInstance, url: string, payload: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url, payload });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });

  it('goes on where the simulator moved it, and only Reiniciar puts it back to the real time', async () => {
    const first = await start();
    const moved = await post(first, '/sandbox/api/clock', { action: 'advance', minutes: 7 * 24 * 60 });
    expect(moved.statusCode).toBe(200);
    const movedTo = Date.parse(moved.json<{ now: string }>().now);
    expect(movedTo - realNow()).toBeGreaterThan(7 * DAY - 60_000);
    await stop(first);

    // The timers in Redis were armed for the simulated week: after a restart the clock is still there.
    const second = await start();
    expect(second.clock.now().getTime()).toBeGreaterThanOrEqual(movedTo);
    expect(second.clock.now().getTime() - movedTo).toBeLessThan(60_000);
    expect((await post(second, '/sandbox/api/reset')).statusCode).toBe(200);
    expect(Math.abs(second.clock.now().getTime() - realNow())).toBeLessThan(5_000);
    await stop(second);

    const third = await start();
    expect(Math.abs(third.clock.now().getTime() - realNow())).toBeLessThan(5_000);
  });
});
