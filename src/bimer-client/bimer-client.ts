import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import { honoursRetryAfter, networkFailure, statusKind } from '../errors/downstream-error.js';
import { readJson, readJsonObject } from '../util/json.js';
import { withoutDirectionControlsDeep } from '../util/text.js';
import { retryInPlace } from '../util/retry.js';
import { asText } from '../util/text.js';
import { parseRetryAfter } from '../util/retry-after.js';
import { md5Password, padCode, pascalKeys } from './wire.js';
import {
  BimerError,
  BimerNotFoundError,
  type BimerApi,
  type BimerPerson,
  type BimerTicket,
  type BimerUser,
  type DelegationInput,
  type NewTicket,
} from './types.js';

/**
 * The Bimer adapter (docs/contracts/bimer-api.md): OAuth password grant with
 * md5(username + nonce + password), token reuse and renewal, the Erros/ListaObjetos envelope
 * read case-insensitively, C01 as not-found whatever the status, a requests/second limit,
 * retries of reads, and ticket creation made idempotent by its ChaveExterna.
 */

export interface BimerClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  requestsPerSecond: number;
  timeoutMs: number;
  readRetries: number;
  retryBaseMs?: number;
}

interface Token {
  access: string;
  refresh: string | undefined;
  expiresAt: number;
}

type Query = Record<string, string | number | undefined>;

const TOKEN_MARGIN_MS = 30_000;
/** Longest Retry-After a read waits out in place; a longer one is left to the queue's backoff. */
const MAX_IN_PLACE_WAIT_MS = 5_000;

export class BimerClient implements BimerApi {
  private readonly baseUrl: string;
  private token: Token | undefined;
  private tokenRequest: Promise<Token> | undefined;
  private nextSlot = 0;

  constructor(
    private readonly options: BimerClientOptions,
    private readonly clock: Clock,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  // ---- people and users -------------------------------------------------------------

  async findPeopleByPhone(phone: string): Promise<BimerPerson[]> {
    return this.list<BimerPerson>('GET', '/api/pessoas', { telefone: phone.replace(/\D/g, '') });
  }

  async getPersonByCode(code: string): Promise<BimerPerson> {
    return this.one<BimerPerson>(`/api/pessoas/codigo/${encodeURIComponent(padCode(code))}`);
  }

  async getPerson(id: string): Promise<BimerPerson> {
    return this.one<BimerPerson>(`/api/pessoas/${encodeURIComponent(id)}`);
  }

  async getUserByLogin(login: string): Promise<BimerUser> {
    const users = await this.list<BimerUser>('GET', '/api/usuarios', { nomeLogin: login });
    const user = users.find((u) => u.NomeLogin?.toLowerCase() === login.toLowerCase()) ?? users[0];
    if (!user) throw new BimerNotFoundError(`Bimer has no user with login ${login}`, 200, []);
    return user;
  }

  async getUser(id: string): Promise<BimerUser> {
    return this.one<BimerUser>(`/api/usuarios/${encodeURIComponent(id)}`);
  }

  // ---- tickets ----------------------------------------------------------------------

  async findTicketsByExternalKey(key: string): Promise<BimerTicket[]> {
    return this.list<BimerTicket>('GET', '/api/crm/atendimentos', { chaveExterna: key });
  }

  async listCustomerTickets(customerCode: string, limit = 10): Promise<BimerTicket[]> {
    return this.list<BimerTicket>('GET', '/api/crm/atendimentos', { codigoCliente: padCode(customerCode), limite: limit });
  }

  async getTicket(id: string): Promise<BimerTicket> {
    return this.one<BimerTicket>(`/api/crm/atendimentos/${encodeURIComponent(id)}`);
  }

  /**
   * Creates a ticket at most once per ChaveExterna: an existing ticket with that key is
   * returned; a create whose answer was lost is looked up before it is ever sent again.
   */
  async createTicket(ticket: NewTicket): Promise<BimerTicket> {
    const existing = await this.findTicketsByExternalKey(ticket.ChaveExterna);
    if (existing[0]) return existing[0];
    try {
      const [created] = await this.call<BimerTicket>('POST', '/api/crm/atendimentos', undefined, ticket, false);
      if (!created) throw new BimerError('Bimer created the ticket but returned no record', 'retryable', 200, []);
      return created;
    } catch (err) {
      if (err instanceof BimerError && err.kind === 'retryable') {
        const found = await this.findTicketsByExternalKey(ticket.ChaveExterna).catch(() => []);
        if (found[0]) return found[0];
      }
      throw err;
    }
  }

  async replaceTicketText(id: string, text: string): Promise<void> {
    await this.call('PUT', `/api/crm/atendimentos/${encodeURIComponent(id)}/texto`, undefined, { Texto: text }, false);
  }

  async delegateTicket(id: string, delegation: DelegationInput): Promise<void> {
    await this.call('POST', `/api/crm/atendimentos/${encodeURIComponent(id)}/delegacoes`, undefined, delegation, false);
  }

  // ---- plumbing ---------------------------------------------------------------------

  private async one<T>(path: string): Promise<T> {
    const [record] = await this.list<T>('GET', path);
    if (!record) throw new BimerNotFoundError(`Bimer returned nothing for ${path}`, 200, []);
    return record;
  }

  private list<T>(method: 'GET', path: string, query?: Query): Promise<T[]> {
    return this.call<T>(method, path, query, undefined, true);
  }

  /** Reads are retried here on retryable failures; writes are retried by their queue. */
  private async call<T>(method: string, path: string, query: Query | undefined, body: unknown, read: boolean): Promise<T[]> {
    const retryAfterMs = (err: unknown) => (err instanceof BimerError ? (err.retryAfterMs ?? 0) : 0);
    return retryInPlace(() => this.authorized<T>(method, path, query, body), {
      attempts: read ? this.options.readRetries + 1 : 1,
      // A Retry-After longer than a short in-place wait goes back to the queue, which waits it
      // out without holding a worker.
      retryable: (err) => err instanceof BimerError && err.kind === 'retryable' && retryAfterMs(err) <= MAX_IN_PLACE_WAIT_MS,
      delayMs: (attempt, err) => {
        const step = (this.options.retryBaseMs ?? 200) * 2 ** (attempt - 1);
        return Math.max(retryAfterMs(err), step / 2 + Math.random() * (step / 2));
      },
    });
  }

  private async authorized<T>(method: string, path: string, query: Query | undefined, body: unknown): Promise<T[]> {
    const token = await this.accessToken();
    try {
      return await this.send<T>(method, path, query, body, token.access);
    } catch (err) {
      if (!(err instanceof BimerError) || err.status !== 401) throw err;
      // The token was refused: renew it once (refresh grant, else a new login) and try again.
      this.token = undefined;
      const renewed = await this.accessToken(token.refresh);
      return this.send<T>(method, path, query, body, renewed.access);
    }
  }

  private async accessToken(refresh?: string): Promise<Token> {
    if (this.token && this.token.expiresAt - TOKEN_MARGIN_MS > this.clock.now().getTime()) return this.token;
    // Expiring by time: renewed with its refresh token (the contract's refresh grant), a new login only if that fails.
    const renewWith = refresh ?? this.token?.refresh;
    this.tokenRequest ??= this.fetchToken(renewWith).finally(() => {
      this.tokenRequest = undefined;
    });
    this.token = await this.tokenRequest;
    return this.token;
  }

  private async fetchToken(refresh?: string): Promise<Token> {
    if (refresh) {
      try {
        return await this.tokenCall({
          grant_type: 'refresh_token',
          refresh_token: refresh,
          client_id: this.options.clientId,
          client_secret: this.options.clientSecret,
        });
      } catch {
        // fall through to a fresh password grant
      }
    }
    const nonce = randomBytes(8).toString('hex');
    return this.tokenCall({
      grant_type: 'password',
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      username: this.options.username,
      nonce,
      password: md5Password(this.options.username, nonce, this.options.password),
    });
  }

  private async tokenCall(form: Record<string, string>): Promise<Token> {
    await this.throttle();
    const response = await this.fetch(`${this.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
    const json = readJsonObject(await response.text().catch(() => ''));
    const access = json?.access_token;
    if (!json || !response.ok || typeof access !== 'string') {
      const detail = `${asText(json?.error)} ${asText(json?.error_description)}`.trim();
      const retryable = response.status >= 500 || response.status === 429;
      throw new BimerError(
        // An outage of the token endpoint is no refused login: said as what it is.
        `${retryable ? 'Bimer unavailable while logging in' : 'Bimer authentication failed'} (${response.status})${detail ? `: ${detail}` : ''}`,
        retryable ? 'retryable' : 'auth',
        response.status,
        [],
        retryAfter(response),
      );
    }
    const expiresIn = Number(json.expires_in ?? 3600);
    return {
      access,
      refresh: typeof json.refresh_token === 'string' ? json.refresh_token : undefined,
      expiresAt: this.clock.now().getTime() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000,
    };
  }

  private async send<T>(method: string, path: string, query: Query | undefined, body: unknown, access: string): Promise<T[]> {
    await this.throttle();
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const response = await this.fetch(url.toString(), {
      method,
      headers: {
        authorization: `Bearer ${access}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const raw = await readBody(response);
    const envelope = pascalKeys(raw ?? {}) as { Erros?: { ErrorCode?: unknown; ErrorMessage?: unknown }[]; ListaObjetos?: unknown };
    const errors = (Array.isArray(envelope.Erros) ? envelope.Erros : []).map((e) => ({
      code: asText(e.ErrorCode),
      message: asText(e.ErrorMessage),
    }));
    const what = `Bimer ${method} ${path}`;
    if (errors.some((e) => e.code === 'C01')) {
      throw new BimerNotFoundError(`${what}: ${errors.map((e) => e.message).join('; ')}`, response.status, errors);
    }
    if (response.status === 401) throw new BimerError(`${what}: unauthorized`, 'auth', 401, errors);
    if (errors.length > 0) {
      // An answer in Bimer's own envelope is a decision, not an outage, below 500. A 5xx is retried as
      // the contract says (an outage answers in the envelope too): a read or a 502–504 like any outage;
      // a write's 500, which "bad input may give", a few times only; a parameter error (-1) never.
      const message = `${what}: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`;
      if (response.status < 500 || errors.some((e) => e.code === '-1')) throw new BimerError(message, 'final', response.status, errors);
      const limit = response.status === 500 && method !== 'GET' ? WRITE_500_ATTEMPTS : undefined;
      throw new BimerError(message, 'retryable', response.status, errors, retryAfter(response), limit);
    }
    if (!response.ok) {
      throw new BimerError(`${what} answered ${response.status}`, statusKind(response.status), response.status, errors, retryAfter(response));
    }
    const list = envelope.ListaObjetos;
    if (list === undefined || list === null) return [];
    return (Array.isArray(list) ? list : [list]) as T[];
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new BimerError(
        `${init.method ?? 'GET'} ${new URL(url).pathname} ${timedOut ? 'timed out' : `failed: ${networkFailure(err)}`}`,
        'retryable',
        undefined,
        [],
      );
    }
  }

  /** Spaces requests to at most `requestsPerSecond` from this process. */
  private async throttle(): Promise<void> {
    const interval = 1000 / this.options.requestsPerSecond;
    const now = performance.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    if (slot > now) await sleep(slot - now);
  }
}

/** Tries of a write Bimer answered 500 in its envelope: an outage passes in that time, bad input never does. */
export const WRITE_500_ATTEMPTS = 3;

async function readBody(response: Response): Promise<unknown> {
  // A name or text in Bimer with a direction override (U+202E) would read reversed in every message quoting it.
  const text = await response.text().catch(() => '');
  const value = readJson(text);
  return /[\u202A-\u202E\u2066-\u2069]|\\u(?:202[a-eA-E]|206[6-9])/.test(text) ? withoutDirectionControlsDeep(value) : value;
}

/** Bimer's Retry-After on a 429 or a 503 (not in the contract, honoured when sent). */
function retryAfter(response: Response): number | undefined {
  return honoursRetryAfter(response.status) ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
}
