import { describe, expect, it } from 'vitest';
import { bimerRunner, runBimerOp } from '../../src/bimer-client/operations.js';
import { DownstreamError } from '../../src/errors/downstream-error.js';
import type { AttemptMemo, TicketHand } from '../../src/domain/bimer-ops.js';
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
  // Found by an outside tester (2026-12-07): Bimer carried out the 2266's first delegation and the answer was lost
  // (a gateway's 504) five times in a row: the ticket listed the same delegation six times.
  describe('a delegation whose ticket already shows its user and date (right after the create)', () => {
    const op = { op: 'delegate', ticketId: 'T1', userId: 'U1', date: '2026-11-30T08:00:00', note: 'Monitoramento pós-implantação: contato da 1ª semana.' } as const;
    function attempts(failure: DownstreamError) {
      const sent: string[] = [];
      let fail = true;
      const api: BimerApi = {
        ...recordingApi([]),
        getTicket: (id) => Promise.resolve({ Identificador: id, Protocolo: '2026112300043', IdentificadorUsuarioResponsavel: 'U1', DataProvidenciar: '2026-11-30T08:00:00' } as Awaited<ReturnType<BimerApi['getTicket']>>),
        delegateTicket: () => {
          sent.push('POST');
          return fail ? Promise.reject(failure) : Promise.resolve();
        },
      };
      const job: { before?: TicketHand; uncertain?: number } = {};
      const memo = (): AttemptMemo => ({ ...job, remember: (before, uncertain) => Promise.resolve(void Object.assign(job, { before }, uncertain ? { uncertain } : {})) });
      const run = bimerRunner(api);
      return { sent, run: () => run(op, memo()), heal: () => (fail = false) };
    }

    it('is sent once more after the first lost answer (504, a timeout), never after a second: at most two lines', async () => {
      for (const lost of [new DownstreamError('504', 'bimer', 'retryable', 504, undefined), new DownstreamError('timeout after 10000 ms', 'bimer', 'retryable', undefined, undefined)]) {
        const a = attempts(lost);
        for (let i = 0; i < 5; i++) await a.run().catch(() => undefined);
        a.heal();
        expect(await a.run()).toEqual({ done: true });
        expect(a.sent).toEqual(['POST', 'POST']);
      }
    });

    it('is sent again after a refusal that did nothing (503, a connection refused)', async () => {
      for (const refused of [new DownstreamError('503', 'bimer', 'retryable', 503, 1000), new DownstreamError('fetch failed (ECONNREFUSED)', 'bimer', 'retryable', undefined, undefined)]) {
        const a = attempts(refused);
        await expect(a.run()).rejects.toThrow();
        a.heal();
        expect(await a.run()).toEqual({ done: true });
        expect(a.sent).toEqual(['POST', 'POST']);
      }
    });
  });
});
