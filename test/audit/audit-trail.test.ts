import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/audit/audit-log.js';
import { sandboxChatId } from '../../src/sandbox/sandbox-store.js';
import { Harness } from '../helpers/harness.js';

/** GET /admin/audit/<protocol> after a whole 3-week cycle through the webhook (issue 15). */

const OPS = { authorization: `Basic ${Buffer.from('ops:ops-secreto-longo').toString('base64')}` };
const CUSTOMER_CHAT = sandboxChatId('+5521999990000');

describe('the audit trail of a ticket', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await new Harness('2026-11-23T10:00:00-03:00', { ADMIN_USER: 'ops', ADMIN_PASSWORD: 'ops-secreto-longo' }).start();
  });
  afterEach(async () => {
    await h.stop();
  });

  it("lists everything the bot did to the 2266 over the 3 weeks, in order, with when and the agent's message behind each", async () => {
    await h.agentSays('finalizei a implantação do cliente 123');
    await h.agentSays('Cliente satisfeito e teve algumas dúvidas.');
    await h.agentSays('o RSP é o 2026110900017');
    for (const [due, reply, steps] of [
      ['2026-11-30T08:00:00-03:00', 'Tudo certo por aqui, obrigado!', ['sim']],
      ['2026-12-07T08:00:00-03:00', 'Não sei como emitir a NFC-e de devolução', ['sim, falei com ele', 'dúvida', 'Expliquei a emissão da NFC-e de devolução.']],
      ['2026-12-14T08:00:00-03:00', 'tudo ok', ['sim, com demanda', '2', 'Cliente lançava o estoque na tela errada; orientado.']],
    ] as const) {
      await h.advanceTo(due);
      await h.customerSays(CUSTOMER_CHAT, reply);
      for (const step of steps) await h.agentSays(step);
    }
    const t = h.bimer.ticket2266();
    const res = await h.app.inject({ url: `/admin/audit/${t.Protocolo}`, headers: OPS });
    expect(res.statusCode).toBe(200);
    const { ticketId, entries } = res.json<{ ticketId: string; entries: (AuditEntry & { cause: { id: string } })[] }>();
    expect(ticketId).toBe(t.Identificador);
    expect(entries.map((e) => e.action)).toEqual(['create', 'delegate', 'replaceText', 'delegate', 'replaceText', 'delegate', 'replaceText', 'delegate']);
    expect(entries[0]).toMatchObject({ protocolo: t.Protocolo, details: { type: '2266', delegatedTo: '00A00000J1', for: '2026-11-30T08:00:00', linkedTo: '00A0RSP001' } });
    expect(entries.filter((e) => e.action === 'delegate').map((e) => [e.details.to, e.details.for])).toEqual([
      ['00A00000J1', '2026-11-30T08:00:00'],
      ['00A00000J1', '2026-12-07T08:00:00'],
      ['00A00000J1', '2026-12-14T08:00:00'],
      ['00A00000S1', '2026-12-14T08:00:00'], // the hand-over to the supervisor
    ]);
    // When: the close on 23/11, then each week on its day; why: the implanter's message in their bot chat.
    expect(entries.map((e) => e.at.slice(0, 10))).toEqual(['2026-11-23', '2026-11-23', '2026-11-30', '2026-11-30', '2026-12-07', '2026-12-07', '2026-12-14', '2026-12-14']);
    for (const e of entries) expect(e.cause).toMatchObject({ kind: 'agent-message', stream: 'agent:joao.silva', id: expect.stringMatching(/^evt_/) });
    expect(new Set(entries.map((e) => e.cause.id)).size).toBe(4); // the RSP message, then each week's last answer
    // No customer words in the trail: the text is told by its size.
    expect(res.body).not.toContain('NFC-e de devolução');
    expect(entries[2]?.summary).toMatch(/^replaced the text \(5 lines, \d+ characters\)$/);

    const w1 = h.bimer.tickets.find((x) => x.CodigoTipoAtendimento === '000029')!;
    const weekly = (await h.app.inject({ url: `/admin/audit/${w1.Protocolo}`, headers: OPS })).json();
    expect(weekly.entries).toEqual([expect.objectContaining({ action: 'create', details: expect.objectContaining({ type: '000029', linkedTo: t.Identificador }) })]);
  });

  it('answers 404 for a ticket the bot never touched, 400 for what is no protocol, 401 without the ops login', async () => {
    expect((await h.app.inject({ url: '/admin/audit/2026010100001', headers: OPS })).statusCode).toBe(404);
    expect((await h.app.inject({ url: '/admin/audit/%3Cscript%3E', headers: OPS })).statusCode).toBe(400);
    expect((await h.app.inject({ url: '/admin/audit/2026010100001' })).statusCode).toBe(401);
  });
});
