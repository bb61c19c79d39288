import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, freePort, KAROO_URL, makeEvent, signedRequest, waitFor } from './helpers/build.js';

/** The bot finds its Redis through a real Redis Sentinel (REDIS_SENTINELS) and works as usual. */
describe('Redis Sentinel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-'));
  const children: ChildProcess[] = [];
  let sentinelPort = 0;
  let app: FastifyInstance | undefined;

  beforeAll(async () => {
    const primary = await freePort();
    sentinelPort = await freePort();
    children.push(spawn('redis-server', ['--port', String(primary), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' }));
    writeFileSync(join(dir, 'sentinel.conf'), `port ${sentinelPort}\nbind 127.0.0.1\nsentinel monitor karoo 127.0.0.1 ${primary} 1\n`);
    children.push(spawn('redis-server', [join(dir, 'sentinel.conf'), '--sentinel'], { stdio: 'ignore', cwd: dir }));
    await new Promise((r) => setTimeout(r, 500));
  });
  afterAll(async () => {
    await app?.close();
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('answers a ping through a primary it learnt from the sentinel', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    const scope = nock(KAROO_URL).post(/\/v1\/chats\/.*\/messages/).reply(201, { id: 'msg_1' });
    app = await build({ env: { REDIS_URL: 'redis://unused.invalid:6379/0', REDIS_SENTINELS: `127.0.0.1:${sentinelPort}`, REDIS_SENTINEL_MASTER: 'karoo' } });
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    expect((await app.inject(signedRequest(makeEvent({ text: 'ping' })))).statusCode).toBe(202);
    await waitFor(() => scope.isDone(), { timeoutMs: 10_000 });
  });
});
