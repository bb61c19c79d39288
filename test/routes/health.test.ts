import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../helpers/build.js';


describe('GET /healthz and /readyz', () => {
  let app: FastifyInstance | undefined;
  beforeEach(() => nock.disableNetConnect());
  afterEach(async () => {
    await app?.close();
    app = undefined;
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('reports liveness and readiness (Redis reachable, workers running)', async () => {
    app = await build();
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
