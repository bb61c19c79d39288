import { describe, expect, it } from 'vitest';
import { runBimerOp } from '../../src/bimer-client/operations.js';
import type { BimerApi, NewTicket } from '../../src/bimer-client/types.js';
import type { TicketDraft } from '../../src/domain/ticket-draft.js';

const draft: TicketDraft = {
  typeCode: '2266',
  category: 'O',
  subject: 'Monitoramento - 2266',
  customerId: 'P1',
  responsibleUserId: 'U1',
  dueAt: '2026-11-30T08:00:00',
  text: 'monitoramento\nP: Cliente satisfeito.',
  externalKey: 'karoo-bot:2266:000123:2026-11-23',
  linkedTicketId: 'T0',
};

const wire: NewTicket = {
  CodigoTipoAtendimento: '2266',
  Categoria: 'O',
  Assunto: 'Monitoramento - 2266',
  IdentificadorCliente: 'P1',
  IdentificadorUsuarioResponsavel: 'U1',
  DataProvidenciar: '2026-11-30T08:00:00',
  Texto: 'monitoramento\nP: Cliente satisfeito.',
  ChaveExterna: 'karoo-bot:2266:000123:2026-11-23',
  IdentificadorAtendimentoVinculado: 'T0',
};

function recordingApi(sent: NewTicket[]): BimerApi {
  const no = () => Promise.reject(new Error('not used'));
  return {
    findPeopleByPhone: no,
    getPersonByCode: no,
    getPerson: no,
    getUserByLogin: no,
    getUser: no,
    findTicketsByExternalKey: no,
    listCustomerTickets: no,
    getTicket: no,
    createTicket: (ticket) => {
      sent.push(ticket);
      return Promise.resolve({ Identificador: 'T1', Protocolo: '2026112300043' });
    },
    replaceTicketText: no,
    delegateTicket: no,
  };
}

describe('the Bimer operations', () => {
  // Found by an outside tester: the week's write erased a supervisor's line added to the 2266 in Bimer.
  it("rewrites a ticket's text reading Bimer's first: a person's lines stay, nothing is written when nothing changes", async () => {
    const writes: string[] = [];
    let held = 'monitoramento\nP: ok\n( ) primeira semana\nOBS SUPERVISAO: cliente pediu retorno às 14h.\n( ) segunda semana\n( ) terceira semana';
    const api: BimerApi = {
      ...recordingApi([]),
      getTicket: (id) => Promise.resolve({ Identificador: id, Protocolo: '2026112300043', Texto: held } as Awaited<ReturnType<BimerApi['getTicket']>>),
      replaceTicketText: (_id, text) => {
        writes.push(text);
        held = text;
        return Promise.resolve();
      },
    };
    const ours = 'monitoramento\nP: ok\n(x) primeira semana — sem demanda\n( ) segunda semana\n( ) terceira semana';
    expect(await runBimerOp(api, { op: 'replaceText', ticketId: 'T1', text: ours })).toEqual({ done: true });
    expect(writes).toEqual([`${ours}\nOBS SUPERVISAO: cliente pediu retorno às 14h.`]);
    await runBimerOp(api, { op: 'replaceText', ticketId: 'T1', text: ours }); // a retry after a lost answer
    expect(writes).toHaveLength(1);
  });

  it("sends a flow's camelCase ticket draft in Bimer's wire format", async () => {
    const sent: NewTicket[] = [];
    const result = await runBimerOp(recordingApi(sent), { op: 'createTicket', ticket: draft });
    expect(sent).toEqual([wire]);
    expect(result).toEqual({ found: true, ticket: { id: 'T1', protocolo: '2026112300043' } });
  });

  it('still sends a job queued before drafts were camelCase (its body in the wire format) as it is', async () => {
    const sent: NewTicket[] = [];
    const legacy = { op: 'createTicket', ticket: wire } as unknown as Parameters<typeof runBimerOp>[1];
    await runBimerOp(recordingApi(sent), legacy);
    expect(sent).toEqual([wire]);
  });

  // Found by an outside tester: a caller from Fortaleza, +55 85 97777-6666, was taken for the customer whose phone is
  // (51) 97777-6666 (the search matched the last digits), and that customer's reseller was told about a stranger.
  it('takes a person found by phone for the caller only when one of their own phones is that number', async () => {
    const people = [
      { Identificador: 'C77', Codigo: '000777', Nome: 'Mercado Bom Preço', Telefones: ['(51) 97777-6666'], IdentificadorRevenda: 'RV1' },
      { Identificador: 'C88', Codigo: '000888', Nome: 'Farmácia Boa', Telefones: [{ Numero: '(0085)97777-6666' }], IdentificadorRevenda: null },
    ];
    const api: BimerApi = { ...recordingApi([]), findPeopleByPhone: () => Promise.resolve(people), getPerson: () => Promise.reject(new Error('no reseller lookup expected')) };
    await expect(runBimerOp(api, { op: 'lookupReseller', crmCode: null, phone: '+5585977776666' })).resolves.toEqual({ customer: { code: '000888', name: 'Farmácia Boa' }, reseller: null });
    await expect(runBimerOp(api, { op: 'lookupReseller', crmCode: null, phone: '+5511977776666' })).resolves.toEqual({ customer: null, reseller: null });
  });
});
