import { describe, expect, it } from 'vitest';
import { appPerTest } from '../helpers/app-per-test.js';
import { build } from '../helpers/build.js';

describe('GET /healthz and /readyz', () => {
  const apps = appPerTest();

  it('reports liveness and readiness (Redis reachable, workers running)', async () => {
    const app = apps.use(await build());
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { redis: true, workers: true } });

    await app.bot.eventWorkers?.close();
    const notReady = await app.inject('/readyz');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().checks.workers).toBe(false);
  });
});
