/**
 * A Bimer that lives in memory and answers the routes of docs/contracts/bimer-api.md with
 * Bimer's envelope: the sandbox serves it over HTTP, and the tests put it behind nock.
 */

import { toE164 } from '../util/phone.js';

export type Rec = Record<string, unknown>;

/** A person's phones as Bimer types them (strings, or objects with `Numero` / `Telefone`). */
function phonesOf(person: Rec): string[] {
  const list = Array.isArray(person.Telefones) ? (person.Telefones as unknown[]) : [];
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return list.map((t) => (typeof t === 'string' ? t : t && typeof t === 'object' ? text((t as Rec).Numero) || text((t as Rec).Telefone) : '')).filter(Boolean);
}

export interface Ticket extends Rec {
  Identificador: string;
  Protocolo: string;
  CodigoTipoAtendimento: string;
  Texto: string;
  ChaveExterna: string;
  IdentificadorCliente: string;
  IdentificadorAtendimentoVinculado: string | null;
}

export interface Delegation {
  ticketId: string;
  IdentificadorUsuario: string;
  DataProvidenciar: string;
  Observacao: string;
}

export interface BimerSnapshot {
  people: Rec[];
  users: Rec[];
  tickets: Ticket[];
  delegations: Delegation[];
  seq: number;
  /** The last protocol sequence of each day (`YYYYMMDD`); absent in snapshots written before it. */
  daySeq?: Record<string, number>;
}

/** The day of a protocol when the caller gives none (the tests' Bimer, whose clock is its own). */
const DEFAULT_PROTOCOL_DAY = '20261123';

/**
 * A protocol as Bimer writes them (`2026110900017`): the day it was opened (`YYYYMMDD`) and that
 * day's sequence in five digits. One already taken (an older snapshot's, the seed's) is skipped.
 */
function nextProtocol(day: string, daySeq: Record<string, number>, taken: (protocolo: string) => boolean): string {
  for (;;) {
    const seq = (daySeq[day] ?? 0) + 1;
    daySeq[day] = seq;
    const protocolo = `${day}${String(seq).padStart(5, '0')}`;
    if (!taken(protocolo)) return protocolo;
  }
}

const envelope = (list: unknown[]): Rec => ({ Erros: [], ListaObjetos: list });
const notFound: Rec = { Erros: [{ ErrorCode: 'C01', ErrorMessage: 'Registro não encontrado' }], ListaObjetos: [] };

/** Seed data: a direct customer with a salesperson, a reseller with contacts and its customer, staff. */
export function seedSnapshot(): BimerSnapshot {
  return {
    people: [
      { Identificador: '00A0000SQ4', Codigo: '000123', Nome: 'Padaria Pão Quente', Telefones: ['(0021)2222-0000', '(0021)99999-0000'], IdentificadorVendedor: '00A00000V1', IdentificadorRevenda: null },
      { Identificador: '00A0000RV1', Codigo: '000900', Nome: 'Revenda Sul Sistemas', Telefones: ['(51) 3333-0000'], IdentificadorVendedor: null, IdentificadorRevenda: null, Contatos: [{ Nome: 'Carlos Souza', Telefone: '+5551933334444', Responsavel: true }, { Nome: 'Técnico Plantão', Telefone: '+5551911112222', Responsavel: false }] },
      { Identificador: '00A0000C77', Codigo: '000777', Nome: 'Mercado Bom Preço', Telefones: ['(51) 97777-6666'], IdentificadorVendedor: null, IdentificadorRevenda: '00A0000RV1' },
    ],
    users: [
      { Identificador: '00A00000J1', NomeLogin: 'joao.silva', Nome: 'João Silva', IdentificadorSupervisor: '00A00000S1' },
      { Identificador: '00A00000S1', NomeLogin: 'carla.supervisora', Nome: 'Carla Mendes', IdentificadorSupervisor: null },
      { Identificador: '00A00000V1', NomeLogin: 'pedro.vendas', Nome: 'Pedro Alves', IdentificadorSupervisor: '00A00000S1' },
    ],
    tickets: [
      {
        Identificador: '00A0RSP001',
        Protocolo: '2026110900017',
        CodigoTipoAtendimento: '000030',
        Texto: 'RSP da implantação',
        ChaveExterna: '',
        IdentificadorCliente: '00A0000SQ4',
        IdentificadorAtendimentoVinculado: null,
        Situacao: 'A',
      },
    ],
    delegations: [],
    seq: 0,
  };
}

export class BimerMemory {
  people = new Map<string, Rec>(); // by Identificador
  users = new Map<string, Rec>(); // by Identificador
  tickets: Ticket[] = [];
  delegations: Delegation[] = [];
  textUpdates: { ticketId: string; Texto: string }[] = [];
  posts = 0;
  private seq = 0;
  private daySeq: Record<string, number> = {};

  constructor(snapshot: BimerSnapshot = seedSnapshot()) {
    for (const p of snapshot.people) this.addPerson(p);
    for (const u of snapshot.users) this.addUser(u);
    this.tickets = [...snapshot.tickets];
    this.delegations = [...snapshot.delegations];
    this.seq = snapshot.seq;
    this.daySeq = { ...(snapshot.daySeq ?? {}) };
  }

  snapshot(): BimerSnapshot {
    return { people: [...this.people.values()], users: [...this.users.values()], tickets: this.tickets, delegations: this.delegations, seq: this.seq, daySeq: this.daySeq };
  }

  addPerson(p: Rec): void {
    this.people.set(String(p.Identificador), p);
  }
  addUser(u: Rec): void {
    this.users.set(String(u.Identificador), u);
  }
  ticketsOfType(code: string): Ticket[] {
    return this.tickets.filter((t) => t.CodigoTipoAtendimento === code);
  }
  delegationsOf(ticketId: string): Delegation[] {
    return this.delegations.filter((d) => d.ticketId === ticketId);
  }

  /**
   * One API call: method, path (after the base), query and JSON body → HTTP status and body.
   * `day` (`YYYYMMDD`, the caller's clock in the business time zone) dates a created ticket's protocol.
   */
  route(method: string, path: string, q: URLSearchParams, body: Rec, day: string = DEFAULT_PROTOCOL_DAY): [number, Rec] {
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/api\/pessoas\/codigo\/(\w+)$/.exec(path))) {
      const p = [...this.people.values()].find((x) => x.Codigo === m?.[1]);
      return p ? [200, envelope([p])] : [400, notFound];
    }
    if (method === 'GET' && path === '/api/pessoas') {
      const phone = toE164(`+${(q.get('telefone') ?? '').replace(/\D/g, '')}`);
      if (!phone) return [200, envelope([])];
      return [200, envelope([...this.people.values()].filter((p) => phonesOf(p).some((t) => toE164(t) === phone)))];
    }
    if (method === 'GET' && (m = /^\/api\/pessoas\/(\w+)$/.exec(path))) {
      const p = this.people.get(m[1] as string);
      return p ? [200, envelope([p])] : [400, notFound];
    }
    if (method === 'GET' && path === '/api/usuarios') {
      return [200, envelope([...this.users.values()].filter((u) => u.NomeLogin === q.get('nomeLogin')))];
    }
    if (method === 'GET' && (m = /^\/api\/usuarios\/(\w+)$/.exec(path))) {
      const u = this.users.get(m[1] as string);
      return u ? [200, envelope([u])] : [400, notFound];
    }
    if (method === 'GET' && path === '/api/crm/atendimentos') {
      if (q.has('chaveExterna')) return [200, envelope(this.tickets.filter((t) => t.ChaveExterna === q.get('chaveExterna')))];
      const person = [...this.people.values()].find((p) => p.Codigo === q.get('codigoCliente'));
      const list = this.tickets.filter((t) => t.IdentificadorCliente === person?.Identificador).reverse();
      return [200, envelope(list.slice(0, Number(q.get('limite') ?? 10)))];
    }
    if (method === 'GET' && (m = /^\/api\/crm\/atendimentos\/(\w+)$/.exec(path))) {
      const t = this.tickets.find((x) => x.Identificador === m?.[1]);
      return t ? [200, envelope([t])] : [400, notFound];
    }
    if (method === 'POST' && path === '/api/crm/atendimentos') {
      this.posts += 1;
      this.seq += 1;
      const t = {
        ...body,
        Identificador: `00T${String(this.seq).padStart(7, '0')}`,
        Protocolo: nextProtocol(/^\d{8}$/.test(day) ? day : DEFAULT_PROTOCOL_DAY, this.daySeq, (p) => this.tickets.some((x) => x.Protocolo === p)),
        Situacao: 'A',
        // The day it was opened, as Bimer lists it (the hardware hint reads the last 30 days by it).
        ...(/^\d{8}$/.test(day) ? { DataCadastro: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00` } : {}),
      } as unknown as Ticket;
      this.tickets.push(t);
      return [200, envelope([t])];
    }
    if (method === 'PUT' && (m = /^\/api\/crm\/atendimentos\/(\w+)\/texto$/.exec(path))) {
      const t = this.tickets.find((x) => x.Identificador === m?.[1]);
      if (!t) return [400, notFound];
      t.Texto = String(body.Texto);
      this.textUpdates.push({ ticketId: t.Identificador, Texto: t.Texto });
      return [200, envelope([])];
    }
    if (method === 'POST' && (m = /^\/api\/crm\/atendimentos\/(\w+)\/delegacoes$/.exec(path))) {
      const t = this.tickets.find((x) => x.Identificador === m?.[1]);
      if (!t) return [400, notFound];
      const d = { ticketId: t.Identificador, ...(body as Omit<Delegation, 'ticketId'>) };
      this.delegations.push(d);
      // A delegation hands the ticket to that user for that date.
      Object.assign(t, { IdentificadorUsuarioResponsavel: d.IdentificadorUsuario, DataProvidenciar: d.DataProvidenciar });
      return [200, envelope([])];
    }
    return [404, { Erros: [{ ErrorCode: '-1', ErrorMessage: `rota desconhecida ${method} ${path}` }], ListaObjetos: [] }];
  }
}
