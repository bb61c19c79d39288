import { afterEach, describe, expect, it } from 'vitest';
import type { AgentState } from '../../src/flows/agent-state.js';
import { sandboxChatId } from '../../src/sandbox/sandbox-store.js';
import { makeEvent } from '../helpers/build.js';
import { Harness } from '../helpers/harness.js';

/**
 * WhatsApp's rules end to end (docs/contracts/karoo-chat.md §4): through the webhook, on real
 * Redis, against a Karoo that enforces the 24-hour window and the templates as the real one does
 * (test/helpers/fakes.ts), with the clock moved past 24 hours, a restart between the customer's
 * message and the follow-up, and statuses arriving twice and out of order.
 */

const PHONE = '+5521999990000';
const LANDLINE = '+552122220000'; // the record's other valid number
const CHAT = sandboxChatId(PHONE);

let h: Harness;
afterEach(async () => {
  await h.stop();
});

async function start(): Promise<Harness> {
  h = await new Harness('2026-11-23T10:00:00-03:00').start();
  await h.agentSays('finalizei a implantação do cliente 123');
  await h.agentSays('Cliente satisfeito e teve algumas dúvidas.');
  await h.agentSays('o RSP é o 2026110900017');
  return h;
}

/** Karoo reports how far a message got; `id` repeats a delivery (a redelivered webhook). */
async function status(messageId: string, state: string, code: string | null = null, id?: string): Promise<void> {
  const event = makeEvent({ type: 'message.status', chatId: CHAT, department: 'implantacao', kind: 'customer', login: null, ...(id ? { id } : {}) });
  event.status = { messageId, state, error: code ? { code, message: 'x' } : null };
  await h.post(event);
  await h.idle();
}

async function followUp() {
  const raw = await h.app.redis.request.get(h.app.redis.keys.state('agent:joao.silva'));
  const agent = JSON.parse(raw ?? '{}') as AgentState;
  return Object.values(agent.monitorings)[0]?.followUp ?? null;
}

const counter = async (name: string) => (await h.app.metrics.registry.getSingleMetricAsString(name)).split('\n').filter((l) => !l.startsWith('#'));

describe('WhatsApp: the 24-hour window, templates and delivery status, through the webhook', () => {
  it('a follow-up a week after the last message goes as the template; the reply inside the window as text', async () => {
    await start();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    expect(h.karoo.templatesTo(PHONE)).toEqual([{ name: 'acompanhamento_semanal', language: 'pt_BR', params: ['pessoal', 'Padaria Pão Quente', 'João Silva', '1ª'] }]);
    expect(h.karoo.toPhone(PHONE)[0]).toContain('1ª semana');
    expect(h.karoo.refused).toEqual([]);
    await h.customerSays(CHAT, 'Tudo certo por aqui, obrigada!');
    expect(h.karoo.inChat(CHAT)).toHaveLength(1); // the answer, as free text: the window is open
    expect(await counter('karoo_bot_whatsapp_sends_total')).toEqual(expect.arrayContaining([expect.stringMatching(/form="template"} 1$/), expect.stringMatching(/form="text"} 1$/)]));
    expect((await followUp())?.form).toBe('template');
  });

  it("inside the window (the customer wrote on Sunday) the follow-up is the text, across a restart of the bot", async () => {
    await start();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    await h.customerSays(CHAT, 'Tudo certo por aqui, obrigada!');
    await h.agentSays('sim');
    await h.advanceTo('2026-12-06T10:00:00-03:00');
    await h.customerSays(CHAT, 'bom domingo! so pra avisar que a nota saiu certinha');
    await h.restart();
    await h.advanceTo('2026-12-07T08:00:00-03:00');
    const week2 = h.karoo.sent.filter((s) => (s.body.to as { phone?: string } | undefined)?.phone === PHONE).at(-1);
    expect(week2?.body.text).toContain('2ª semana');
    expect(week2?.body.template).toBeUndefined();
  });

  it('a text Karoo refuses as outside the window (it saw no recent message) goes once as the template, never as the text again', async () => {
    await start();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    await h.customerSays(CHAT, 'Tudo certo por aqui, obrigada!');
    await h.agentSays('sim');
    await h.advanceTo('2026-12-06T10:00:00-03:00');
    await h.customerSays(CHAT, 'oi! tudo certo por aqui');
    h.karoo.inbounds.length = 0; // Karoo's window is closed though the bot saw a message (clock skew)
    await h.advanceTo('2026-12-07T08:00:00-03:00');
    expect(h.karoo.refused.map((r) => r.code)).toEqual(['outside_window']);
    expect(h.karoo.templatesTo(PHONE).map((t) => t.params[3])).toEqual(['1ª', '2ª']);
    expect(h.karoo.sent.filter((s) => s.body.text !== undefined && (s.body.to as { phone?: string } | undefined)?.phone === PHONE)).toEqual([]);
  });

  it('a template Karoo does not hold approved: final, the implanter told the customer was not reached, ops counted', async () => {
    await start();
    h.karoo.approved = [];
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    expect(h.karoo.refused.map((r) => r.code)).toEqual(['template_not_approved']);
    const told = h.toAgent().join('\n');
    expect(told).toContain('Não consegui alcançar Padaria Pão Quente (000123)');
    expect(told).toContain('(21) 99999-0000');
    expect(told).toContain('"acompanhamento_semanal" não está aprovado no Karoo');
    expect(await counter('karoo_bot_whatsapp_template_refusals_total')).toEqual(['karoo_bot_whatsapp_template_refusals_total{template="acompanhamento_semanal"} 1']);
    expect(await followUp()).toMatchObject({ state: 'failed', error: 'template_not_approved' });
  });

  it('statuses twice and out of order: the furthest wins; a number without WhatsApp makes the bot try the other one, once', async () => {
    await start();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    const first = await followUp();
    const messageId = first?.messageId ?? '';
    expect(messageId).toMatch(/^msg_/);
    await status(messageId, 'delivered', null, 'evt_st_1');
    await status(messageId, 'delivered', null, 'evt_st_1'); // the same webhook again
    await status(messageId, 'sent'); // late
    await status(messageId, 'read');
    await status(messageId, 'delivered');
    expect(await followUp()).toMatchObject({ state: 'read', error: null });

    // The next week's follow-up fails: the number has no WhatsApp.
    await h.customerSays(CHAT, 'Tudo certo por aqui, obrigada!');
    await h.agentSays('sim');
    await h.advanceTo('2026-12-07T08:00:00-03:00');
    const week2 = (await followUp())?.messageId ?? '';
    const told = h.toAgent().length;
    await status(week2, 'failed', 'not_on_whatsapp');
    await status(week2, 'failed', 'not_on_whatsapp');
    const news = h.toAgent().slice(told).join('\n');
    expect(news).toContain('esse número não tem WhatsApp');
    expect(news).toContain('Vou tentar o outro número do cadastro, (21) 2222-0000');
    expect(h.karoo.toPhone(LANDLINE)).toHaveLength(1);
    expect(await followUp()).toMatchObject({ phone: LANDLINE, tried: [PHONE, LANDLINE], state: null });
  });

  it("a chat's text Karoo refuses as outside the window has no template: not sent, not kept as a failed job, counted", async () => {
    await start();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    h.karoo.inbound = () => undefined; // Karoo does not count the customer's message (clock skew): its window stays closed
    await h.customerSays(CHAT, 'tudo certo por aqui');
    expect(h.karoo.refused.map((r) => [r.path, r.code])).toEqual([[`/v1/chats/${CHAT}/messages`, 'outside_window']]);
    expect(h.karoo.inChat(CHAT)).toEqual([]);
    expect(await h.app.bot.outbound.jobs('failed')).toEqual([]);
    expect(await counter('karoo_bot_whatsapp_sends_total')).toEqual(expect.arrayContaining([expect.stringMatching(/form="not_sent"} 1$/)]));
  });
});
