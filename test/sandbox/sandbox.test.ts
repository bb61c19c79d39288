import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig, SANDBOX_WEBHOOK_SECRET } from '../../src/config.js';
import { build, makeEvent, signedRequest, waitFor, freePort } from '../helpers/build.js';


describe('sandbox mode', () => {
  it('is on by default outside production when no Karoo/Bimer credential is set', () => {
    const c = loadConfig({ NODE_ENV: 'development', PORT: '4100' });
    expect(c.sandbox).toBe(true);
    expect(c.KAROO_API_URL).toBe('http://127.0.0.1:4100/sandbox/karoo');
    expect(c.BIMER_API_URL).toBe('http://127.0.0.1:4100/sandbox/bimer');
    expect(c.KAROO_WEBHOOK_SECRET).toEqual([SANDBOX_WEBHOOK_SECRET]);
  });

  it('is never on by accident in production: missing credentials are an error there', () => {
    expect(() => loadConfig({ PORT: '4100' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'development', SANDBOX: 'false' })).toThrow(/KAROO_API_URL is required/);
    expect(loadConfig({ SANDBOX: 'true' }).sandbox).toBe(true); // explicit flag
    const real = { KAROO_WEBHOOK_SECRET: SANDBOX_WEBHOOK_SECRET, KAROO_API_URL: 'https://karoo.example', KAROO_API_TOKEN: 't' };
    expect(loadConfig({ NODE_ENV: 'development', ...real }).sandbox).toBe(false);
  });

  describe('end to end over HTTP, through the normal adapters', () => {
    let app: FastifyInstance | undefined;
    afterEach(async () => {
      await app?.close();
    });

    it("answers an agent's implantation close with the sandbox's Bimer data, in the sandbox's Karoo", async () => {
      const port = await freePort();
      const config = loadConfig({
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        REDIS_URL: inject('redisUrl'),
        QUEUE_PREFIX: `sbx-${port}`,
        LOG_LEVEL: process.env.SANDBOX_TEST_LOG ?? 'silent',
      });
      app = await build({ config });
      await app.listen({ host: '127.0.0.1', port });
      const event = makeEvent({ chatId: 'ch_agent_joao', department: 'bot', kind: 'agent', login: 'joao.silva', text: 'finalizei a implantação do cliente 123' });
      const res = await app.inject(signedRequest(event, { secret: SANDBOX_WEBHOOK_SECRET }));
      expect(res.statusCode).toBe(202);
      const sandbox = app.sandbox!.store;
      const asked = await waitFor(() => sandbox.karooFor((r) => r.to?.login === 'joao.silva').find((r) => r.text.includes('Padaria Pão Quente')));
      expect(asked.text).toContain('parecer');
      expect(sandbox.karooFor((r) => r.chatId === 'ch_agent_joao')[0]?.text).toContain('000123');
      await app.close();
      app = undefined;
    });
  });
});
