import { describe, expect, it } from 'vitest';
import { BimerMemory, seedSnapshot, type BimerSnapshot, type Ticket } from '../../src/sandbox/bimer-memory.js';

const create = (bimer: BimerMemory, day?: string): string => {
  const [status, body] = bimer.route('POST', '/api/crm/atendimentos', new URLSearchParams(), { CodigoTipoAtendimento: '000029', Texto: 'x', ChaveExterna: '' }, day);
  expect(status).toBe(200);
  return (body.ListaObjetos as Ticket[])[0]?.Protocolo ?? '';
};

describe("the sandbox's Bimer protocols", () => {
  it('start with the given day (YYYYMMDD) and the sequence of that day, in five digits: 13 digits as Bimer writes them', () => {
    const bimer = new BimerMemory();
    expect(create(bimer, '20270105')).toBe('2027010500001');
    expect(create(bimer, '20270105')).toBe('2027010500002');
    expect(create(bimer, '20270106')).toBe('2027010600001');
    expect(create(bimer, '20270105')).toBe('2027010500003');
    expect(bimer.tickets.map((t) => t.Protocolo).every((p) => /^\d{13}$/.test(p))).toBe(true);
  });

  it('without a day (the test suites’ Bimer) keep the fixed day they always had', () => {
    const bimer = new BimerMemory();
    expect([create(bimer), create(bimer)]).toEqual(['2026112300001', '2026112300002']);
  });

  it('read a snapshot written before the day sequences (no daySeq): never repeat a protocol it holds', () => {
    const old = seedSnapshot();
    const t = (n: number): Ticket => ({ ...(old.tickets[0] as Ticket), Identificador: `00T000000${n}`, Protocolo: `202611230000${n}` });
    const snapshot: BimerSnapshot = { ...old, tickets: [...old.tickets, t(1), t(2)], seq: 2 };
    expect('daySeq' in snapshot).toBe(false);
    const bimer = new BimerMemory(snapshot);
    expect(create(bimer, '20261123')).toBe('2026112300003');
    // The seed's RSP (2026110900017) is skipped on its day too.
    const seeded = new BimerMemory({ ...seedSnapshot(), daySeq: { '20261109': 16 } });
    expect(create(seeded, '20261109')).toBe('2026110900018');
    // The sequences are kept in the snapshot.
    expect(new BimerMemory(bimer.snapshot()).snapshot().daySeq).toEqual({ '20261123': 3 });
    expect(create(new BimerMemory(bimer.snapshot()), '20261123')).toBe('2026112300004');
  });
});

// Found by an outside tester (2026-12-07): the hardware hint's "últimos 30 dias" listed a 33-day-old ticket; the
// stand-in gave no DataCadastro (the contract's field), so the bot could not tell a ticket's age.
describe("the sandbox's Bimer tickets", () => {
  it('carry the day they were opened (DataCadastro)', () => {
    const bimer = new BimerMemory();
    const [, body] = bimer.route('POST', '/api/crm/atendimentos', new URLSearchParams(), { CodigoTipoAtendimento: '000029', Texto: 'x', ChaveExterna: '' }, '20261228');
    expect((body.ListaObjetos as Ticket[])[0]?.DataCadastro).toBe('2026-12-28T00:00:00');
  });
});
