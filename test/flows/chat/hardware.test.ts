import { describe, expect, it } from 'vitest';
import type { BimerOp, BimerOpResult } from '../../../src/domain/bimer-ops.js';
import { FlowDriver } from '../../helpers/flow-driver.js';
import { plantaoContext } from '../../helpers/plantao-roster.js';

/** The hardware hint (src/flows/chat/hardware.ts): the technician on the chat gets the customer's recent tickets, once. */
describe('chat dialog: the hardware hint', () => {
  const tickets = {
    customer: { code: '000779', name: 'Mercado Central' },
    tickets: [
      { protocolo: '2026111900082', typeCode: '000025', subject: null, openedAt: '2026-11-19T15:20:00', open: false, text: 'cabo USB trocado' },
      // The monitoring's own tickets are no service orders (found by outside testers, 2026-12-07).
      { protocolo: '2026111900090', typeCode: '000029', subject: 'Outros - Monitoramento 2266 (1ª semana)', openedAt: '2026-11-19T10:00:00', open: false, text: 'tentativa de contato' },
      { protocolo: '2026111000043', typeCode: '2266', subject: 'Monitoramento - 2266', openedAt: '2026-11-10T10:00:00', open: true, text: 'monitoramento' },
      { protocolo: '2026111000017', typeCode: '000030', subject: 'RSP', openedAt: '2026-11-10T09:00:00', open: false, text: 'rsp' },
    ],
  };
  const setup = (start = '2026-11-21T10:00:00-03:00') => {
    const asked: BimerOp[] = [];
    const bimer = (op: BimerOp): BimerOpResult => {
      asked.push(op);
      if (op.op === 'lookupReseller') return { customer: { code: '000779', name: 'Mercado Central' }, reseller: null };
      if (op.op === 'recentTickets') return tickets;
      return { done: true };
    };
    return { asked, driver: new FlowDriver(plantaoContext(), new Date(start), bimer) };
  };
  const technician = (raw: Record<string, unknown>) => {
    const chat = raw.chat as { agent: unknown; contact: { crmCode: string | null } };
    chat.agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
    chat.contact.crmCode = '000779';
  };
  const who = { chatId: 'ch_hw', department: 'suporte', kind: 'customer', login: null } as const;

  it("asks Bimer once for the customer's tickets of the last 30 days when a customer already with a technician reports a hardware problem", () => {
    const { asked, driver } = setup();
    const effects = driver.say({ ...who, author: 'contact', text: 'a balança não liga, já troquei a tomada' }, technician);
    expect(asked.filter((op) => op.op === 'recentTickets')).toEqual([{ op: 'recentTickets', crmCode: '000779', phone: '+5521999990000', since: '2026-10-22T10:00:00' }]);
    const hint = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e] : []));
    expect(hint.map((e) => e.to)).toEqual([{ login: 'diego.rocha' }]);
    expect(hint[0]?.text).toContain('Diego');
    expect(hint[0]?.text).toContain('2026111900082');
    for (const own of ['2026111900090', '2026111000043', '2026111000017']) expect(hint[0]?.text).not.toContain(own);
    driver.say({ ...who, author: 'contact', text: 'o pinpad tambem parou' }, technician);
    expect(asked.filter((op) => op.op === 'recentTickets')).toHaveLength(1);
  });

  // Found by an outside tester (2026-12-07): "a balança parou de comunicar com o PDV" on Saturday evening, carried into Sunday's
  // shift, brought Sunday's technician no hint.
  it('a device named the evening after the shift, carried into the next one: its technician gets the hint', () => {
    const { asked, driver } = setup('2026-11-21T18:30:00-03:00');
    driver.say({ ...who, author: 'contact', text: 'boa noite, a balança parou de comunicar com o PDV' }, (raw) => {
      (raw.chat as { contact: { crmCode: string | null } }).contact.crmCode = '000779';
    });
    expect(asked.filter((op) => op.op === 'recentTickets')).toEqual([]);
    driver.advanceTo('2026-11-22T08:10:00-03:00');
    const effects = driver.say({ ...who, author: 'agent', text: 'Bom dia! Vou verificar a balança com você.' }, technician);
    expect(asked.filter((op) => op.op === 'recentTickets')).toHaveLength(1);
    expect(effects.some((e) => e.type === 'karoo.proactive' && 'login' in e.to && e.to.login === 'diego.rocha' && e.text.includes('2026111900082'))).toBe(true);
  });

  // Found by an outside tester: "a nota do cliente nao foi pra sefaz" sent the technician a hint about old service orders.
  it.each(['a nota do cliente nao foi pra sefaz'])('names no device, so no hint: %s', (text) => {
    const { asked, driver } = setup();
    driver.say({ ...who, author: 'contact', text }, technician);
    expect(asked.filter((op) => op.op === 'recentTickets')).toEqual([]);
  });

  // Found by an outside tester (2026-12-07): the device named after the technician had written got no hint until that
  // technician wrote again (Karoo's event for the customer's line named no agent).
  it('a device named after a technician wrote: the hint goes to that technician at once', () => {
    const { asked, driver } = setup();
    driver.say({ ...who, author: 'contact', text: 'o sistema deu erro na sefaz' });
    driver.say({ ...who, author: 'agent', text: 'ajustei aqui, testa de novo por favor' }, technician);
    const effects = driver.say({ ...who, author: 'contact', text: 'o erro da sefaz sumiu mas agora a impressora nao imprime o danfe' });
    expect(asked.filter((op) => op.op === 'recentTickets')).toHaveLength(1);
    expect(effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e.to] : []))).toEqual([{ login: 'diego.rocha' }]);
  });

  it('waits for a technician: the hint goes to the first one who writes in the chat', () => {
    const { asked, driver } = setup();
    driver.say({ ...who, author: 'contact', text: 'a impressora fiscal nao liga' });
    expect(asked.filter((op) => op.op === 'recentTickets')).toHaveLength(0);
    const effects = driver.say({ ...who, author: 'agent', text: 'Oi, sou o Diego, vou te ajudar' }, technician);
    expect(effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e.to] : []))).toEqual([{ login: 'diego.rocha' }]);
  });
});
