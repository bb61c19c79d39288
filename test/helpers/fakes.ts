import nock from 'nock';
import { BimerMemory, type Rec, type Ticket } from '../../src/sandbox/bimer-memory.js';
import { sandboxChatId } from '../../src/sandbox/sandbox-store.js';
import { karooRefusal, renderTemplate, type Inbound } from '../../src/sandbox/whatsapp-rules.js';


export type { Delegation, Ticket } from '../../src/sandbox/bimer-memory.js';

/**
 * Karoo and Bimer simulated over HTTP with nock, exactly as docs/contracts/ describes them,
 * with memory: the bot reaches them through its real adapters.
 */

export const BIMER_URL = 'http://bimer.test/BimerApi';

type Fault = '503' | '429' | '500' | '502' | '504' | 'timeout' | 'reset' | 'enveloped';
const OUTAGE_FAULTS: Fault[] = ['503', '429', '500', 'timeout', '502', 'reset', '504', 'enveloped'];
/** Bimer's own envelope on an outage's answer (its HTTP status is unreliable, its envelope is always there). */
const outageEnvelope = (code: string) => ({ Erros: [{ ErrorCode: code, ErrorMessage: 'Serviço temporariamente indisponível' }], ListaObjetos: [] });

export class FakeBimer extends BimerMemory {
  /** The next N API calls answer 503 with no envelope (an outage). */
  failNext = 0;
  /** The next ticket create is performed, but its answer arrives too late. */
  loseNextCreateAnswer = false;
  /** The next delegation is performed, but its answer arrives too late. */
  loseNextDelegationAnswer = false;
  /**
   * An outage of every kind, in turn: 503, 429 with Retry-After, 500, 502, 504, a timeout (the
   * call is performed, its answer comes too late), a connection reset, and a 5xx in Bimer's
   * envelope (a read's 500, a write's 503 with Retry-After). `down` fails every
   * API call; `flapping` lets every other call through.
   */
  outage: 'none' | 'down' | 'flapping' = 'none';
  /** API calls answered with a fault, and those let through, since install(). */
  faults = 0;
  served = 0;
  /** Delegations performed whose answer the outage lost (the only case one may be sent twice). */
  lostDelegationAnswers = 0;
  private calls = 0;
  /** Every API request as `METHOD /path?query`, in order. */
  requests: string[] = [];

  private fault(): Fault | null {
    if (this.outage === 'none') return null;
    const n = this.calls++;
    if (this.outage === 'flapping' && n % 2 === 1) return null;
    return OUTAGE_FAULTS[n % OUTAGE_FAULTS.length] ?? null;
  }

  ticket2266(): Ticket {
    const [t] = this.ticketsOfType('2266');
    if (!t) throw new Error('no 2266 yet');
    return t;
  }

  install(): void {
    const scope = nock(BIMER_URL).persist();
    scope.post('/oauth/token').reply(200, { access_token: 'bimer-token', token_type: 'bearer', expires_in: 3600, refresh_token: 'r' });
    const handler =
      (method: string) =>
      (uri: string, body: unknown, cb: (err: NodeJS.ErrnoException | null, res: [number, string | Rec] | [number, string, Record<string, string>]) => void): void => {
        const url = new URL(uri, 'http://x');
        const path = url.pathname.replace(/^\/BimerApi/, '');
        this.requests.push(`${method} ${path}${url.search}`);
        if (this.failNext > 0) {
          this.failNext -= 1;
          cb(null, [503, 'Service Unavailable']);
          return;
        }
        const fault = this.fault();
        if (fault && fault !== 'timeout') {
          this.faults += 1;
          if (fault === 'reset') cb(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0, '']);
          else if (fault === '429') cb(null, [429, 'Too Many Requests', { 'Retry-After': '1' }]);
          else if (fault === 'enveloped') cb(null, method === 'GET' ? [500, JSON.stringify(outageEnvelope('500'))] : [503, JSON.stringify(outageEnvelope('503')), { 'Retry-After': '1', 'Content-Type': 'application/json' }]);
          else cb(null, [Number(fault), fault === '500' ? 'Internal Server Error' : 'Bad Gateway']);
          return;
        }
        const parsed = (typeof body === 'string' ? JSON.parse(body || '{}') : (body ?? {})) as Rec;
        const answer = this.route(method, path, url.searchParams, parsed);
        if (fault === 'timeout') {
          // Performed here, answered after the client gave up: a write must not be repeated.
          this.faults += 1;
          if (method === 'POST' && path.endsWith('/delegacoes') && answer[0] === 200) this.lostDelegationAnswers += 1;
          setTimeout(() => cb(null, answer), 1500);
          return;
        }
        this.served += 1;
        if (method === 'POST' && path === '/api/crm/atendimentos' && this.loseNextCreateAnswer) {
          this.loseNextCreateAnswer = false;
          setTimeout(() => cb(null, answer), 1500);
          return;
        }
        if (method === 'POST' && path.endsWith('/delegacoes') && this.loseNextDelegationAnswer) {
          this.loseNextDelegationAnswer = false;
          setTimeout(() => cb(null, answer), 1500);
          return;
        }
        cb(null, answer);
      };
    const bind = handler;
    scope.get(/\/api\//).reply(bind('GET'));
    scope.post(/\/api\//).reply(bind('POST'));
    scope.put(/\/api\//).reply(bind('PUT'));
  }
}

export interface Sent {
  path: string;
  body: Rec;
  key: string;
}

/**
 * Karoo's outbound half: records every call, answers as the contract says, dedupes by
 * Idempotency-Key, and applies WhatsApp's rules (§4) as the real one does: free text to a phone
 * only within 24 hours of that person's last message (`inbound`, told by the harness for each
 * message it posts), else an approved template (`approved`).
 */
export class FakeKaroo {
  sent: Sent[] = [];
  /** Proactive sends refused for a `to.phone` that is not E.164 (the bot must never make one). */
  rejected: Sent[] = [];
  /** Calls refused by WhatsApp's rules, with the code Karoo answered. */
  refused: (Sent & { code: string })[] = [];
  replays = 0;
  /** The next N calls answer 503 (Karoo overloaded); the bot retries them in place. */
  failNext = 0;
  /** The templates Karoo holds approved. */
  approved: string[] = ['acompanhamento_semanal', 'aviso_revenda'];
  /** The people's messages Karoo saw (their phone, chat and time): their WhatsApp windows. */
  readonly inbounds: Inbound[] = [];
  private byKey = new Map<string, Rec>();

  constructor(
    readonly baseUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The phone of each chat's contact: who wrote in it, or whom a proactive message went to. */
  private readonly chatPhones = new Map<string, string>();

  /** A person wrote from this phone in this chat (now): their window opens. */
  inbound(phone: string, chatId: string): void {
    this.chatPhones.set(chatId, phone);
    this.inbounds.push({ phone, chatId, at: this.now().toISOString() });
  }

  /** The templates sent to a phone (name and parameters), in order. */
  templatesTo(phone: string): { name: string; params: string[] }[] {
    return this.sent.filter((s) => (s.body.to as { phone?: string } | undefined)?.phone === phone && s.body.template).map((s) => s.body.template as { name: string; params: string[] });
  }

  install(): void {
    const answer = (uri: string, body: unknown, key: string): [number, Rec] => this.answer(uri, body, key);
    nock(this.baseUrl)
      .persist()
      .post(/\/v1\//)
      .reply(function (uri, body) {
        return answer(uri, body, String(this.req.headers['idempotency-key']));
      });
  }

  private answer(uri: string, body: unknown, key: string): [number, Rec] {
    if (this.failNext > 0) {
      this.failNext -= 1;
      return [503, { error: { code: 'unavailable', message: 'try again' } }];
    }
    const status = uri.endsWith('/close') ? 200 : 201;
    const first = this.byKey.get(key);
    if (first) {
      this.replays += 1;
      return [status, first];
    }
    const b = (typeof body === 'string' ? JSON.parse(body) : body) as Rec;
    const phone = (b.to as { phone?: unknown } | undefined)?.phone;
    if (uri === '/v1/messages' && phone !== undefined && !(typeof phone === 'string' && /^\+[1-9]\d{7,14}$/.test(phone))) {
      // The contract's `to.phone` is E.164: anything else reaches nobody.
      this.rejected.push({ path: uri, body: b, key });
      return [400, { error: { code: 'invalid_phone', message: 'to.phone must be E.164' } }];
    }
    const chat = /^\/v1\/chats\/([^/]+)\/messages$/.exec(uri)?.[1];
    const person = chat ? (this.chatPhones.get(decodeURIComponent(chat)) ?? null) : typeof phone === 'string' ? phone : null;
    const refusal = uri.endsWith('/close') ? null : karooRefusal(this.inbounds, { phone: person, text: b.text, template: b.template }, this.approved, this.now());
    if (refusal) {
      this.refused.push({ path: uri, body: b, key, code: refusal });
      return [422, { error: { code: refusal, message: refusal === 'outside_window' ? 'the 24-hour window is closed' : 'template not approved' } }];
    }
    this.sent.push({ path: uri, body: b, key });
    let result: Rec;
    if (uri === '/v1/messages') {
      const to = b.to as { login?: string; phone?: string };
      result = { chatId: to.login ? `ch_bot_${to.login}` : sandboxChatId(String(to.phone)), id: `msg_${this.sent.length}` };
      if (to.phone) this.chatPhones.set(String(result.chatId), to.phone);
    } else if (uri.endsWith('/close')) {
      result = { closed: true };
    } else {
      result = { id: `msg_${this.sent.length}` };
    }
    this.byKey.set(key, result);
    return [status, result];
  }

  /** Texts the bot sent to an agent (proactive by login, or in their bot chat). */
  toAgent(login: string): string[] {
    return this.sent
      .filter((s) => (s.body.to as { login?: string } | undefined)?.login === login || s.path.includes(`/v1/chats/ch_agent_${login}/`))
      .map((s) => String(s.body.text));
  }

  /** What reached a phone proactively, as the person reads it (a template filled in with its parameters). */
  toPhone(phone: string): string[] {
    return this.sent.filter((s) => (s.body.to as { phone?: string } | undefined)?.phone === phone).map((s) => (s.body.template ? renderTemplate(s.body.template) : String(s.body.text)));
  }

  inChat(chatId: string): string[] {
    return this.sent.filter((s) => s.path === `/v1/chats/${chatId}/messages`).map((s) => String(s.body.text));
  }

  last(login: string): string {
    return this.toAgent(login).at(-1) ?? '';
  }
}
