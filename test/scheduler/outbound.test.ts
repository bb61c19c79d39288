import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BimerError } from '../../src/bimer-client/types.js';
import { KarooError } from '../../src/karoo-client/karoo-client.js';
import { retryDelay } from '../../src/scheduler/backoff.js';
import { build, KAROO_TOKEN, KAROO_URL, makeEvent, signedRequest, waitFor } from '../helpers/build.js';

interface Seen {
  at: number;
  key: string | undefined;
  body: unknown;
  auth: string | undefined;
}

describe('outbound queue to Karoo, end to end from the webhook', () => {
  let app: FastifyInstance;
  let seen: Seen[];

  beforeEach(async () => {
    seen = [];
    nock.disableNetConnect();
    app = await build();
  });
  afterEach(async () => {
    await app.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  function record(this: { req: { headers: Record<string, string | string[] | undefined> } }, body: unknown): Seen {
    const h = this.req.headers;
    return { at: performance.now(), key: h['idempotency-key'] as string, body, auth: h.authorization as string };
  }

  it('answers an agent ping in the bot department with pong', async () => {
    const event = makeEvent({ text: '  PING ' });
    const chat = (event.chat as { id: string }).id;
    nock(KAROO_URL)
      .post(`/v1/chats/${chat}/messages`)
      .reply(201, function (_uri, body) {
        seen.push(record.call(this, body));
        return { id: 'msg_pong' };
      });
    expect((await app.inject(signedRequest(event))).statusCode).toBe(202);
    await waitFor(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ body: { text: 'pong' }, key: `karoo-bot:${String(event.id)}:0`, auth: `Bearer ${KAROO_TOKEN}` });
  });

  it('does not answer ping from a customer chat', async () => {
    const scope = nock(KAROO_URL).post(/.*/).reply(201, { id: 'x' });
    await app.inject(signedRequest(makeEvent({ kind: 'customer', department: 'suporte', login: null, text: 'ping' })));
    await new Promise((r) => setTimeout(r, 300));
    expect(scope.isDone()).toBe(false);
  });

  it('waits out a 503 with Retry-After and then sends exactly one message, with the same key', async () => {
    const event = makeEvent({ text: 'ping' });
    const chat = (event.chat as { id: string }).id;
    nock(KAROO_URL)
      .post(`/v1/chats/${chat}/messages`)
      .reply(function (_uri, body) {
        seen.push(record.call(this, body));
        return [503, { error: { code: 'unavailable', message: 'manutenção' } }, { 'Retry-After': '1' }];
      })
      .post(`/v1/chats/${chat}/messages`)
      .reply(201, function (_uri, body) {
        seen.push(record.call(this, body));
        return { id: 'msg_ok' };
      });
    await app.inject(signedRequest(event));
    await waitFor(() => seen.length === 2, { timeoutMs: 8000 });
    await waitFor(async () => (await app.bot.outbound.jobs('completed')).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
    expect(seen[0]!.key).toBe(seen[1]!.key);
    const completed = await app.bot.outbound.jobs('completed');
    expect(completed.map((j) => j.returnvalue)).toEqual([{ id: 'msg_ok' }]);
  });

  it('retries 5xx and timeouts with backoff until Karoo recovers', async () => {
    const event = makeEvent({ text: 'ping' });
    const chat = (event.chat as { id: string }).id;
    const path = `/v1/chats/${chat}/messages`;
    const scope = nock(KAROO_URL)
      .post(path)
      .reply(500, 'boom')
      .post(path)
      .replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))
      .post(path)
      .reply(502, 'bad gateway')
      .post(path)
      .reply(201, function (_uri, body) {
        seen.push(record.call(this, body));
        return { id: 'msg_ok' };
      });
    await app.inject(signedRequest(event));
    await waitFor(() => seen.length === 1, { timeoutMs: 8000 });
    const [job] = await waitFor(async () => {
      const done = await app.bot.outbound.jobs('completed');
      return done.length === 1 ? done : null;
    });
    // The three failures were each answered in turn before the success, and the job ended well.
    expect(scope.isDone()).toBe(true);
    // Retried in place (the chat's next message waits behind it): one job run, four calls.
    expect(job?.attemptsMade).toBe(1);
    expect(job?.returnvalue).toEqual({ id: 'msg_ok' });
  });

  it('stops at a 404 (closed chat): one attempt, kept in the failed set', async () => {
    const event = makeEvent({ text: 'ping' });
    const chat = (event.chat as { id: string }).id;
    const scope = nock(KAROO_URL)
      .post(`/v1/chats/${chat}/messages`)
      .reply(404, { error: { code: 'not_found', message: 'chat encerrado' } });
    const extra = nock(KAROO_URL).post(`/v1/chats/${chat}/messages`).reply(201, { id: 'never' });
    await app.inject(signedRequest(event));
    const failed = await waitFor(async () => (await app.bot.outbound.jobs('failed')).length === 1);
    expect(failed).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(scope.isDone()).toBe(true);
    expect(extra.isDone()).toBe(false);
  });
});

describe('retryDelay', () => {
  const settings = { baseMs: 1000, maxMs: 60_000 };

  it('grows exponentially with jitter, within [half, full] of the step, capped', () => {
    expect(retryDelay(1, new Error('x'), settings, () => 0)).toBe(500);
    expect(retryDelay(1, new Error('x'), settings, () => 1)).toBe(1000);
    expect(retryDelay(4, new Error('x'), settings, () => 0.5)).toBe(6000);
    expect(retryDelay(30, new Error('x'), settings, () => 1)).toBe(60_000);
  });

  it('waits at least what Retry-After asks when Karoo sent one, capped by the maximum', () => {
    const err = (ms: number) => new KarooError('busy', 'retryable', 503, undefined, ms);
    expect(retryDelay(1, err(7000), settings)).toBe(7000);
    expect(retryDelay(1, err(3_600_000), settings)).toBe(60_000);
  });

  it('waits at least what Retry-After asks when Bimer sent one', () => {
    expect(retryDelay(1, new BimerError('busy', 'retryable', 429, [], 9000), settings)).toBe(9000);
    expect(retryDelay(1, new BimerError('down', 'retryable', 503, []), settings, () => 0)).toBe(500);
  });

  // Found by an outside tester (2026-12-07): an outage answering 503 with "Retry-After: 1" used up Karoo's 20 attempts in
  // 20 seconds (and Bimer's 30 in two minutes), where the backoff gives them hours.
  it('never retries sooner than the backoff because the server asked for a short wait', () => {
    const soon = (attempt: number) => retryDelay(attempt, new KarooError('busy', 'retryable', 503, undefined, 1000), settings, () => 0);
    expect(soon(1)).toBe(1000);
    expect(soon(4)).toBe(4000);
    expect(soon(10)).toBe(30_000);
    expect(retryDelay(10, new BimerError('busy', 'retryable', 503, [], 1000), settings, () => 0)).toBe(30_000);
  });
});
