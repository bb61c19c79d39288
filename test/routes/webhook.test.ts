import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { KarooEvent } from '../../src/domain/karoo-event.js';
import { jobId } from '../../src/store/keys.js';
import { createHmac } from 'node:crypto';
import { build, KAROO_URL, makeEvent, signedRequest, TEST_SECRET, waitFor } from '../helpers/build.js';

const OTHER_SECRET = 'whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXkh';

describe('POST /webhooks/karoo', () => {
  let app: FastifyInstance;
  const applied: KarooEvent[] = [];

  beforeEach(async () => {
    applied.length = 0;
    nock.disableNetConnect();
    app = await build({ onEventApplied: (_stream, item) => void (item.kind === 'karoo' && applied.push(item.event)) });
  });
  afterEach(async () => {
    await app.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('accepts a validly signed event with 202 once it is durably queued', async () => {
    const event = makeEvent({ text: 'olá' });
    const res = await app.inject(signedRequest(event));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted', id: event.id });
    await waitFor(() => applied.some((e) => e.id === event.id));
  });

  // Found by an outside tester: a body with an emoji cut in half (bytes F0 9F), signed over its bytes
  // as Standard Webhooks signs, was refused as a bad signature (checked over the decoded text), so
  // Karoo would redeliver it forever.
  it('checks the signature over the bytes sent: a body that is not valid UTF-8 is taken, its text made well-formed', async () => {
    const event = makeEvent({ text: 'MARK' });
    const [head, tail] = JSON.stringify(event).split('MARK') as [string, string];
    const bytes = Buffer.concat([Buffer.from(`${head}oi `), Buffer.from([0xf0, 0x9f]), Buffer.from(tail)]);
    const id = String(event.id);
    const timestamp = Math.floor(new Date().getTime() / 1000);
    const signature = createHmac('sha256', Buffer.from(TEST_SECRET.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.`).update(bytes).digest('base64');
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/karoo',
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` },
      payload: bytes,
    });
    expect(res.statusCode).toBe(202);
    const got = await waitFor(() => applied.find((e) => e.id === id));
    expect(got.message?.text).toBe('oi \uFFFD');
  });

  it.each([
    ['a wrong secret', (e: Record<string, unknown>) => signedRequest(e, { secret: OTHER_SECRET })],
    ['a stale timestamp', (e: Record<string, unknown>) => signedRequest(e, { timestamp: Math.floor(Date.parse('2026-01-01') / 1000) })],
    [
      'a tampered body',
      (e: Record<string, unknown>) => {
        const req = signedRequest(e);
        return { ...req, payload: (req.payload as string).replace('ping', 'pong') };
      },
    ],
    [
      'missing headers',
      (e: Record<string, unknown>) => ({ ...signedRequest(e), headers: { 'content-type': 'application/json' } }),
    ],
  ])('rejects %s with 401 and processes nothing', async (_name, request) => {
    const event = makeEvent();
    const res = await app.inject(request(event));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_signature');
    await new Promise((r) => setTimeout(r, 100));
    expect(applied).toHaveLength(0);
  });

  it('answers 200 to a duplicate webhook-id and applies the event once', async () => {
    const scope = nock(KAROO_URL).post(/\/v1\/chats\/.*\/messages/).reply(201, { id: 'msg_1' });
    const event = makeEvent({ text: 'ping' });
    const first = await app.inject(signedRequest(event));
    const second = await app.inject(signedRequest(event));
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ status: 'duplicate', id: event.id });
    await waitFor(() => scope.isDone());
    await new Promise((r) => setTimeout(r, 300));
    const third = await app.inject(signedRequest(event));
    expect(third.statusCode).toBe(200);
    expect(applied.filter((e) => e.id === event.id)).toHaveLength(1);
    const ttl = await app.bot.redis.ttl(app.bot.keys.dedupe(String(event.id)));
    expect(ttl).toBeGreaterThan(72 * 3600 - 10);
  });

  it('refuses, retryably, a delivery whose id another delivery is still accepting, and takes it once that claim lapses, applying it once', async () => {
    const event = makeEvent({ text: 'oi' });
    // A process died between claiming the id and queueing the event.
    await app.bot.redis.set(app.bot.keys.dedupe(String(event.id)), 'pending', 'EX', 60);
    const res = await app.inject(signedRequest(event));
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('in_progress');
    expect(res.headers['retry-after']).toBeDefined();

    await app.bot.redis.del(app.bot.keys.dedupe(String(event.id))); // the claim expires
    expect((await app.inject(signedRequest(event))).statusCode).toBe(202);
    expect((await app.inject(signedRequest(event))).statusCode).toBe(200);
    await waitFor(() => applied.some((e) => e.id === event.id));
    await new Promise((r) => setTimeout(r, 300));
    expect(applied.filter((e) => e.id === event.id)).toHaveLength(1);
  });

  it('never applies twice a duplicate that arrives after the queue forgot the first job (within a 30-day dedupe window)', async () => {
    await app.close();
    app = await build({ env: { WEBHOOK_DEDUPE_TTL_HOURS: String(30 * 24) }, onEventApplied: (_stream, item) => void (item.kind === 'karoo' && applied.push(item.event)) });
    const scope = nock(KAROO_URL).post(/\/v1\/chats\/.*\/messages/).reply(201, { id: 'msg_1' });
    const event = makeEvent({ text: 'ping' });
    expect((await app.inject(signedRequest(event))).statusCode).toBe(202);
    await waitFor(() => scope.isDone());
    // The finished job leaves the queue after an hour; the dedupe window is 30 days.
    const id = jobId('evt', String(event.id));
    const holders = await Promise.all(app.bot.events.queues.map(async (q) => ((await q.getJob(id)) ? q : null)));
    const queue = holders.find((q) => q !== null);
    expect(queue).toBeDefined();
    await waitFor(async () => (await queue?.getJobState(id)) === 'completed');
    await queue?.remove(id);
    // The redelivery is a duplicate: the dedupe window remembers the id, so nothing is queued again.
    const again = await app.inject(signedRequest(event));
    expect(again.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await queue?.getJob(id)).toBeUndefined();
    expect(applied.filter((e) => e.id === event.id)).toHaveLength(1);
    // Were it queued again all the same (the window lost, a stream entry queued twice), the
    // processor, which remembers every event it applied a day past the window, would skip it.
    const chat = (event as unknown as KarooEvent).chat.id;
    await queue?.add('message.created', { stream: `chat:${chat}`, item: { kind: 'karoo', event: event as unknown as KarooEvent }, receivedAt: new Date().toISOString() }, { jobId: id });
    await waitFor(async () => (await queue?.getJobState(id)) === 'completed');
    expect(applied.filter((e) => e.id === event.id)).toHaveLength(1);
    const outboxTtl = await app.bot.redis.ttl(app.bot.keys.outbox(String(event.id)));
    expect(outboxTtl).toBeGreaterThan(31 * 24 * 3600 - 10); // the dedupe window and a day
  });

  it('answers 400 naming the field for malformed JSON, wrong types and missing fields, and keeps serving', async () => {
    const malformed = await app.inject(signedRequest('{"id": "evt_1", "type": ', { id: 'evt_1' }));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_json');

    const wrongType = makeEvent();
    (wrongType.chat as Record<string, unknown>).number = 'noventa e oito';
    const res = await app.inject(signedRequest(wrongType));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('chat.number');

    const noMessage = makeEvent();
    delete noMessage.message;
    const res2 = await app.inject(signedRequest(noMessage));
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.field).toBe('message');

    const badKind = makeEvent();
    ((badKind.chat as Record<string, unknown>).contact as Record<string, unknown>).kind = 'robot';
    const res3 = await app.inject(signedRequest(badKind));
    expect(res3.statusCode).toBe(400);
    expect(res3.json().error.field).toBe('chat.contact.kind');

    const mismatch = makeEvent();
    const res4 = await app.inject(signedRequest(mismatch, { id: 'evt_not_the_same' }));
    expect(res4.statusCode).toBe(400);
    expect(res4.json().error.field).toBe('id');

    const ok = await app.inject(signedRequest(makeEvent({ text: 'oi' })));
    expect(ok.statusCode).toBe(202);
  });

  // Found by an outside tester: a 60,000-character paste (an error log) in a body under 64 KiB got 400, and Karoo redelivers on any non-2xx.
  it('accepts a long message within 64 KiB and keeps it cut at 32,768 characters, by code points', async () => {
    const event = makeEvent({ text: `${'😀'.repeat(8_000)}${'x'.repeat(30_000)}` });
    const res = await app.inject(signedRequest(event));
    expect(res.statusCode).toBe(202);
    await waitFor(() => applied.some((e) => e.id === event.id));
    const text = applied.find((e) => e.id === event.id)?.message?.text ?? '';
    expect(Array.from(text)).toHaveLength(32_768);
    expect(text.startsWith('😀'.repeat(8_000))).toBe(true);
    expect(text.endsWith('x…')).toBe(true);
  });

  // Found by an outside tester: a contact name of 3,000 characters got 400, so the customer's message was lost to redeliveries.
  it("accepts any contact name and keeps it on one line, without direction overrides, cut at 200 characters", async () => {
    const event = makeEvent({ text: 'oi', name: `Ana\u202Eevil\u202C\n<b>${'😀'.repeat(3_000)}` });
    const res = await app.inject(signedRequest(event));
    expect(res.statusCode).toBe(202);
    await waitFor(() => applied.some((e) => e.id === event.id));
    const name = applied.find((e) => e.id === event.id)?.chat.contact.name ?? '';
    expect(Array.from(name)).toHaveLength(200);
    expect(name.startsWith('Anaevil <b>😀')).toBe(true);
    expect(name).not.toMatch(/[\n\u202A-\u202E]/);
  });

  it('answers 413 above 64 KiB and keeps serving', async () => {
    const big = makeEvent({ text: 'x'.repeat(65 * 1024) });
    const res = await app.inject(signedRequest(big));
    expect(res.statusCode).toBe(413);
    const ok = await app.inject(signedRequest(makeEvent({ text: 'oi' })));
    expect(ok.statusCode).toBe(202);
  });

  it('answers 503 and remembers nothing when the event cannot be queued, so the redelivery is accepted', async () => {
    const event = makeEvent({ text: 'oi' });
    // Every partition's intake stream refuses the append (a key of the wrong type): the one
    // script fails before it remembers the id.
    const streams = app.bot.events.queues.map((_, p) => app.bot.keys.intake(p));
    for (const key of streams) await app.bot.redis.set(key, 'not a stream');
    const res = await app.inject(signedRequest(event));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(await app.bot.redis.exists(app.bot.keys.dedupe(String(event.id)))).toBe(0);

    await app.bot.redis.del(...streams);
    const redelivery = await app.inject(signedRequest(event));
    expect(redelivery.statusCode).toBe(202);
    await waitFor(() => applied.some((e) => e.id === event.id));
  });

  it('accepts and ignores unknown event types and unknown fields', async () => {
    const event: Record<string, unknown> = { ...makeEvent({ type: 'chat.rated' }), extra: { anything: true } };
    const res = await app.inject(signedRequest(event));
    expect(res.statusCode).toBe(202);
    await waitFor(() => applied.some((e) => e.id === event.id));
  });

  // Found by an outside tester (2026-12-07): an unknown type without a chat was refused (400), which Karoo redelivers.
  it('accepts an unknown event type whatever its body carries, and applies nothing', async () => {
    const event = { id: `evt_${randomUUID()}_rated`, type: 'ticket.rated', occurredAt: '2027-01-04T08:00:00-03:00' };
    const res = await app.inject(signedRequest(event));
    expect(res.statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    expect(applied.some((e) => e.id === event.id)).toBe(false);
    // A known type still needs its chat.
    const known = await app.inject(signedRequest({ ...event, id: `${event.id}_2`, type: 'chat.closed' }));
    expect(known.statusCode).toBe(400);
    expect(known.json()).toMatchObject({ error: { field: 'chat' } });
  });

  // Found by an outside tester (2026-12-07): a signed body sent as text/plain was "bad signature", which looks like a secret rotation gone wrong.
  it('answers 415 to a body that is not sent as JSON, before the signature', async () => {
    const req = signedRequest(makeEvent({}));
    const res = await app.inject({ ...req, headers: { ...req.headers, 'content-type': 'text/plain' } });
    expect(res.statusCode).toBe(415);
  });

  it('answers bot and agent messages in a chat with nothing (no loops)', async () => {
    nock(KAROO_URL).post(/.*/).reply(201, { id: 'msg_x' });
    const chatId = 'ch_loop';
    const fromBot = makeEvent({ chatId, author: 'bot', text: 'ping' });
    const fromAgent = makeEvent({ chatId, author: 'agent', text: 'ping' });
    expect((await app.inject(signedRequest(fromBot))).statusCode).toBe(202);
    expect((await app.inject(signedRequest(fromAgent))).statusCode).toBe(202);
    await waitFor(() => applied.length === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(nock.pendingMocks()).toHaveLength(1);
  });
});

describe('rate limiting', () => {
  it('answers 429 past the configured limit, counted in Redis across instances', async () => {
    const env = { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000', QUEUE_PREFIX: `rl-${Date.parse('2026-11-23')}-${Math.random()}` };
    const a = await build({ env });
    const b = await build({ env });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await (i % 2 ? b : a).inject(signedRequest(makeEvent({ text: 'oi' })));
        codes.push(res.statusCode);
        // The limit's headers go with a refusal only (Retry-After says when to come back), not with every 202.
        if (res.statusCode === 202) expect(res.headers['x-ratelimit-remaining']).toBeUndefined();
        else {
          expect(res.headers['retry-after']).toBeDefined();
          // Found by an outside tester: the refusal said "bad_request", with no message.
          expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^Too many requests; retry in \d/) } });
        }
      }
      expect(codes).toEqual([202, 202, 202, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('takes numbers from Redis a block at a time: the limit holds across two instances under concurrent load, with a round trip per block, not per request', async () => {
    const prefix = `rlb-${Math.random()}`;
    const env = { RATE_LIMIT_MAX: '500', RATE_LIMIT_WINDOW_MS: '60000', QUEUE_PREFIX: prefix };
    const a = await build({ env });
    const b = await build({ env });
    try {
      const answers = await Promise.all(Array.from({ length: 600 }, (_, i) => (i % 2 ? b : a).inject(signedRequest(makeEvent({ text: `oi ${i}` })))));
      const accepted = answers.filter((r) => r.statusCode === 202).length;
      expect(answers.filter((r) => r.statusCode !== 202 && r.statusCode !== 429)).toEqual([]);
      // Never more than the limit; at most one unused block (5 numbers) per instance refused early.
      expect(accepted).toBeLessThanOrEqual(500);
      expect(accepted).toBeGreaterThanOrEqual(500 - 2 * 5);
      // The shared counter moved in blocks of 5: about 600 / 5 round trips, not 600.
      const redis = new Redis(inject('redisUrl'));
      const [key] = await redis.keys(`${prefix}:ratelimit:*`);
      const counter = Number(await redis.get(key ?? 'none'));
      await redis.quit();
      expect(counter % 5).toBe(0);
      expect(counter).toBeGreaterThanOrEqual(600);
      expect(counter).toBeLessThanOrEqual(600 + 2 * 5);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
