import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { addDays } from '../calendar/business-calendar.js';
import { signWebhook } from '../intake/webhook-signature.js';
import { asText, wellFormed } from '../util/text.js';
import { advanceThrough, describeJump, jumpToNextTimer, settle } from '../sandbox/next-event.js';
import { sandboxChatId, type KarooRecord, type SandboxStore } from '../sandbox/sandbox-store.js';
import { SandboxBusyError } from '../sandbox/sandbox-reset.js';
import { staffDirectory, staffMessages } from '../sandbox/staff-pane.js';
import { SIMULATOR_PAGE } from '../sandbox/simulator-page.js';

/**
 * The simulator behind /sandbox: the page, the panes' chats (each message becomes a signed
 * webhook posted to the bot's own /webhooks/karoo), what the bot sent (and, apart, what it sent
 * to staff no pane shows), the Bimer tickets, the clock control (with "Próximo evento") and the
 * reset. Registered only in sandbox mode.
 */

interface Pane {
  chatId: string;
  department: string;
  contact: { id: string; kind: 'customer' | 'partner' | 'agent'; name: string; phone: string | null; login: string | null; crmCode: string | null };
}

export const PANES: Record<'agent' | 'customer' | 'partner' | 'reseller', Pane> = {
  agent: { chatId: 'ch_sbx_agent', department: 'bot', contact: { id: 'ct_joao', kind: 'agent', name: 'João Silva', phone: null, login: 'joao.silva', crmCode: null } },
  customer: { chatId: sandboxChatId('+5521999990000'), department: 'implantacao', contact: { id: 'ct_padaria', kind: 'customer', name: 'Maria Souza', phone: '+5521999990000', login: null, crmCode: '000123' } },
  partner: { chatId: 'ch_sbx_partner', department: 'partner', contact: { id: 'ct_rafael', kind: 'partner', name: 'Rafael Tech', phone: '+5551900001111', login: null, crmCode: null } },
  reseller: { chatId: 'ch_sbx_reseller', department: 'suporte', contact: { id: 'ct_joana', kind: 'customer', name: 'Joana Dias', phone: '+5551977776666', login: null, crmCode: '000777' } },
};

type PaneName = keyof typeof PANES;

/** One number per chat, as Karoo shows it (the technician's hint, QA and the pending summary name the same chat). */
const chatNumber = (name: PaneName): number => 1001 + (Object.keys(PANES) as PaneName[]).indexOf(name);

/** The panes as the page names them (what a timer of their chat is said to be for). */
const PANE_TITLES: Record<PaneName, string> = { agent: 'agente', customer: 'cliente de implantação', partner: 'parceiro', reseller: 'cliente de revenda' };

/** The technician the panes write as ("escrever como técnico"). */
const TECHNICIAN = { id: 'ag_diego', login: 'diego.rocha', name: 'Diego Rocha' };

function inPane(name: PaneName, r: KarooRecord): boolean {
  const pane = PANES[name];
  if (r.chatId === pane.chatId) return true;
  return name === 'agent' && r.to?.login === pane.contact.login;
}

const inAnyPane = (r: KarooRecord): boolean => (Object.keys(PANES) as PaneName[]).some((name) => inPane(name, r));

function paneTitleOfChat(chatId: string): string | null {
  const name = (Object.keys(PANES) as PaneName[]).find((n) => PANES[n].chatId === chatId);
  return name ? PANE_TITLES[name] : null;
}

function simulatorRoutes(app: FastifyInstance, _opts: unknown, done: () => void): void {
  if (!app.sandbox) return done();
  const { store, clock, reset, keepClock } = app.sandbox;
  const { timers } = app.queues;
  const context = () => app.flowContext.current();
  const secret = app.config.settings.webhook.secrets[0] as string;
  let counter = 0;

  app.get('/sandbox', (_request, reply) => reply.type('text/html; charset=utf-8').send(SIMULATOR_PAGE));

  app.get('/sandbox/api/state', () => {
    const cal = context().calendar;
    const now = clock.now();
    const panes = Object.fromEntries(
      (Object.keys(PANES) as PaneName[]).map((name) => [
        name,
        store.karoo.records
          .filter((r) => inPane(name, r))
          .map((r) => ({
            from: r.kind === 'inbound' ? 'you' : r.kind === 'refused' ? 'karoo' : 'bot',
            kind: r.kind,
            text: r.text,
            at: r.at,
            ...(r.template ? { template: r.template } : {}),
            ...(r.messageId && r.kind !== 'inbound' ? { messageId: r.messageId } : {}),
            ...(r.code ? { code: r.code } : {}),
            ...(r.status ? { status: r.status } : {}),
          })),
      ]),
    );
    const tickets = store.bimer.tickets.map((t) => ({
      protocolo: t.Protocolo,
      tipo: t.CodigoTipoAtendimento,
      assunto: asText(t.Assunto),
      texto: t.Texto,
      delegacoes: store.bimer.delegationsOf(t.Identificador).map((d) => `${d.DataProvidenciar} → ${userName(store, d.IdentificadorUsuario)}`),
    }));
    // A plantão shift of the implantation sector on now (the sandbox's roster covers every sector alike).
    const plantao = context().roster.activeShift('implantacao', now) !== null;
    const known: Record<string, string> = { [TECHNICIAN.login]: TECHNICIAN.name };
    for (const p of context().roster.data.staff) known[p.login] = p.name;
    const directory = staffDirectory(known, store.bimer.people.values(), store.bimer.users.values());
    const staff = staffMessages(store.karoo.records, inAnyPane, directory, (at) => cal.describe(at));
    return { now: now.toISOString(), nowText: cal.describe(now), businessTime: cal.isBusinessTime(now), plantao, panes, staff, tickets };
  });

  app.post<{ Body: { pane?: string; text?: string; asAgent?: boolean } }>('/sandbox/api/say', { onRequest: app.security.sameOrigin }, async (request, reply) => {
    const body = request.body ?? {};
    const name = body.pane as PaneName;
    // Made well-formed where it enters, as the webhook does: the panes show what the bot read.
    const text = wellFormed(String(body.text ?? '')).trim();
    if (!PANES[name] || !text) return reply.code(400).send({ error: { code: 'invalid_body', message: 'pane and text are required' } });
    const pane = PANES[name];
    const now = clock.now();
    counter += 1;
    const id = `evt_sbx_${now.getTime()}_${counter}`;
    const author = body.asAgent && name !== 'agent' ? 'agent' : 'contact';
    // A person's message opens their WhatsApp window (a technician's does not).
    const phone = author === 'contact' && pane.contact.phone ? { phone: pane.contact.phone } : {};
    store.karoo.records.push({ seq: store.karoo.records.length + 1, at: now.toISOString(), kind: 'inbound', chatId: pane.chatId, text: author === 'agent' ? `[técnico] ${text}` : text, ...phone });
    await store.save();
    const event = JSON.stringify({
      id,
      type: 'message.created',
      occurredAt: now.toISOString(),
      chat: { id: pane.chatId, number: chatNumber(name), department: pane.department, contact: pane.contact, agent: author === 'agent' ? TECHNICIAN : null },
      message: { id: `msg_${id}`, author, text },
    });
    const res = await postSigned(app, secret, id, now, event);
    return reply.code(res.statusCode).send(res.json());
  });

  /**
   * Karoo reports how far a message of the bot got (`message.status`, §4): a pane's last message
   * with an id (or `messageId`), marked `failed` (with `code`, `not_on_whatsapp` by default),
   * `sent`, `delivered` or `read`, posted to the webhook as Karoo would.
   */
  app.post<{ Body: { pane?: string; messageId?: string; state?: string; code?: string } }>('/sandbox/api/status', { onRequest: app.security.sameOrigin }, async (request, reply) => {
    const body = request.body ?? {};
    const name = body.pane as PaneName;
    const state = ['sent', 'delivered', 'read', 'failed'].includes(String(body.state)) ? String(body.state) : 'failed';
    const code = ['not_on_whatsapp', 'blocked', 'outside_window', 'undeliverable'].includes(String(body.code)) ? String(body.code) : 'not_on_whatsapp';
    const pane = PANES[name];
    const record = pane
      ? store.karoo.records.filter((r) => inPane(name, r) && r.messageId && r.kind !== 'inbound' && (!body.messageId || r.messageId === body.messageId)).at(-1)
      : undefined;
    if (!pane || !record?.messageId) return reply.code(400).send({ error: { code: 'invalid_body', message: 'pane (and a message of the bot in it) is required' } });
    record.status = state;
    await store.save();
    const now = clock.now();
    counter += 1;
    const id = `evt_sbx_status_${now.getTime()}_${counter}`;
    const event = JSON.stringify({
      id,
      type: 'message.status',
      occurredAt: now.toISOString(),
      chat: { id: record.chatId, number: chatNumber(name), department: pane.department, contact: pane.contact, agent: null },
      status: { messageId: record.messageId, state, error: state === 'failed' ? { code, message: 'simulado no sandbox' } : null },
    });
    const res = await postSigned(app, secret, id, now, event);
    return reply.code(res.statusCode).send(res.json());
  });

  app.post<{ Body: { action?: string; minutes?: number; time?: string } }>('/sandbox/api/clock', { onRequest: app.security.sameOrigin }, async (request, reply) => {
    const body = request.body ?? {};
    const cal = context().calendar;
    const now = clock.now();
    let target: Date;
    if (body.action === 'advance') target = new Date(now.getTime() + Math.max(0, Number(body.minutes ?? 0)) * 60_000);
    else if (body.action === 'saturday') {
      const time = /^\d{2}:\d{2}$/.test(body.time ?? '') ? (body.time as string) : '17:30';
      let date = cal.localDate(now);
      while (cal.local(cal.at(date, '12:00')).getDay() !== 6 || cal.at(date, time) <= now) date = addDays(date, 1);
      target = cal.at(date, time);
    } else if (body.action === 'holiday') {
      let date = addDays(cal.localDate(now), 1);
      for (let i = 0; i < 400 && !cal.holidayName(cal.at(date, '12:00')); i++) date = addDays(date, 1);
      target = cal.at(date, '10:00');
    } else return reply.code(400).send({ error: { code: 'invalid_body', message: 'action must be advance, saturday or holiday' } });
    // Through every timer on the way, each fired at its own instant, then to the target.
    const fired = await advanceThrough(app.queues, clock, target);
    await keepClock();
    return { now: clock.now().toISOString(), nowText: cal.describe(clock.now()), fired };
  });

  /** "Próximo evento": to the earliest timer the bot has armed, which fires; says what it was. */
  app.post('/sandbox/api/clock/next', { onRequest: app.security.sameOrigin }, async () => {
    const cal = context().calendar;
    await settle(app.queues); // what was set going before the button finishes at the time it began
    const next = await jumpToNextTimer(timers, clock, paneTitleOfChat);
    await keepClock();
    const now = clock.now();
    return {
      now: now.toISOString(),
      nowText: cal.describe(now),
      fired: next?.fired ?? 0,
      next: next ? { at: next.at.toISOString(), labels: next.labels } : null,
      message: describeJump(next, (at) => cal.describe(at)),
    };
  });

  /** "Reiniciar": a fresh start (the clock, the stand-ins, every key and queue of the bot), the process running on. */
  app.post('/sandbox/api/reset', { onRequest: app.security.sameOrigin }, async (_request, reply) => {
    try {
      const { keys } = await reset();
      const now = clock.now();
      return { reset: true, keys, now: now.toISOString(), nowText: context().calendar.describe(now) };
    } catch (err) {
      if (!(err instanceof SandboxBusyError)) throw err;
      return reply.code(503).send({ error: { code: 'busy', message: err.message } });
    }
  });
  done();
}

export default fp(simulatorRoutes, { name: 'routes-simulator', fastify: '5.x', encapsulate: true, dependencies: ['redis', 'sandbox', 'security', 'queues', 'flow-context'] });

function userName(store: SandboxStore, id: string): string {
  const u = store.bimer.users.get(id);
  return u ? String(u.Nome) : id;
}

/**
 * Waits (at most `timeoutMs`) until the bot has applied the event `id` (its item's outbox is
 * written in the same commit as the new state). The simulator's clock buttons act on the time they
 * are pressed: a message not yet applied would be read at the time the clock moved to.
 */
async function applied(app: FastifyInstance, id: string, timeoutMs = 5_000): Promise<void> {
  const { request, keys } = app.redis;
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if ((await request.exists(keys.outbox(id))) === 1) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Through the real webhook route: signature, schema, dedupe and queue, as Karoo would; answered
 * once the bot has applied an accepted event, so a clock moved right after acts on what was said before.
 */
async function postSigned(app: FastifyInstance, secret: string, id: string, now: Date, body: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/webhooks/karoo',
    headers: { 'content-type': 'application/json', ...signWebhook(secret, id, Math.floor(now.getTime() / 1000), body) },
    payload: body,
  });
  if (res.statusCode === 202) await applied(app, id);
  return res;
}
