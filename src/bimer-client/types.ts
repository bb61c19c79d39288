import { DownstreamError, type DownstreamKind } from '../errors/downstream-error.js';
/** Bimer records as the bot reads them (PascalCase; camelCase answers are normalised). */

export interface BimerPhone {
  Numero?: string;
  Telefone?: string;
  [key: string]: unknown;
}

export interface BimerContact {
  Nome: string;
  Telefone: string | null;
  Responsavel: boolean;
}

export interface BimerPerson {
  Identificador: string;
  Codigo: string;
  Nome: string;
  Telefones?: (string | BimerPhone)[];
  IdentificadorVendedor?: string | null;
  IdentificadorRevenda?: string | null;
  Contatos?: BimerContact[];
}

export interface BimerUser {
  Identificador: string;
  NomeLogin: string;
  Nome: string;
  IdentificadorSupervisor: string | null;
}

export interface NewTicket {
  CodigoTipoAtendimento: string;
  Categoria: string;
  Assunto: string;
  IdentificadorCliente: string;
  IdentificadorUsuarioResponsavel: string;
  DataProvidenciar: string;
  Texto: string;
  ChaveExterna: string;
  IdentificadorAtendimentoVinculado: string | null;
}

export interface BimerTicket extends Partial<NewTicket> {
  Identificador: string;
  Protocolo: string;
  /** `A` open, `E` closed */
  Situacao?: string;
  DataCadastro?: string;
  Solicitante?: { Nome?: string; Telefone?: string } | null;
}

export interface DelegationInput {
  IdentificadorUsuario: string;
  DataProvidenciar: string;
  Observacao: string;
}

export interface BimerApi {
  findPeopleByPhone(phone: string): Promise<BimerPerson[]>;
  getPersonByCode(code: string): Promise<BimerPerson>;
  getPerson(id: string): Promise<BimerPerson>;
  getUserByLogin(login: string): Promise<BimerUser>;
  getUser(id: string): Promise<BimerUser>;
  findTicketsByExternalKey(key: string): Promise<BimerTicket[]>;
  listCustomerTickets(customerCode: string, limit?: number): Promise<BimerTicket[]>;
  getTicket(id: string): Promise<BimerTicket>;
  createTicket(ticket: NewTicket): Promise<BimerTicket>;
  replaceTicketText(id: string, text: string): Promise<void>;
  delegateTicket(id: string, delegation: DelegationInput): Promise<void>;
}

export type BimerErrorKind = DownstreamKind;

/** A Bimer call that failed (the bot's one downstream error model), with the codes of Bimer's envelope. */
export class BimerError extends DownstreamError {
  constructor(
    message: string,
    kind: BimerErrorKind,
    status: number | undefined,
    public readonly errors: { code: string; message: string }[],
    /** from Retry-After on 429/503, in milliseconds: the queue waits that long before retrying */
    retryAfterMs?: number,
    /** A retryable failure that may yet be a refusal (a write's 500 in Bimer's envelope): tried this many times at most. */
    attemptLimit?: number,
  ) {
    super(message, 'bimer', kind, status, retryAfterMs, attemptLimit);
    this.name = 'BimerError';
  }
}

/** `ErrorCode "C01"`, whatever the HTTP status (Bimer answers 400 for a missing record). */
export class BimerNotFoundError extends BimerError {
  constructor(message: string, status: number | undefined, errors: { code: string; message: string }[]) {
    super(message, 'final', status, errors);
    this.name = 'BimerNotFoundError';
  }
}
