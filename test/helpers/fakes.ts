import nock from 'nock';

/**
 * Karoo and Bimer simulated over HTTP with nock, exactly as shared/contracts/ describes them,
 * with memory: the bot reaches them through its real adapters.
 */

export const BIMER_URL = 'http://bimer.test/BimerApi';

type Rec = Record<string, unknown>;
const envelope = (list: unknown[]): Rec => ({ Erros: [], ListaObjetos: list });
const notFound: Rec = { Erros: [{ ErrorCode: 'C01', ErrorMessage: 'Registro não encontrado' }], ListaObjetos: [] };

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

export class FakeBimer {
  people = new Map<string, Rec>(); // by Identificador
  users = new Map<string, Rec>(); // by Identificador
  tickets: Ticket[] = [];
  delegations: Delegation[] = [];
  textUpdates: { ticketId: string; Texto: string }[] = [];
  posts = 0;
  /** The next N API calls answer 503 with no envelope (an outage). */
  failNext = 0;
  /** The next ticket create is performed, but its answer arrives too late. */
  loseNextCreateAnswer = false;
  private seq = 0;

  constructor() {
    this.addPerson({
      Identificador: '00A0000SQ4',
      Codigo: '000123',
      Nome: 'Padaria Pão Quente',
      Telefones: ['(21) 99999-0000'],
      IdentificadorVendedor: '00A00000V1',
      IdentificadorRevenda: null,
    });
    this.addUser({ Identificador: '00A00000J1', NomeLogin: 'joao.silva', Nome: 'João Silva', IdentificadorSupervisor: '00A00000S1' });
    this.addUser({ Identificador: '00A00000S1', NomeLogin: 'carla.supervisora', Nome: 'Carla Mendes', IdentificadorSupervisor: null });
    this.addUser({ Identificador: '00A00000V1', NomeLogin: 'pedro.vendas', Nome: 'Pedro Alves', IdentificadorSupervisor: '00A00000S1' });
    this.tickets.push({
      Identificador: '00A0RSP001',
      Protocolo: '2026110900017',
      CodigoTipoAtendimento: '000030',
      Texto: 'RSP da implantação',
      ChaveExterna: '',
      IdentificadorCliente: '00A0000SQ4',
      IdentificadorAtendimentoVinculado: null,
      Situacao: 'A',
    });
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
  ticket2266(): Ticket {
    const [t] = this.ticketsOfType('2266');
    if (!t) throw new Error('no 2266 yet');
    return t;
  }
  delegationsOf(ticketId: string): Delegation[] {
    return this.delegations.filter((d) => d.ticketId === ticketId);
  }

  install(): void {
    const scope = nock(BIMER_URL).persist();
    scope.post('/oauth/token').reply(200, { access_token: 'bimer-token', token_type: 'bearer', expires_in: 3600, refresh_token: 'r' });
    const handler =
      (method: string) =>
      (uri: string, body: unknown, cb: (err: NodeJS.ErrnoException | null, res: [number, string | Rec]) => void): void => {
        const url = new URL(uri, 'http://x');
        const path = url.pathname.replace(/^\/BimerApi/, '');
        if (this.failNext > 0) {
          this.failNext -= 1;
          cb(null, [503, 'Service Unavailable']);
          return;
        }
        const parsed = (typeof body === 'string' ? JSON.parse(body || '{}') : (body ?? {})) as Rec;
        const answer = this.route(method, path, url.searchParams, parsed);
        if (method === 'POST' && path === '/api/crm/atendimentos' && this.loseNextCreateAnswer) {
          this.loseNextCreateAnswer = false;
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

  private route(method: string, path: string, q: URLSearchParams, body: Rec): [number, Rec] {
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/api\/pessoas\/codigo\/(\w+)$/.exec(path))) {
      const p = [...this.people.values()].find((x) => x.Codigo === m?.[1]);
      return p ? [200, envelope([p])] : [400, notFound];
    }
    if (method === 'GET' && path === '/api/pessoas') {
      const phone = q.get('telefone') ?? '';
      return [200, envelope([...this.people.values()].filter((p) => JSON.stringify(p.Telefones ?? []).replace(/\D/g, '').includes(phone.slice(-8))))];
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
        Protocolo: `2026112300${String(this.seq).padStart(3, '0')}`,
        Situacao: 'A',
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
      this.delegations.push({ ticketId: m[1] as string, ...(body as Omit<Delegation, 'ticketId'>) });
      return [200, envelope([])];
    }
    return [404, { Erros: [{ ErrorCode: '-1', ErrorMessage: `rota desconhecida ${method} ${path}` }], ListaObjetos: [] }];
  }
}

export interface Sent {
  path: string;
  body: Rec;
  key: string;
}

/** Karoo's outbound half: records every call, answers as the contract says, dedupes by Idempotency-Key. */
export class FakeKaroo {
  sent: Sent[] = [];
  replays = 0;
  private byKey = new Map<string, Rec>();

  constructor(readonly baseUrl: string) {}

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
    const status = uri.endsWith('/close') ? 200 : 201;
    const first = this.byKey.get(key);
    if (first) {
      this.replays += 1;
      return [status, first];
    }
    const b = (typeof body === 'string' ? JSON.parse(body) : body) as Rec;
    this.sent.push({ path: uri, body: b, key });
    let result: Rec;
    if (uri === '/v1/messages') {
      const to = b.to as { login?: string; phone?: string };
      result = { chatId: to.login ? `ch_bot_${to.login}` : `ch_cust_${String(to.phone).replace(/\D/g, '')}`, id: `msg_${this.sent.length}` };
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

  toPhone(phone: string): string[] {
    return this.sent.filter((s) => (s.body.to as { phone?: string } | undefined)?.phone === phone).map((s) => String(s.body.text));
  }

  inChat(chatId: string): string[] {
    return this.sent.filter((s) => s.path === `/v1/chats/${chatId}/messages`).map((s) => String(s.body.text));
  }

  last(login: string): string {
    return this.toAgent(login).at(-1) ?? '';
  }
}
