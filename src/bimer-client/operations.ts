import { DownstreamError } from '../errors/downstream-error.js';
import { asText } from '../util/text.js';
import { choosePhone, toE164 } from '../util/phone.js';
import { padCode } from './wire.js';
import type { BimerOp, BimerOpResult, CustomerPhones, RecentTickets, ResellerLookup, RunBimerOp, TicketHand } from '../domain/bimer-ops.js';
import type { TicketDraft } from '../domain/ticket-draft.js';
import { withPeoplesLines } from '../domain/ticket-text.js';
import { BimerNotFoundError, type BimerApi, type BimerPerson, type BimerTicket, type NewTicket } from './types.js';

/**
 * Runs the flows' Bimer operations (`domain/bimer-ops.ts`) against the adapter: the domain's
 * camelCase drafts become Bimer's wire format here and nowhere else.
 */

export type { BimerOp, BimerOpResult, CustomerInfo, ResellerLookup, UserInfo } from '../domain/bimer-ops.js';

/** A ticket draft in Bimer's wire format (docs/contracts/bimer-api.md). */
export function toNewTicket(draft: TicketDraft): NewTicket {
  return {
    CodigoTipoAtendimento: draft.typeCode,
    Categoria: draft.category,
    Assunto: draft.subject,
    IdentificadorCliente: draft.customerId,
    IdentificadorUsuarioResponsavel: draft.responsibleUserId,
    DataProvidenciar: draft.dueAt,
    Texto: draft.text,
    ChaveExterna: draft.externalKey,
    IdentificadorAtendimentoVinculado: draft.linkedTicketId,
  };
}

/** A job queued before drafts were camelCase holds the wire body itself: still sent as it is. */
function wireTicket(ticket: TicketDraft | NewTicket): NewTicket {
  return 'CodigoTipoAtendimento' in ticket ? ticket : toNewTicket(ticket);
}

/** The raw phones of a Bimer person, in their order (strings or `{Numero}` / `{Telefone}` objects). */
export function personPhones(person: BimerPerson): string[] {
  return (person.Telefones ?? []).map((p) => (typeof p === 'string' ? p : (p.Numero ?? p.Telefone))).filter((p): p is string => typeof p === 'string');
}

export async function runBimerOp(api: BimerApi, op: BimerOp): Promise<BimerOpResult> {
  switch (op.op) {
    case 'lookupClose': {
      try {
        const [person, user] = await Promise.all([api.getPersonByCode(padCode(op.customerCode)), api.getUserByLogin(op.agentLogin)]);
        return {
          found: true,
          customer: {
            id: person.Identificador,
            code: person.Codigo,
            name: person.Nome,
            ...customerPhone(person),
            sellerId: person.IdentificadorVendedor ?? null,
            resellerId: person.IdentificadorRevenda ?? null,
          },
          agent: { id: user.Identificador, login: user.NomeLogin, name: user.Nome, supervisorId: user.IdentificadorSupervisor ?? null },
        };
      } catch (err) {
        if (err instanceof BimerNotFoundError) return { found: false };
        throw err;
      }
    }
    case 'findTicketByProtocol': {
      const tickets = await api.listCustomerTickets(padCode(op.customerCode), 50);
      const ticket = tickets.find((t) => String(t.Protocolo) === op.protocolo);
      return ticket ? { found: true, ticket: { id: ticket.Identificador, protocolo: String(ticket.Protocolo), typeCode: ticket.CodigoTipoAtendimento ?? null } } : { found: false };
    }
    case 'createTicket': {
      const ticket = await api.createTicket(wireTicket(op.ticket));
      return { found: true, ticket: { id: ticket.Identificador, protocolo: String(ticket.Protocolo) } };
    }
    case 'replaceText': {
      // Bimer replaces the whole body: what people wrote in it meanwhile is read first and kept.
      const current = asText((await api.getTicket(op.ticketId)).Texto);
      const text = withPeoplesLines(current, op.text);
      if (text !== current) await api.replaceTicketText(op.ticketId, text);
      return { done: true };
    }
    case 'delegate':
      await api.delegateTicket(op.ticketId, { IdentificadorUsuario: op.userId, DataProvidenciar: op.date, Observacao: op.note });
      return { done: true };
    case 'lookupReseller':
      return lookupReseller(api, op.crmCode, op.phone);
    case 'recentTickets':
      return recentTickets(api, op.crmCode, op.phone, op.since);
    case 'customerPhones': {
      try {
        return { found: true, phones: customerPhone(await api.getPersonByCode(padCode(op.customerCode))) };
      } catch (err) {
        if (err instanceof BimerNotFoundError) return { found: false };
        throw err;
      }
    }
    case 'getUser': {
      try {
        const user = await api.getUser(op.userId);
        return {
          found: true,
          user: { id: user.Identificador, login: user.NomeLogin, name: user.Nome, supervisorId: user.IdentificadorSupervisor ?? null },
        };
      } catch (err) {
        if (err instanceof BimerNotFoundError) return { found: false };
        throw err;
      }
    }
  }
}

/** The customer of a chat, by Bimer code, else by phone; undefined when neither finds one. */
async function chatCustomer(api: BimerApi, crmCode: string | null, phone: string | null): Promise<BimerPerson | undefined> {
  try {
    if (crmCode) return await api.getPersonByCode(padCode(crmCode));
    if (phone) {
      // The search by phone is assumed (contract), and may match loosely (the last digits): a person
      // is the caller only when one of their own phones is that number, never a namesake's in another area code.
      const caller = toE164(phone) ?? phone;
      return (await api.findPeopleByPhone(phone)).find((person) => personPhones(person).some((raw) => toE164(raw) === caller));
    }
  } catch (err) {
    if (!(err instanceof BimerNotFoundError)) throw err;
  }
  return undefined;
}

/** How many of a customer's latest tickets are read for the technician's hint. */
const RECENT_TICKETS = 20;

/** The customer's tickets opened since `since` (Bimer's local date-time), newest first, at most five. */
async function recentTickets(api: BimerApi, crmCode: string | null, phone: string | null, since: string): Promise<RecentTickets> {
  const person = await chatCustomer(api, crmCode, phone);
  if (!person) return { customer: null, tickets: [] };
  const tickets = (await api.listCustomerTickets(person.Codigo, RECENT_TICKETS))
    .filter((t) => !t.DataCadastro || t.DataCadastro.slice(0, 19) >= since.slice(0, 19))
    .sort((a, b) => String(b.DataCadastro ?? '').localeCompare(String(a.DataCadastro ?? '')))
    .slice(0, 5)
    .map((t) => ({
      protocolo: String(t.Protocolo),
      typeCode: t.CodigoTipoAtendimento ?? null,
      subject: t.Assunto ?? null,
      openedAt: t.DataCadastro ?? null,
      open: t.Situacao !== 'E',
      text: (t.Texto ?? '').replace(/\s+/g, ' ').trim(),
    }));
  return { customer: { code: person.Codigo, name: person.Nome }, tickets };
}

/**
 * Is this contact a reseller's customer? Found by Bimer code, else by phone. The reseller's
 * responsible contact is preferred; failing that, any contact with a phone; failing that, a
 * requester seen in the customer's latest tickets.
 */
async function lookupReseller(api: BimerApi, crmCode: string | null, phone: string | null): Promise<ResellerLookup> {
  const person = await chatCustomer(api, crmCode, phone);
  if (!person) return { customer: null, reseller: null };
  const customer = { code: person.Codigo, name: person.Nome };
  if (!person.IdentificadorRevenda) return { customer, reseller: null };
  const reseller = await api.getPerson(person.IdentificadorRevenda);
  const invalidPhones: { record: string; phone: string }[] = [];
  // The first person whose phone reads as a number; those before it with a broken phone are reported.
  const firstUsable = (people: { name: string; phone: string; record: string }[]) => {
    for (const p of people) {
      const e164 = toE164(p.phone);
      if (e164) return { name: p.name, phone: e164 };
      invalidPhones.push({ record: p.record, phone: p.phone });
    }
    return null;
  };
  const contacts = (reseller.Contatos ?? [])
    .filter((c) => c.Telefone)
    .sort((a, b) => Number(b.Responsavel) - Number(a.Responsavel))
    .map((c) => ({ name: c.Nome, phone: String(c.Telefone), record: `revenda ${reseller.Codigo} (${reseller.Nome}), contato ${c.Nome}` }));
  let contact = firstUsable(contacts);
  if (!contact) {
    const tickets = await api.listCustomerTickets(person.Codigo, 10);
    const requesters = tickets.flatMap((t) =>
      t.Solicitante?.Nome && t.Solicitante.Telefone
        ? [{ name: t.Solicitante.Nome, phone: t.Solicitante.Telefone, record: `atendimento ${t.Protocolo} (solicitante ${t.Solicitante.Nome})` }]
        : [],
    );
    contact = firstUsable(requesters);
  }
  return { customer, reseller: { name: reseller.Nome, contact }, ...(invalidPhones.length ? { invalidPhones } : {}) };
}

function customerPhone(person: BimerPerson): CustomerPhones {
  const { phone, rejected, others } = choosePhone(personPhones(person));
  return { phone, ...(rejected.length ? { invalidPhones: rejected } : {}), ...(others.length ? { others } : {}) };
}

/**
 * The queue's runner (`RunBimerOp`): every operation as `runBimerOp`, a delegation at most once.
 *
 * The contract gives a delegation no key to look it up by, so one whose answer was lost (a
 * timeout, a reset) could be sent again. The job records who held the ticket, for when, before
 * its first attempt; a later attempt that finds the ticket now handed to this user for this
 * date, when it was not before, knows an earlier one went through and stops there. When the
 * ticket already showed that user and date (the delegation right after the 2266 is created with
 * them), the delegation only adds its line, and the ticket cannot tell whether an attempt whose
 * answer was lost (a timeout, a reset, a gateway's 502 or 504) went through: it is sent once more
 * after the first such loss, never after a second (at most two lines, where an outside tester saw
 * six); a refusal that did nothing (503, 429, a connection refused) is sent again as usual.
 */
export function bimerRunner(api: BimerApi): RunBimerOp {
  return async (op, memo) => {
    if (op.op !== 'delegate') return runBimerOp(api, op);
    const target: TicketHand = { user: op.userId, date: op.date };
    let before = memo.before;
    if (!before) {
      before = handOf(await api.getTicket(op.ticketId));
      await memo.remember(before);
    } else if (sameHand(before, target)) {
      if ((memo.uncertain ?? 0) >= MAX_LOST_ANSWERS) return { done: true };
    } else if (sameHand(handOf(await api.getTicket(op.ticketId)), target)) {
      return { done: true };
    }
    try {
      return await runBimerOp(api, op);
    } catch (err) {
      if (answerLost(err)) await memo.remember(before, (memo.uncertain ?? 0) + 1);
      throw err;
    }
  };
}

/** Lost answers after which a delegation the ticket cannot confirm is not sent again. */
const MAX_LOST_ANSWERS = 2;

/** A failure after which the request may have been carried out: no answer came, or a gateway gave up waiting for it. */
function answerLost(err: unknown): boolean {
  if (!(err instanceof DownstreamError) || err.kind !== 'retryable') return false;
  if (err.status === undefined) return !/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(err.message);
  return err.status === 502 || err.status === 504;
}

function handOf(ticket: BimerTicket): TicketHand {
  return { user: asText(ticket.IdentificadorUsuarioResponsavel), date: asText(ticket.DataProvidenciar) };
}

/** Bimer's local date-times compared to the minute (some versions add seconds or a fraction). */
function sameHand(a: TicketHand, b: TicketHand): boolean {
  return a.user === b.user && a.date.slice(0, 16) === b.date.slice(0, 16);
}
