import { describe, expect, it } from 'vitest';
import { karooEventSchema } from '../../../src/intake/karoo-event-schema.js';
import type { ChatState } from '../../../src/flows/chat/state.js';
import { handleStreamItem, initialState, streamOf, type StreamState } from '../../../src/flows/router.js';
import type { Effect } from '../../../src/domain/effects.js';
import type { StreamItem } from '../../../src/domain/stream.js';
import { makeEvent } from '../../helpers/build.js';
import { flowContext } from '../../helpers/monitoring.js';
import { plantaoContext } from '../../helpers/plantao-roster.js';
import { relayReply } from '../../../src/flows/monitoring/messages.js';

/**
 * The monitoring's relay in a customer's chat (src/flows/chat/relay.ts), as pure functions: what
 * the customer writes in the chat a follow-up opened goes to the implanter, read as an "all
 * fine", a problem or an opt-out, and the bot answers in the implanter's own voice (the follow-up
 * was signed by them) only when that is true: never during a plantão shift, when the plantão takes
 * the chat and the monitoring only notes it.
 */

const CHAT = 'ch_fu_1';
let seq = 0;
const message = (text: string): StreamItem => ({
  kind: 'karoo',
  event: karooEventSchema.parse(makeEvent({ id: `evt_relay_${++seq}`, chatId: CHAT, department: 'implantacao', kind: 'customer', login: null, text })),
});
const link = (sentAt: string): StreamItem => ({
  kind: 'internal',
  event: { id: `fw|link|${sentAt}`, type: 'forward', name: 'monitoring.link', data: { monitoringId: 'mon1', agentStream: 'agent:joao.silva', agentName: 'João Silva', customerName: 'Padaria', sentAt } },
});
const unlink: StreamItem = { kind: 'internal', event: { id: 'fw|unlink', type: 'forward', name: 'monitoring.unlink', data: { monitoringId: 'mon1', reason: 'done' } } };

const said = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'karoo.sendMessage' ? [e.text] : []));
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'forward' && e.name === 'customer.reply' ? [e.data] : []));

/** A chat linked to monitoring `mon1` (follow-up sent Monday 23/11 08:00). */
function linkedChat(): StreamState {
  const ctx = plantaoContext();
  return handleStreamItem(initialState(`chat:${CHAT}`), link('2026-11-23T08:00:00-03:00'), new Date('2026-11-23T08:00:01-03:00'), ctx).state;
}

interface Row {
  at: string;
  text: string;
  /** What the implanter's stream is told. */
  kind: 'ok' | 'issue' | 'optout';
  during: 'business' | 'after-hours' | 'plantao';
  /** Words the one answer holds; null: the bot says nothing (the plantão has the chat). */
  says: string[] | null;
  /** Whether the plantão took the chat. */
  plantao: boolean;
}

const rows: Record<string, Row> = {
  'business day, an "all fine": thanks in the implanter\'s voice': { at: '2026-11-24T10:00:00', text: 'Tudo certo por aqui, obrigada!', kind: 'ok', during: 'business', says: ['Maria', 'Agradeço'], plantao: false },
  'business day, a problem: a promise to come back soon': { at: '2026-11-24T10:00:00', text: 'o relatorio de vendas nao abre', kind: 'issue', during: 'business', says: ['Maria', 'em breve'], plantao: false },
  'business day, "all fine, but…": both halves answered': { at: '2026-11-24T10:00:00', text: 'tudo certo, mas a nota nao sai', kind: 'issue', during: 'business', says: ['tudo certo', 'Sobre o que ainda dá problema'], plantao: false },
  'Tuesday night, no shift: the next opening, never "now"': { at: '2026-11-24T21:00:00', text: 'a nota nao sai', kind: 'issue', during: 'after-hours', says: ['quarta-feira, 25/11 às 08:00'], plantao: false },
  'Saturday, a shift on: the plantão takes the chat, nothing said for the implanter': {
    at: '2026-11-21T10:00:00',
    text: 'alguém de plantão? o sistema está dando rejeição na NFC-e e não consigo vender',
    kind: 'issue',
    during: 'plantao',
    says: null,
    plantao: true,
  },
  'Saturday, a shift on, an opt-out: the messages stop, said at once': { at: '2026-11-21T10:00:00', text: 'nao quero mais mensagens', kind: 'optout', during: 'after-hours', says: ['mensagens'], plantao: false },
};

describe('chat dialog: the monitoring relay', () => {
  it.each(Object.entries(rows))('%s', (_name, row) => {
    const { state, effects } = handleStreamItem(linkedChat(), message(row.text), new Date(`${row.at}-03:00`), plantaoContext());
    expect(replies(effects)).toEqual([expect.objectContaining({ monitoringId: 'mon1', kind: row.kind, during: row.during, text: row.text, chatId: CHAT })]);
    const texts = said(effects);
    if (row.says === null) expect(texts).toEqual([]);
    else {
      expect(texts).toHaveLength(1);
      for (const w of row.says) expect(texts[0]).toContain(w);
    }
    // The follow-up was signed by the implanter: never "vou avisar João", never a promise in his name off duty.
    for (const text of texts) expect(text).not.toMatch(/João|Joao/);
    const chat = state as ChatState;
    expect(chat.plantao !== null, 'plantão').toBe(row.plantao);
    expect(chat.monitoring !== null, 'still linked').toBe(row.kind !== 'optout');
  });

  // Found by an outside tester: a thanks after the plantão had closed her chat, at 18:05, got "é só me
  // chamar por aqui" in the implanter's voice, and the implanter a message on a Saturday evening.
  it.each([
    ['a thanks: no answer, noted for the next check-in', 'obrigada pela ajuda hj viu', 'ok', 'plantao', null],
    ['a problem: told when the next period begins, the implanter told', 'voltou a travar o pdv', 'issue', 'after-hours', ['segunda-feira, 23/11 às 08:00']],
  ] as const)('the evening of a plantão the customer wrote to stays the plantão\'s: %s', (_name, text, kind, during, says) => {
    const ctx = plantaoContext();
    const inShift = handleStreamItem(linkedChat(), message('o pdv travou'), new Date('2026-11-21T10:00:00-03:00'), ctx).state;
    const { effects } = handleStreamItem(inShift, message(text), new Date('2026-11-21T18:05:00-03:00'), ctx);
    expect(replies(effects)).toEqual([expect.objectContaining({ monitoringId: 'mon1', kind, during, text })]);
    const texts = said(effects);
    if (says === null) expect(texts).toEqual([]);
    else {
      expect(texts).toHaveLength(1);
      for (const w of says) expect(texts[0]).toContain(w);
      expect(texts[0]).not.toMatch(/me chamar|em breve/);
    }
  });

  // Found by an outside tester (2026-12-07, later): on 31/12 at 18:59 a monitored customer's problem was answered in the
  // implanter's voice with "falo com você segunda-feira, 04/01", though the holiday's plantão began the next morning.
  it('the night before a plantão shift, a monitored customer is told the plantão begins, not the implanter\'s next business day', () => {
    const ctx = plantaoContext();
    const { state, effects } = handleStreamItem(linkedChat(), message('boa noite, amanha tem alguem? o relatorio do caixa continua zerado'), new Date('2026-11-19T18:59:00-03:00'), ctx);
    expect(replies(effects)).toEqual([expect.objectContaining({ monitoringId: 'mon1', kind: 'issue', during: 'after-hours' })]);
    const texts = said(effects);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('sexta-feira, 20/11 às 08:00');
    expect(texts[0]).not.toMatch(/segunda-feira|falo com você/);
    // …and the shift sees it when it begins.
    expect((state as ChatState).plantao?.carryAt).toBe(new Date('2026-11-20T08:00:00-03:00').toISOString());
  });

  // Found by an outside tester (2026-12-07, later): on Christmas Day, during the shift, "não quero mais receber essas mensagens"
  // was answered "Qualquer coisa, estou por aqui" in the implanter's voice.
  it('an opt-out during a shift is answered in the plantão team\'s voice, the follow-ups stopped', () => {
    const { state, effects } = handleStreamItem(linkedChat(), message('feliz natal! por favor, nao quero mais receber essas mensagens de acompanhamento'), new Date('2026-11-21T10:00:00-03:00'), plantaoContext());
    expect(replies(effects)).toEqual([expect.objectContaining({ monitoringId: 'mon1', kind: 'optout' })]);
    const texts = said(effects);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/plantão/);
    expect(texts[0]).not.toMatch(/estou por aqui|me chamar|não envio/);
    expect((state as ChatState).monitoring).toBeNull();
  });

  // Found by an outside tester: "quem é? nao quero mais receber isso" had its opt-out answered and its question not.
  it.each([
    ['an opt-out: who writes, then the messages stop', 'quem é? nao quero mais receber isso', 'optout', ['João Silva', 'Padaria', 'ão envio mais']],
    ['only the question: who writes, and the follow-up\'s question again', 'quem eh?', 'issue', ['João Silva', 'Padaria', 'tudo']],
    ['"all fine" beside it: who writes, and thanks for the "all fine"', 'quem ta falando? ta tudo ok aqui', 'ok', ['João Silva', 'Padaria']],
  ] as const)('a customer asking who writes is told: %s', (_name, text, kind, says) => {
    const { effects } = handleStreamItem(linkedChat(), message(text), new Date('2026-11-24T10:00:00-03:00'), plantaoContext());
    expect(replies(effects)).toEqual([expect.objectContaining({ monitoringId: 'mon1', kind, during: 'business', text })]);
    const texts = said(effects);
    expect(texts).toHaveLength(1);
    for (const w of says) expect(texts[0]).toContain(w);
    expect(texts[0]).not.toMatch(/não está funcionando|agradeço o aviso|te retorno/);
  });

  // Known since the opt-out in plantão chats: in the chat a follow-up opened, the opt-out went to the
  // implanter's relay (answered, the follow-ups stopped) while the plantão, which had the chat's
  // problem, went on with its check-ins and its end-of-shift notice.
  it('an opt-out during a shift in the chat a follow-up opened stops the plantão\'s check-ins and notice too, said once', () => {
    const ctx = plantaoContext();
    const inShift = handleStreamItem(linkedChat(), message('o pdv travou, alguem de plantao?'), new Date('2026-11-21T10:00:00-03:00'), ctx).state;
    expect((inShift as ChatState).plantao?.idleDueAt, 'a check-in armed').toBeTruthy();
    const stop = handleStreamItem(inShift, message('para de me mandar msg por favor'), new Date('2026-11-21T10:05:00-03:00'), ctx);
    expect(replies(stop.effects)).toEqual([expect.objectContaining({ kind: 'optout' })]);
    expect(said(stop.effects)).toHaveLength(1);
    const chat = stop.state as ChatState;
    expect(chat.monitoring).toBeNull();
    expect(chat.plantao?.optedOut).toBe(true);
    expect(chat.plantao?.idleDueAt ?? null).toBeNull();
    // Nothing left to wake the chat before the shift ends (only the record's end of shift).
    const timers = stop.effects.filter((e) => e.type === 'timer.set');
    for (const timer of timers) expect(JSON.stringify(timer)).toContain('2026-11-21T21:00:00');
    // Its words are still read by the plantão afterwards.
    const later = handleStreamItem(stop.state, message('o pdv travou de novo'), new Date('2026-11-21T11:00:00-03:00'), ctx);
    expect(said(later.effects).join(' ')).not.toMatch(/mensagens automáticas/);
    expect((later.state as ChatState).plantao?.awaitingTechnician).toBe(true);
  });

  it('ends with the cycle: after the unlink a message is an ordinary chat message', () => {
    const ctx = plantaoContext();
    const unlinked = handleStreamItem(linkedChat(), unlink, new Date('2026-12-14T10:00:00-03:00'), ctx).state;
    expect((unlinked as ChatState).monitoring).toBeNull();
    const { effects } = handleStreamItem(unlinked, message('oi, como emito a nota de devolução?'), new Date('2026-12-15T10:00:00-03:00'), ctx);
    expect(replies(effects)).toEqual([]);
    expect(said(effects)).toEqual([]);
  });

  it('an unlink for another monitoring leaves the link alone', () => {
    const other: StreamItem = { kind: 'internal', event: { id: 'fw|unlink2', type: 'forward', name: 'monitoring.unlink', data: { monitoringId: 'mon-other', reason: 'done' } } };
    const { state } = handleStreamItem(linkedChat(), other, new Date('2026-12-14T10:00:00-03:00'), plantaoContext());
    expect((state as ChatState).monitoring?.monitoringId).toBe('mon1');
  });
});

/** The customer answers the follow-up before the bot has linked the chat Karoo opened for it. */
describe('a follow-up answered before the chat is linked', () => {
  const ctx = flowContext();
  const now = new Date('2026-11-30T08:00:05-03:00');
  const early = { kind: 'karoo' as const, event: karooEventSchema.parse(makeEvent({ chatId: 'ch_fu_1', department: 'implantacao', kind: 'customer', login: null, text: 'Tudo certo por aqui!' })) };
  const run = (state: StreamState, item: StreamItem) => handleStreamItem(state, item, now, ctx);

  it('passes that answer to the agent once the link arrives', () => {
    const first = run(initialState(streamOf(early.event)), early);
    const linked = run(first.state, link('2026-11-30T08:00:00-03:00'));
    expect(replies(linked.effects)).toEqual([expect.objectContaining({ monitoringId: 'mon1', kind: 'ok', text: 'Tudo certo por aqui!', during: 'business' })]);
  });

  it('does not take a message written before the follow-up was sent for its answer', () => {
    const first = run(initialState(streamOf(early.event)), early);
    const linked = run(first.state, link('2026-11-30T08:01:00-03:00'));
    expect(linked.effects.filter((e) => e.type === 'forward')).toEqual([]);
  });
});

// Found by an outside tester: the customer got "agradeço por me contar! Já vi sua mensagem e falo com você em breve" every time.
describe("the relay's answers in the implanter's voice", () => {
  it('are worded in more than two ways, and never the same twice in a row', () => {
    let last: string | null = null;
    const seen = new Set<string>();
    for (let i = 0; i < 24; i++) {
      const text = relayReply(`evt_${i}`, 'Maria Souza', { kind: 'issue', allFineBut: false, next: null }, last);
      expect(text).not.toBe(last);
      seen.add(text);
      last = text;
    }
    expect(seen.size).toBeGreaterThan(4);
  });

  // Found by an outside tester: a problem was thanked for ("agradeço por me contar!"), and "all fine, but…" read
  // "bom saber que o resto está funcionando! Sobre o que não está funcionando…".
  it('never thank for a problem as for news, nor say "funcionando" twice', () => {
    for (let i = 0; i < 24; i++) {
      const problem = relayReply(`evt_${i}`, 'Maria Souza', { kind: 'issue', allFineBut: false, next: null }, null);
      expect(problem).not.toMatch(/agradeço por me contar|agradeço o aviso/i);
      const but = relayReply(`evt_${i}`, 'Maria Souza', { kind: 'issue', allFineBut: true, next: i % 2 ? 'segunda-feira, 30/11 às 08:00' : null }, null);
      expect(but.match(/funcionando/g)?.length ?? 0).toBeLessThan(2);
    }
  });
});
