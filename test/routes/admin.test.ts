import { describe, expect, it } from 'vitest';
import { appPerTest } from '../helpers/app-per-test.js';
import { build } from '../helpers/build.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('/admin/queues (bull-board)', () => {
  const apps = appPerTest();

  it('serves bull-board only with the right credentials', async () => {
    const app = apps.use(await build({ env: { ADMIN_USER: 'ops', ADMIN_PASSWORD: 's3nha-forte-ops' } }));
    expect((await app.inject('/admin/queues')).statusCode).toBe(401);
    expect((await app.inject({ url: '/admin/queues', headers: { authorization: basic('ops', 'errada') } })).statusCode).toBe(401);
    const ok = await app.inject({ url: '/admin/queues', headers: { authorization: basic('ops', 's3nha-forte-ops') } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('<html');
    const api = await app.inject({ url: '/admin/queues/api/queues', headers: { authorization: basic('ops', 's3nha-forte-ops') } });
    expect(api.statusCode).toBe(200);
    const names = api.json<{ queues: { name: string }[] }>().queues.map((q) => q.name);
    expect(names).toContain('karoo-outbound-00');
    expect(names).toContain('events-00');
  });

  it('keeps bull-board off when no credentials are configured', async () => {
    const app = apps.use(await build());
    expect((await app.inject('/admin/queues')).statusCode).toBe(404);
  });
});
