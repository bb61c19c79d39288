import { describe, expect, it } from 'vitest';
import type { BimerOp, BimerOpResult } from '../../../src/domain/bimer-ops.js';
import type { Effect } from '../../../src/flows/types.js';
import { FlowDriver } from '../../helpers/flow-driver.js';
import { plantaoContext } from '../../helpers/plantao-roster.js';

/**
 * The weekend and holiday on-call (plantão) as pure functions (test/helpers/flow-driver.ts: no
 * Redis, no HTTP, the timers fired by moving the clock). Each table is one chat; each row a
 * moment: what the contact or the technician writes then (if anything) and what the bot must do
 * between the previous row and this one: the messages it sends to the chat (words they hold) and
 * whether it closes the chat. The roster: test/helpers/plantao-roster.ts (Friday 20/11 a holiday).
 */

interface Row {
  /** Local time (-03:00) of the row: the clock moves there first, firing what is due. */
  at: string;
  contact?: string;
  technician?: string;
  /** The messages the bot sends to the chat since the previous row: the words each holds (in order). */
  sends?: string[][];
  /** Words none of those messages holds. */
  lacks?: string[];
  closes?: boolean;
}

interface Chat {
  department: string;
  kind?: 'customer' | 'partner';
  rows: Row[];
}

const noReseller = (op: BimerOp): BimerOpResult => (op.op === 'lookupReseller' ? { customer: null, reseller: null } : { done: true });

function play({ department, kind = 'customer', rows }: Chat, bimer = noReseller) {
  const ctx = plantaoContext();
  const first = rows[0] as Row;
  const driver = new FlowDriver(ctx, new Date(`${first.at}-03:00`), bimer);
  const chatId = 'ch_plantao_1';
  const all: Effect[] = [];
  for (const row of rows) {
    const effects = driver.advanceTo(`${row.at}-03:00`);
    const who = { chatId, department, kind, login: null, phone: '+5511988776655' } as const;
    if (row.contact) effects.push(...driver.say({ ...who, author: 'contact', text: row.contact }));
    if (row.technician) {
      effects.push(
        ...driver.say({ ...who, author: 'agent', text: row.technician }, (raw) => {
          (raw.chat as { agent: unknown }).agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
        }),
      );
    }
    all.push(...effects);
    const sent = effects.flatMap((e) => (e.type === 'karoo.sendMessage' && e.chatId === chatId ? [e.text] : []));
    const closed = effects.some((e) => e.type === 'karoo.closeChat' && e.chatId === chatId);
    const label = `${row.at} ${row.contact ?? row.technician ?? '(time passes)'}`;
    expect(sent, label).toHaveLength(row.sends?.length ?? 0);
    (row.sends ?? []).forEach((words, i) => {
      for (const w of words) expect(sent[i], label).toContain(w);
    });
    for (const w of row.lacks ?? []) for (const text of sent) expect(text, label).not.toContain(w);
    expect(closed, label).toBe(row.closes ?? false);
  }
  return all;
}

const chats: Record<string, Chat> = {
  'implantation, holiday: check-ins at 30, 60 and 90 idle minutes, re-armed by the customer and the technician': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-20T10:00:00', contact: 'Bom dia, estou com dúvida no fechamento de caixa' },
      { at: '2026-11-20T10:29:00' },
      { at: '2026-11-20T10:30:00', sends: [['Maria']] },
      { at: '2026-11-20T11:00:00', sends: [[]] },
      { at: '2026-11-20T11:30:00', sends: [[]], contact: 'ainda estou aqui, verificando' },
      { at: '2026-11-20T11:45:00', technician: 'Vou conferir o relatório' },
      { at: '2026-11-20T12:00:00' },
      { at: '2026-11-20T12:15:00', sends: [[]] },
    ],
  },
  'implantation, Saturday: one end-of-shift notice 30 minutes before the end, with the next working period': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T17:00:00', contact: 'oi, preciso de ajuda com o estoque' },
      { at: '2026-11-21T17:01:00', technician: 'Claro, vamos ver' },
      { at: '2026-11-21T17:29:00' },
      { at: '2026-11-21T17:30:00', sends: [['ainda temos 30 minutos para auxiliá-lo', '18:00', 'segunda-feira, 23/11 às 08:00']] },
      // The technician's last message was at 17:01: an idle check-in at 17:31, not a second notice.
      { at: '2026-11-21T17:59:00', sends: [[]], lacks: ['30 minutos'] },
    ],
  },
  'implantation: "tudo ok" closes after 20 quiet minutes, with the hours': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'Tudo certo agora, era só isso, obrigada!' },
      { at: '2026-11-21T14:19:00' },
      { at: '2026-11-21T14:20:00', sends: [['18:00', 'segunda-feira, 23/11 às 08:00']], closes: true },
    ],
  },
  'implantation: a new message after "tudo ok" cancels the close; an idle check-in instead': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'td ok, obrigado' },
      { at: '2026-11-21T14:10:00', contact: 'ah, só mais uma coisa: como reimprimo o cupom?' },
      { at: '2026-11-21T14:30:00' },
      { at: '2026-11-21T14:40:00', sends: [['?']] },
    ],
  },
  'partner, Sunday: a check-in after 20 minutes, closed at once when solved, with the hours': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-22T09:00:00', contact: 'Cliente com rejeição 539 na NFC-e' },
      { at: '2026-11-22T09:19:00' },
      { at: '2026-11-22T09:20:00', sends: [[]] },
      { at: '2026-11-22T09:25:00', contact: 'resolvido, obrigado!', sends: [['12:00', 'segunda-feira, 23/11 às 08:00']], closes: true },
    ],
  },
  'partner, "#externo": no check-ins, not closed on "tudo ok", the end-of-shift notice still': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-22T09:00:00', contact: 'estou no cliente fazendo a implantação, vou tirando dúvidas' },
      { at: '2026-11-22T09:01:00', technician: '#externo' },
      { at: '2026-11-22T11:00:00', contact: 'tudo ok por enquanto' },
      { at: '2026-11-22T11:29:00' },
      { at: '2026-11-22T11:30:00', sends: [['ainda temos 30 minutos']] },
    ],
  },
  'holiday: a training request goes to the next business day, never scheduled': {
    department: 'implantacao',
    rows: [{ at: '2026-11-20T10:00:00', contact: 'Gostaria de agendar um treinamento para a equipe nova', sends: [['treinamento', 'segunda-feira, 23/11 às 08:00']] }],
  },
  'Monday night: a custom NF-e request goes to Tuesday morning': {
    department: 'suporte',
    rows: [{ at: '2026-11-23T20:00:00', contact: 'preciso agendar a NF-e personalizada', sends: [['NF-e/NFC-e personalizada', 'terça-feira, 24/11 às 08:00']] }],
  },
  'business hours: a scheduling request is left to the sector': {
    department: 'suporte',
    rows: [{ at: '2026-11-24T10:00:00', contact: 'preciso agendar um treinamento' }],
  },
};

describe('plantão, as pure functions', () => {
  it.each(Object.entries(chats))('%s', (_name, chat) => {
    play(chat);
  });

  it("tells a reseller's customer who serves them, and tells the reseller, each once", () => {
    const bimer = (op: BimerOp): BimerOpResult =>
      op.op === 'lookupReseller'
        ? { customer: { code: '000777', name: 'Mercado Bom Preço' }, reseller: { name: 'Revenda Sul Sistemas', contact: { name: 'Carlos Souza', phone: '+5551933334444' } } }
        : { done: true };
    const effects = play(
      {
        department: 'suporte',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'Oi, meu sistema não abre', sends: [['Revenda Sul Sistemas', 'Carlos Souza', '(51) 93333-4444']] },
          { at: '2026-11-21T10:01:00', contact: 'alguém aí?' },
        ],
      },
      bimer,
    );
    const toReseller = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e] : []));
    expect(toReseller.map((e) => e.to)).toEqual([{ phone: '+5551933334444' }]);
    expect(toReseller[0]?.text).toContain('000777');
    expect(toReseller[0]?.text).toContain('(11) 98877-6655');
  });

  it("asks Bimer once for the customer's tickets of the last 30 days when a customer already with a technician reports a hardware problem", () => {
    const asked: BimerOp[] = [];
    const bimer = (op: BimerOp): BimerOpResult => {
      asked.push(op);
      if (op.op === 'lookupReseller') return { customer: { code: '000779', name: 'Mercado Central' }, reseller: null };
      if (op.op === 'recentTickets') {
        return { customer: { code: '000779', name: 'Mercado Central' }, tickets: [{ protocolo: '2026111900082', typeCode: '000025', subject: null, openedAt: '2026-11-19T15:20:00', open: false, text: 'cabo USB trocado' }] };
      }
      return { done: true };
    };
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-21T10:00:00-03:00'), bimer);
    const withTechnician = (raw: Record<string, unknown>) => {
      const chat = raw.chat as { agent: unknown; contact: { crmCode: string | null } };
      chat.agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
      chat.contact.crmCode = '000779';
    };
    const who = { chatId: 'ch_hw', department: 'suporte', kind: 'customer', login: null, author: 'contact' } as const;
    const effects = driver.say({ ...who, text: 'a balança não liga, já troquei a tomada' }, withTechnician);
    expect(asked.filter((op) => op.op === 'recentTickets')).toEqual([{ op: 'recentTickets', crmCode: '000779', phone: '+5521999990000', since: '2026-10-22T10:00:00' }]);
    const hint = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e] : []));
    expect(hint.map((e) => e.to)).toEqual([{ login: 'diego.rocha' }]);
    expect(hint[0]?.text).toContain('Diego');
    expect(hint[0]?.text).toContain('2026111900082');
    driver.say({ ...who, text: 'o pinpad tambem parou' }, withTechnician);
    expect(asked.filter((op) => op.op === 'recentTickets')).toHaveLength(1);
  });
});
