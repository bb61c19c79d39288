import { Queue } from 'bullmq';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { OutboundQueue } from '../src/scheduler/outbound-queue.js';
import { build, freePort, KAROO_URL, makeEvent, signedRequest, testConfig, waitFor } from './helpers/build.js';
import { appPerTest } from './helpers/app-per-test.js';
import { testLogger } from './helpers/test-logs.js';


describe('closing', () => {
  // Each test closes its bot itself (what it tests); the helper closes it again if the test failed first (a second close does nothing).
  const { use } = appPerTest();

  it('drains an active Karoo send before closing', async () => {
    const app = use(await build());
    const event = makeEvent({ text: 'ping' });
    const chat = (event.chat as { id: string }).id;
    let delivered = false;
    nock(KAROO_URL)
      .post(`/v1/chats/${chat}/messages`)
      .delay(800)
      .reply(201, () => {
        delivered = true;
        return { id: 'msg_slow' };
      });
    await app.inject(signedRequest(event));
    const outbound = app.bot.outbound;
    await waitFor(async () => (await outbound.jobs('active')).length === 1);
    const { REDIS_URL, QUEUE_PREFIX, OUTBOUND_CONCURRENCY: app0Partitions } = app.bot.config;
    await app.close();
    expect(delivered).toBe(true);
    // Seen from outside after the close: the job finished, nothing left active.
    const after = Array.from({ length: app0Partitions }, (_, i) => new Queue(OutboundQueue.queueName(i), { connection: { url: REDIS_URL }, prefix: QUEUE_PREFIX }));
    const counts = await Promise.all(after.map((q) => q.getJobCounts('active', 'completed', 'wait', 'delayed')));
    const total = (k: string) => counts.reduce((n, c) => n + (c[k] ?? 0), 0);
    expect({ active: total('active'), completed: total('completed'), wait: total('wait'), delayed: total('delayed') }).toEqual({
      active: 0,
      completed: 1,
      wait: 0,
      delayed: 0,
    });
    await Promise.all(after.map((q) => q.close()));
  });

  it('drains the workers before the HTTP server closes: a worker mid-request to this same server (the sandbox) does not hold the close', async () => {
    // In sandbox mode the workers call the stand-ins on the bot's own port over keep-alive. Were the
    // server closed first, the connection busy at that instant would stay open once idle (Fastify's
    // 72 s keep-alive) and the close would hang that long.
    nock.enableNetConnect('127.0.0.1');
    const port = await freePort();
    let entered = false;
    const selfCall = async () => {
      await fetch(`http://127.0.0.1:${port}/slow`);
      return { id: 'msg_self', chatId: 'ch_self', closed: true };
    };
    const app = use(await buildApp({ config: testConfig(), logger: testLogger(), karoo: { sendMessage: selfCall, closeChat: selfCall, sendProactive: selfCall } }));
    app.get('/slow', async () => {
      entered = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { ok: true };
    });
    await app.listen({ host: '127.0.0.1', port });
    await app.inject(signedRequest(makeEvent({ text: 'ping' })));
    await waitFor(() => entered);
    const started = performance.now();
    await app.close();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
