import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SANDBOX_KAROO_TOKEN } from '../config.js';
import type { Rec } from '../sandbox/bimer-memory.js';
import { sandboxChatId, type KarooRecord } from '../sandbox/sandbox-store.js';
import { karooRefusal, renderTemplate, type KarooCall } from '../sandbox/whatsapp-rules.js';
import { isE164 } from '../util/phone.js';
import { asText } from '../util/text.js';

/**
 * The sandbox's Karoo and Bimer (sandbox mode only): the outbound half of
 * docs/contracts/karoo-chat.md and the routes of docs/contracts/bimer-api.md, served by the bot
 * itself under /sandbox and kept in the same Redis (`app.sandbox.store`). The bot reaches them
 * through its normal adapters over HTTP.
 */

const BIMER_TOKEN = 'sandbox-bimer-access-token';

function json(body: unknown): Rec {
  return (body && typeof body === 'object' ? body : {}) as Rec;
}

function standInRoutes(app: FastifyInstance, _opts: unknown, done: () => void): void {
  if (!app.sandbox) return done();
  const { store, clock, today, approved } = app.sandbox;
  const now = () => clock.now();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  // ---- Karoo (outbound half of the contract) ----
  const karooAuth = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (request.headers.authorization === `Bearer ${SANDBOX_KAROO_TOKEN}`) return true;
    void reply.code(401).send({ error: { code: 'unauthorized', message: 'invalid token' } });
    return false;
  };
  const remember = async (request: FastifyRequest, record: Omit<KarooRecord, 'seq' | 'at'>, answer: Rec): Promise<Rec> => {
    const key = String(request.headers['idempotency-key'] ?? '');
    const first = key ? store.karoo.answers[key] : undefined;
    if (first) return first;
    store.karoo.records.push({ ...record, ...(typeof answer.id === 'string' ? { messageId: answer.id } : {}), seq: store.karoo.records.length + 1, at: now().toISOString() });
    if (key) store.karoo.answers[key] = answer;
    await store.save();
    return answer;
  };
  /** WhatsApp's rules (§4): a call they forbid is answered 422 with the code, and shown in the simulator. */
  const refuse = async (reply: FastifyReply, call: KarooCall, record: Omit<KarooRecord, 'seq' | 'at' | 'kind' | 'code'>): Promise<FastifyReply | null> => {
    const code = karooRefusal(store.inbounds(), call, approved, now());
    if (!code) return null;
    store.karoo.records.push({ ...record, kind: 'refused', code, seq: store.karoo.records.length + 1, at: now().toISOString() });
    await store.save();
    const message = code === 'outside_window' ? 'the 24-hour window of this person is closed: only an approved template may be sent' : 'this template is not approved for the department, or its parameters break the rules';
    return reply.code(422).send({ error: { code, message } });
  };

  app.post<{ Params: { chatId: string } }>('/sandbox/karoo/v1/chats/:chatId/messages', async (request, reply) => {
    if (!karooAuth(request, reply)) return reply;
    const text = asText(json(request.body).text);
    const { chatId } = request.params;
    if (await refuse(reply, { phone: store.phoneOfChat(chatId), text }, { chatId, text })) return reply;
    const answer = await remember(request, { kind: 'message', chatId, text }, { id: `msg_${store.karoo.records.length + 1}` });
    return reply.code(201).send(answer);
  });
  app.post<{ Params: { chatId: string } }>('/sandbox/karoo/v1/chats/:chatId/close', async (request, reply) => {
    if (!karooAuth(request, reply)) return reply;
    const text = asText(json(request.body).reason);
    const answer = await remember(request, { kind: 'close', chatId: request.params.chatId, text }, { closed: true });
    return reply.code(200).send(answer);
  });
  app.post('/sandbox/karoo/v1/messages', async (request, reply) => {
    if (!karooAuth(request, reply)) return reply;
    const body = json(request.body);
    const to = (body.to ?? {}) as { login?: string; phone?: string };
    if (to.phone !== undefined && !isE164(String(to.phone))) {
      return reply.code(400).send({ error: { code: 'invalid_phone', message: 'to.phone must be an E.164 number such as +5521999990001' } });
    }
    const chatId = to.login ? `ch_bot_${to.login}` : sandboxChatId(String(to.phone ?? ''));
    const template = body.template as { name?: unknown } | undefined;
    const text = template ? renderTemplate(template) : asText(body.text);
    const shown = { chatId, text, to, department: asText(body.department), ...(template ? { template: asText(template.name) } : {}) };
    if (await refuse(reply, { phone: to.phone ?? null, text: body.text, template: body.template }, shown)) return reply;
    const answer = await remember(request, { kind: 'proactive', ...shown }, { chatId, id: `msg_${store.karoo.records.length + 1}` });
    return reply.code(201).send(answer);
  });

  // ---- Bimer ----
  app.post('/sandbox/bimer/oauth/token', (_request, reply) =>
    reply.send({ access_token: BIMER_TOKEN, token_type: 'bearer', expires_in: 3600, refresh_token: 'sandbox-refresh' }),
  );
  app.all('/sandbox/bimer/api/*', async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${BIMER_TOKEN}`) return reply.code(401).send({ Erros: [{ ErrorCode: '401', ErrorMessage: 'token inválido' }], ListaObjetos: [] });
    const url = new URL(request.url, 'http://sandbox');
    const [status, body] = store.bimer.route(request.method, url.pathname.replace(/^\/sandbox\/bimer/, ''), url.searchParams, json(request.body), today());
    if (request.method !== 'GET') await store.save();
    return reply.code(status).send(body);
  });
  done();
}

export default fp(standInRoutes, { name: 'routes-sandbox-standins', fastify: '5.x', encapsulate: true, dependencies: ['sandbox'] });
