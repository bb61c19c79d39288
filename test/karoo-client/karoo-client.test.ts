import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KarooClient, KarooError } from '../../src/karoo-client/karoo-client.js';
import { parseRetryAfter } from '../../src/util/retry-after.js';

const BASE = 'http://karoo.test/api';

describe('KarooClient (contract §2)', () => {
  const client = new KarooClient({ baseUrl: `${BASE}/`, token: 'tok-123', timeoutMs: 300 });

  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('sends a chat message with the bearer token and the idempotency key', async () => {
    const scope = nock(BASE, {
      reqheaders: { authorization: 'Bearer tok-123', 'idempotency-key': 'key-1', 'content-type': 'application/json' },
    })
      .post('/v1/chats/ch_7f3a/messages', { text: 'Olá, Maria!' })
      .reply(201, { id: 'msg_9' });
    await expect(client.sendMessage('ch_7f3a', 'Olá, Maria!', 'key-1')).resolves.toEqual({ id: 'msg_9' });
    expect(scope.isDone()).toBe(true);
  });

  it('never sends a proactive message to a phone that is not E.164 (a final error, no request)', async () => {
    const scope = nock(BASE).post('/v1/messages').reply(201, { chatId: 'ch_x', id: 'msg_x' });
    for (const phone of ['+550021999990001', '(21) 99999-0001', '5521999990001', '+5521123']) {
      const err = await client.sendProactive({ phone }, 'implantacao', { text: 'Oi' }, 'k-bad').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KarooError);
      expect(err).toMatchObject({ kind: 'final', code: 'invalid_phone' });
    }
    expect(scope.isDone()).toBe(false);
  });

  it('closes a chat and sends proactive messages in the contract shapes', async () => {
    const scope = nock(BASE, { reqheaders: { 'idempotency-key': /k-/ } })
      .post('/v1/chats/ch_1/close', { reason: 'tudo certo' })
      .reply(200, { closed: true })
      .post('/v1/messages', { to: { login: 'joao.silva' }, department: 'bot', text: 'Bom dia' })
      .reply(201, { chatId: 'ch_new', id: 'msg_2' })
      .post('/v1/messages', { to: { phone: '+5521999990000' }, department: 'implantacao', text: 'Oi' })
      .reply(201, { chatId: 'ch_c', id: 'msg_3' });
    await expect(client.closeChat('ch_1', 'tudo certo', 'k-1')).resolves.toEqual({ closed: true });
    await expect(client.sendProactive({ login: 'joao.silva' }, 'bot', { text: 'Bom dia' }, 'k-2')).resolves.toEqual({
      chatId: 'ch_new',
      id: 'msg_2',
    });
    await expect(client.sendProactive({ phone: '+5521999990000' }, 'implantacao', { text: 'Oi' }, 'k-3')).resolves.toEqual({
      chatId: 'ch_c',
      id: 'msg_3',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('sends a template to a phone in the §4 shape, and reads the two refusals as final with their codes', async () => {
    const template = { name: 'acompanhamento_semanal', language: 'pt_BR', params: ['Maria', 'Padaria Pão Quente', 'João Silva', '1ª'] };
    const scope = nock(BASE)
      .post('/v1/messages', { to: { phone: '+5521999990000' }, department: 'implantacao', template })
      .reply(201, { chatId: 'ch_c', id: 'msg_4' })
      .post('/v1/messages')
      .reply(422, { error: { code: 'template_not_approved', message: 'no such template' } })
      .post('/v1/messages')
      .reply(422, { error: { code: 'outside_window', message: 'window closed' } });
    await expect(client.sendProactive({ phone: '+5521999990000' }, 'implantacao', { template }, 'k-t1')).resolves.toEqual({ chatId: 'ch_c', id: 'msg_4' });
    await expect(client.sendProactive({ phone: '+5521999990000' }, 'implantacao', { template }, 'k-t2')).rejects.toMatchObject({ kind: 'final', status: 422, code: 'template_not_approved' });
    await expect(client.sendProactive({ phone: '+5521999990000' }, 'implantacao', { text: 'Oi' }, 'k-t3')).rejects.toMatchObject({ kind: 'final', status: 422, code: 'outside_window' });
    expect(scope.isDone()).toBe(true);
  });

  it('never sends a template whose parameters break Meta\'s rules, nor a template to a login', async () => {
    const scope = nock(BASE).post('/v1/messages').reply(201, { chatId: 'ch_x', id: 'msg_x' });
    for (const params of [['Maria\nSouza'], [''], ['a'.repeat(1025)], ['tab\there'], ['five     spaces']]) {
      const err = await client.sendProactive({ phone: '+5521999990000' }, 'implantacao', { template: { name: 't', language: 'pt_BR', params } }, 'k-p').catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'final', code: 'template_not_approved' });
    }
    await expect(client.sendProactive({ login: 'joao.silva' }, 'bot', { template: { name: 't', language: 'pt_BR', params: ['x'] } }, 'k-l')).rejects.toMatchObject({ kind: 'final' });
    expect(scope.isDone()).toBe(false);
  });

  it('types a 404 as final, with the code and message of the error body', async () => {
    nock(BASE)
      .post('/v1/chats/ch_gone/messages')
      .reply(404, { error: { code: 'chat_closed', message: 'Chat encerrado' } });
    const err = await client.sendMessage('ch_gone', 'oi', 'k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KarooError);
    expect(err).toMatchObject({ kind: 'final', status: 404, code: 'chat_closed' });
  });

  it('types 503 and 429 as retryable and reads Retry-After in seconds', async () => {
    nock(BASE)
      .post('/v1/chats/ch_1/messages')
      .reply(503, { error: { code: 'unavailable', message: 'down' } }, { 'Retry-After': '7' })
      .post('/v1/chats/ch_1/messages')
      .reply(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'Retry-After': '2' })
      .post('/v1/chats/ch_1/messages')
      .reply(500, 'oops');
    await expect(client.sendMessage('ch_1', 'a', 'k')).rejects.toMatchObject({ kind: 'retryable', status: 503, retryAfterMs: 7000 });
    await expect(client.sendMessage('ch_1', 'a', 'k')).rejects.toMatchObject({ kind: 'retryable', status: 429, retryAfterMs: 2000 });
    await expect(client.sendMessage('ch_1', 'a', 'k')).rejects.toMatchObject({ kind: 'retryable', status: 500, retryAfterMs: undefined });
  });

  it('types other 4xx as final', async () => {
    nock(BASE).post('/v1/chats/ch_1/messages').reply(400, { error: { code: 'bad', message: 'bad text' } });
    await expect(client.sendMessage('ch_1', 'a', 'k')).rejects.toMatchObject({ kind: 'final', status: 400 });
  });

  it('types a timeout and a connection reset as retryable', async () => {
    nock(BASE).post('/v1/chats/ch_1/messages').delay(1000).reply(201, { id: 'late' });
    await expect(client.sendMessage('ch_1', 'a', 'k')).rejects.toMatchObject({ kind: 'retryable', code: 'timeout' });
    nock(BASE).post('/v1/chats/ch_1/messages').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await expect(client.sendMessage('ch_1', 'a', 'k')).rejects.toMatchObject({ kind: 'retryable', code: 'network' });
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:10 GMT', Date.parse('2026-11-23T12:00:00Z'))).toBe(10_000);
  });
});
