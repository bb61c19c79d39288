import { padCode } from './bimer-client.js';
import { BimerNotFoundError, type BimerApi, type BimerPerson, type NewTicket } from './types.js';

/**
 * The Bimer operations flows can ask for (as `bimer` effects), and their execution against
 * the adapter. Results are plain JSON, delivered back to the asking stream.
 */
export type BimerOp =
  | { op: 'lookupClose'; customerCode: string; agentLogin: string }
  | { op: 'findTicketByProtocol'; customerCode: string; protocolo: string }
  | { op: 'createTicket'; ticket: NewTicket }
  | { op: 'replaceText'; ticketId: string; text: string }
  | { op: 'delegate'; ticketId: string; userId: string; date: string; note: string }
  | { op: 'getUser'; userId: string }
  | { op: 'lookupReseller'; crmCode: string | null; phone: string | null };

export interface CustomerInfo {
  id: string;
  code: string;
  name: string;
  phone: string | null;
  sellerId: string | null;
  resellerId: string | null;
}

export interface UserInfo {
  id: string;
  login: string;
  name: string;
  supervisorId: string | null;
}

export type BimerOpResult =
  | { found: false }
  | { found: true; customer: CustomerInfo; agent: UserInfo }
  | { found: true; ticket: { id: string; protocolo: string } }
  | { found: true; user: UserInfo }
  | { done: true }
  | ResellerLookup;

export interface ResellerLookup {
  customer: { code: string; name: string } | null;
  reseller: { name: string; contact: { name: string; phone: string } | null } | null;
}

export function firstPhone(person: BimerPerson): string | null {
  for (const p of person.Telefones ?? []) {
    const raw = typeof p === 'string' ? p : (p.Numero ?? p.Telefone);
    if (typeof raw === 'string' && raw.replace(/\D/g, '').length >= 10) {
      const digits = raw.replace(/\D/g, '');
      return `+${digits.startsWith('55') ? digits : `55${digits}`}`;
    }
  }
  return null;
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
            phone: firstPhone(person),
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
      return ticket ? { found: true, ticket: { id: ticket.Identificador, protocolo: String(ticket.Protocolo) } } : { found: false };
    }
    case 'createTicket': {
      const ticket = await api.createTicket(op.ticket);
      return { found: true, ticket: { id: ticket.Identificador, protocolo: String(ticket.Protocolo) } };
    }
    case 'replaceText':
      await api.replaceTicketText(op.ticketId, op.text);
      return { done: true };
    case 'delegate':
      await api.delegateTicket(op.ticketId, { IdentificadorUsuario: op.userId, DataProvidenciar: op.date, Observacao: op.note });
      return { done: true };
    case 'lookupReseller':
      return lookupReseller(api, op.crmCode, op.phone);
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

/**
 * Is this contact a reseller's customer? Found by Bimer code, else by phone. The reseller's
 * responsible contact is preferred; failing that, any contact with a phone; failing that, a
 * requester seen in the customer's latest tickets.
 */
async function lookupReseller(api: BimerApi, crmCode: string | null, phone: string | null): Promise<ResellerLookup> {
  let person: BimerPerson | undefined;
  try {
    if (crmCode) person = await api.getPersonByCode(padCode(crmCode));
    else if (phone) person = (await api.findPeopleByPhone(phone))[0];
  } catch (err) {
    if (!(err instanceof BimerNotFoundError)) throw err;
  }
  if (!person) return { customer: null, reseller: null };
  const customer = { code: person.Codigo, name: person.Nome };
  if (!person.IdentificadorRevenda) return { customer, reseller: null };
  const reseller = await api.getPerson(person.IdentificadorRevenda);
  const contacts = (reseller.Contatos ?? []).filter((c) => c.Telefone);
  const chosen = contacts.find((c) => c.Responsavel) ?? contacts[0];
  let contact = chosen ? { name: chosen.Nome, phone: String(chosen.Telefone) } : null;
  if (!contact) {
    const tickets = await api.listCustomerTickets(person.Codigo, 10);
    const seen = tickets.map((t) => t.Solicitante).find((s) => s?.Nome && s.Telefone);
    if (seen?.Nome && seen.Telefone) contact = { name: seen.Nome, phone: seen.Telefone };
  }
  return { customer, reseller: { name: reseller.Nome, contact } };
}
