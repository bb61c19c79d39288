import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { SANDBOX_KAROO_TOKEN } from '../config.js';
import type { Keys } from '../store/keys.js';
import { isE164 } from '../util/phone.js';
import { asText } from '../util/text.js';
import { BimerMemory, type BimerSnapshot, type Rec } from './bimer-memory.js';
import { karooRefusal, renderTemplate, type Inbound, type KarooCall } from './whatsapp-rules.js';

/**
 * The sandbox's Karoo and Bimer: the outbound half of docs/contracts/karoo-chat.md and the
 * routes of docs/contracts/bimer-api.md, served by the bot itself under /sandbox and kept in
 * the same Redis. The bot reaches them through its normal adapters over HTTP.
 */

/**
 * The chat the sandbox opens for a proactive message to a phone: stable per phone and opaque, as
 * Karoo's own ids are (a phone inside an id would end up in the logs in clear).
 */
export function sandboxChatId(phone: string): string {
  return `ch_sbx_${createHash('sha256').update(phone.replace(/\D/g, '')).digest('hex').slice(0, 12)}`;
}

export interface KarooRecord {
  seq: number;
  at: string;
  kind: 'message' | 'close' | 'proactive' | 'inbound' | 'refused';
  chatId: string;
  text: string;
  to?: { login?: string; phone?: string };
  department?: string;
  /** An inbound message: the phone it came from (its WhatsApp window). */
  phone?: string;
  /** A template send: the template's name (the text is the template filled in). */
  template?: string;
  /** The message id Karoo gave (what a `message.status` names). */
  messageId?: string;
  /** A refused call: Karoo's error code. */
  code?: string;
  /** The delivery the simulator reported for it (`message.status`). */
  status?: string;
}

interface KarooSnapshot {
  records: KarooRecord[];
  answers: Record<string, Rec>;
}

const BIMER_TOKEN = 'sandbox-bimer-access-token';

function json(body: unknown): Rec {
  return (body && typeof body === 'object' ? body : {}) as Rec;
}

export class SandboxStore {
  bimer = new BimerMemory();
  karoo: KarooSnapshot = { records: [], answers: {} };

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async load(): Promise<void> {
    const [b, k] = await this.redis.mget(this.keys.sandbox('bimer'), this.keys.sandbox('karoo'));
    if (b) this.bimer = new BimerMemory(JSON.parse(b) as BimerSnapshot);
    if (k) this.karoo = JSON.parse(k) as KarooSnapshot;
  }

  /** Forgets every message and ticket: the seeded Bimer and an empty Karoo (the simulator's reset; their keys are gone from Redis). */
  clear(): void {
    this.bimer = new BimerMemory();
    this.karoo = { records: [], answers: {} };
  }

  async save(): Promise<void> {
    await this.redis.mset(this.keys.sandbox('bimer'), JSON.stringify(this.bimer.snapshot()), this.keys.sandbox('karoo'), JSON.stringify(this.karoo));
  }

  /** Messages the bot sent to a chat, or to a login / phone proactively. */
  karooFor(filter: (r: KarooRecord) => boolean): KarooRecord[] {
    return this.karoo.records.filter(filter);
  }

  /** The people's messages the sandbox saw: their WhatsApp windows. */
  inbounds(): Inbound[] {
    return this.karoo.records.flatMap((r) => (r.kind === 'inbound' && r.phone ? [{ phone: r.phone, chatId: r.chatId, at: r.at }] : []));
  }

  /** The phone of a chat's contact: who wrote in it, or whom the bot wrote to first; null: an agent's chat. */
  phoneOfChat(chatId: string): string | null {
    const { records } = this.karoo;
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i];
      if (r?.chatId !== chatId) continue;
      if (r.phone) return r.phone;
      if (r.to?.phone) return r.to.phone;
    }
    return null;
  }
}

export interface SandboxKarooOptions {
  store: SandboxStore;
  now: () => Date;
  /** The bot clock's day in the business time zone (`YYYYMMDD`): it dates the protocols of the tickets created. */
  today: () => string;
  /** The templates the sandbox's Karoo holds approved (the configured ones), as the real one would. */
  approved: string[];
}

export const sandboxPlugin: FastifyPluginAsync<SandboxKarooOptions> = async (app, { store, now, today, approved }) => {
  await store.load();
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
};
