import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';

/**
 * For a describe block whose tests each build their own bot: no real network while a test runs,
 * and the bot the test built (`use`) closed after it, whatever happened.
 */
export function appPerTest(): { use: (app: FastifyInstance) => FastifyInstance } {
  let current: FastifyInstance | undefined;
  beforeEach(() => nock.disableNetConnect());
  afterEach(async () => {
    await current?.close();
    current = undefined;
    nock.cleanAll();
    nock.enableNetConnect();
  });
  return {
    use: (app) => {
      current = app;
      return app;
    },
  };
}
