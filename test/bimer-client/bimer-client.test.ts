import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BimerClient, WRITE_500_ATTEMPTS } from '../../src/bimer-client/bimer-client.js';
import { md5Password, padCode } from '../../src/bimer-client/wire.js';
import { BimerError, BimerNotFoundError, type NewTicket } from '../../src/bimer-client/types.js';
import { ManualClock } from '../../src/clock.js';

const BASE = 'http://bimer.test/BimerApi';
const ok = (list: unknown[]) => ({ Erros: [], ListaObjetos: list });
const customer = { Identificador: '00A0000SQ4', Codigo: '000123', Nome: 'Padaria Pão Quente', IdentificadorRevenda: null };

function tokenScope(times = 1, token = 'tok-1', expiresIn = 3600) {
  return nock(BASE)
    .post('/oauth/token')
    .times(times)
    .reply(200, { access_token: token, token_type: 'bearer', expires_in: expiresIn, refresh_token: `refresh-${token}` });
}

const ticket: NewTicket = {
  CodigoTipoAtendimento: '2266',
  Categoria: 'O',
  Assunto: 'Monitoramento - 2266',
  IdentificadorCliente: '00A0000SQ4',
  IdentificadorUsuarioResponsavel: '00A00000J1',
  DataProvidenciar: '2026-11-30T08:00:00',
  Texto: 'monitoramento\nP: ok\n( ) primeira semana\n( ) segunda semana\n( ) terceira semana',
  ChaveExterna: 'karoo-bot:2266:000123:2026-11-23',
  IdentificadorAtendimentoVinculado: null,
};

describe('BimerClient', () => {
  let clock: ManualClock;
  let client: BimerClient;

  beforeEach(() => {
    nock.disableNetConnect();
    clock = new ManualClock('2026-11-23T12:00:00Z');
    client = new BimerClient(
      {
        baseUrl: `${BASE}/`,
        clientId: 'karoo-bot',
        clientSecret: 'shh',
        username: 'bot.user',
        password: 'Senha@123',
        requestsPerSecond: 1000,
        timeoutMs: 300,
        readRetries: 2,
        retryBaseMs: 5,
      },
      clock,
    );
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  // Found by an outside tester: a customer named with a right-to-left override (U+202E) read reversed in the follow-up.
  it('drops direction overrides from what Bimer answers, raw or escaped', async () => {
    nock(BASE).post('/oauth/token').reply(200, { access_token: 'tok-1', token_type: 'bearer', expires_in: 3600, refresh_token: 'r1' });
    // Escaped, as JSON.stringify writes it, and raw.
    const escaped = `{"Erros":[],"ListaObjetos":[{"Identificador":"P1","Codigo":"000123","Nome":"Padaria \\u202eetneuQ oãP"}]}`;
    nock(BASE).get('/api/pessoas/codigo/000123').reply(200, escaped, { 'content-type': 'application/json' });
    await expect(client.getPersonByCode('123')).resolves.toMatchObject({ Nome: 'Padaria etneuQ oãP' });
    nock(BASE).get('/api/pessoas/codigo/000124').reply(200, ok([{ Identificador: 'P2', Codigo: '000124', Nome: 'Mercado \u2066Bom\u2069 Preço' }]));
    await expect(client.getPersonByCode('124')).resolves.toMatchObject({ Nome: 'Mercado Bom Preço' });
  });

  it('logs in with the password grant and md5(username + nonce + password)', async () => {
    let form: URLSearchParams | undefined;
    nock(BASE)
      .post('/oauth/token', (body: string) => {
        form = new URLSearchParams(body);
        return true;
      })
      .reply(200, { access_token: 'tok-1', token_type: 'bearer', expires_in: 3600, refresh_token: 'r1' });
    nock(BASE, { reqheaders: { authorization: 'Bearer tok-1' } })
      .get('/api/pessoas/codigo/000123')
      .reply(200, ok([customer]));
    await expect(client.getPersonByCode('123')).resolves.toEqual(customer);
    expect(form?.get('grant_type')).toBe('password');
    expect(form?.get('client_id')).toBe('karoo-bot');
    expect(form?.get('client_secret')).toBe('shh');
    expect(form?.get('username')).toBe('bot.user');
    const nonce = form?.get('nonce') ?? '';
    expect(nonce).not.toBe('');
    expect(form?.get('password')).toBe(md5Password('bot.user', nonce, 'Senha@123'));
    expect(md5Password('a', 'b', 'c')).toBe('900150983cd24fb0d6963f7d28e17f72'); // md5("abc")
  });

  // Found by an outside tester: a token expired by time was replaced by a new login, not refreshed as the contract says.
  it('reuses the token until it expires, then renews it with the refresh grant (a new login only if that fails)', async () => {
    const grants: string[] = [];
    nock(BASE)
      .post('/oauth/token', (body: string) => grants.push(String(new URLSearchParams(body).get('grant_type'))) > 0)
      .times(4)
      .reply(200, (_uri, body) => {
        const form = new URLSearchParams(typeof body === 'string' ? body : '');
        if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'refresh-expired') return { error: 'invalid_grant' };
        return { access_token: `tok-${grants.length}`, token_type: 'bearer', expires_in: 3600, refresh_token: grants.length === 2 ? 'refresh-expired' : `refresh-tok-${grants.length}` };
      });
    nock(BASE).get('/api/pessoas/codigo/000123').times(4).reply(200, ok([customer]));
    await client.getPersonByCode('000123');
    await client.getPersonByCode('000123');
    expect(grants).toEqual(['password']); // one login so far
    clock.advance(3600 * 1000);
    await client.getPersonByCode('000123');
    expect(grants).toEqual(['password', 'refresh_token']);
    clock.advance(3600 * 1000); // its refresh token refused: a new login
    await client.getPersonByCode('000123');
    expect(grants.slice(2)).toEqual(['refresh_token', 'password']);
  });

  it('renews a refused token with the refresh grant and retries the call once', async () => {
    tokenScope(1, 'tok-old');
    let refreshForm: URLSearchParams | undefined;
    nock(BASE)
      .post('/oauth/token', (body: string) => {
        refreshForm = new URLSearchParams(body);
        return refreshForm.get('grant_type') === 'refresh_token';
      })
      .reply(200, { access_token: 'tok-new', expires_in: 3600 });
    nock(BASE, { reqheaders: { authorization: 'Bearer tok-old' } }).get('/api/usuarios').query(true).reply(401, '');
    nock(BASE, { reqheaders: { authorization: 'Bearer tok-new' } })
      .get('/api/usuarios')
      .query({ nomeLogin: 'joao.silva' })
      .reply(200, ok([{ Identificador: '00A00000J1', NomeLogin: 'joao.silva', Nome: 'João Silva', IdentificadorSupervisor: '00A00000S1' }]));
    await expect(client.getUserByLogin('joao.silva')).resolves.toMatchObject({ Identificador: '00A00000J1' });
    expect(refreshForm?.get('refresh_token')).toBe('refresh-tok-old');
  });

  it('reports refused credentials as an auth error with the description', async () => {
    nock(BASE).post('/oauth/token').reply(400, { error: 'invalid_grant', error_description: 'Usuário ou senha inválidos' });
    await expect(client.getPersonByCode('1')).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('Usuário ou senha inválidos') });
  });

  it('reads camelCase envelopes and single records alike', async () => {
    tokenScope();
    nock(BASE)
      .get('/api/pessoas/00A0000RV1')
      .reply(200, {
        erros: [],
        listaObjetos: { identificador: '00A0000RV1', codigo: '000900', nome: 'Revenda Sul', contatos: [{ nome: 'Carlos', telefone: '+5551999', responsavel: true }] },
      });
    await expect(client.getPerson('00A0000RV1')).resolves.toEqual({
      Identificador: '00A0000RV1',
      Codigo: '000900',
      Nome: 'Revenda Sul',
      Contatos: [{ Nome: 'Carlos', Telefone: '+5551999', Responsavel: true }],
    });
  });

  it('maps C01 to a typed not-found whatever the HTTP status', async () => {
    tokenScope();
    const notFound = { Erros: [{ ErrorCode: 'C01', ErrorMessage: 'Registro não encontrado' }], ListaObjetos: [] };
    nock(BASE).get('/api/pessoas/codigo/000999').reply(400, notFound).get('/api/pessoas/codigo/000998').reply(200, notFound);
    await expect(client.getPersonByCode('999')).rejects.toBeInstanceOf(BimerNotFoundError);
    await expect(client.getPersonByCode('998')).rejects.toBeInstanceOf(BimerNotFoundError);
  });

  it('types parameter errors as final, without retrying', async () => {
    tokenScope();
    const scope = nock(BASE)
      .get('/api/crm/atendimentos')
      .query(true)
      .reply(400, { Erros: [{ ErrorCode: '-1', ErrorMessage: 'Parâmetro inválido: limite' }], ListaObjetos: [] });
    const err = await client.listCustomerTickets('123', -1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BimerError);
    expect(err).toMatchObject({ kind: 'final', errors: [{ code: '-1', message: 'Parâmetro inválido: limite' }] });
    expect(scope.isDone()).toBe(true);
  });

  // Found by an outside tester: a 5xx in Bimer's envelope was final at once, reads and 503s with
  // Retry-After included, though the contract retries 5xx; "bad input may give 500" keeps a write's
  // enveloped 500 to a few tries (the queue's), never the 30 of an outage.
  it('retries 5xx answered in the envelope: a read in place, a write by its queue (an enveloped 500 a few times only)', async () => {
    tokenScope();
    const envelope = (code: string, message: string) => ({ Erros: [{ ErrorCode: code, ErrorMessage: message }], ListaObjetos: [] });
    nock(BASE)
      .get('/api/pessoas/codigo/000205')
      .reply(500, envelope('500', 'Falha interna'))
      .get('/api/pessoas/codigo/000205')
      .reply(200, ok([customer]));
    await expect(client.getPersonByCode('205')).resolves.toEqual(customer);
    nock(BASE).put('/api/crm/atendimentos/X1/texto').reply(503, envelope('503', 'Serviço indisponível'), { 'Retry-After': '2' });
    await expect(client.replaceTicketText('X1', 'x')).rejects.toMatchObject({ kind: 'retryable', status: 503, retryAfterMs: 2000, attemptLimit: undefined });
    nock(BASE).put('/api/crm/atendimentos/X1/texto').reply(500, envelope('E99', 'Texto muito longo'));
    await expect(client.replaceTicketText('X1', 'x')).rejects.toMatchObject({ kind: 'retryable', status: 500, attemptLimit: WRITE_500_ATTEMPTS });
    nock(BASE).put('/api/crm/atendimentos/X1/texto').reply(500, envelope('-1', 'Parâmetro inválido: texto'));
    await expect(client.replaceTicketText('X1', 'x')).rejects.toMatchObject({ kind: 'final', status: 500 });
  });

  it('retries reads on 5xx and timeouts, with backoff, and gives up after the configured retries', async () => {
    tokenScope();
    nock(BASE)
      .get('/api/pessoas/codigo/000123')
      .reply(503, 'Service Unavailable')
      .get('/api/pessoas/codigo/000123')
      .delay(600)
      .reply(200, ok([customer]))
      .get('/api/pessoas/codigo/000123')
      .reply(200, ok([customer]));
    await expect(client.getPersonByCode('123')).resolves.toEqual(customer);

    nock(BASE).get('/api/pessoas/codigo/000124').times(3).reply(502, 'Bad Gateway');
    await expect(client.getPersonByCode('124')).rejects.toMatchObject({ kind: 'retryable', status: 502 });
  });

  it('honours Retry-After: a short one is waited out in place, a long one goes back to the queue with its delay', async () => {
    tokenScope();
    nock(BASE)
      .get('/api/pessoas/codigo/000123')
      .reply(429, 'Too Many Requests', { 'Retry-After': '0.3' })
      .get('/api/pessoas/codigo/000123')
      .reply(200, ok([customer]));
    const started = performance.now();
    await expect(client.getPersonByCode('123')).resolves.toEqual(customer);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    const long = nock(BASE).get('/api/pessoas/codigo/000124').reply(503, 'Service Unavailable', { 'Retry-After': '120' }).get('/api/pessoas/codigo/000124').reply(200, ok([customer]));
    await expect(client.getPersonByCode('124')).rejects.toMatchObject({ kind: 'retryable', status: 503, retryAfterMs: 120_000 });
    expect(long.pendingMocks()).toHaveLength(1);
  });

  it('does not retry a write by itself', async () => {
    tokenScope();
    const scope = nock(BASE)
      .post('/api/crm/atendimentos/X1/delegacoes', { IdentificadorUsuario: 'U1', DataProvidenciar: '2026-11-30T08:00:00', Observacao: 'semana 2' })
      .reply(503, '')
      .post('/api/crm/atendimentos/X1/delegacoes')
      .reply(200, ok([]));
    await expect(
      client.delegateTicket('X1', { IdentificadorUsuario: 'U1', DataProvidenciar: '2026-11-30T08:00:00', Observacao: 'semana 2' }),
    ).rejects.toMatchObject({ kind: 'retryable' });
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('creates a ticket once: an existing ChaveExterna is returned without a POST', async () => {
    tokenScope();
    const existing = { ...ticket, Identificador: '00A00T2266', Protocolo: '2026112300042' };
    nock(BASE).get('/api/crm/atendimentos').query({ chaveExterna: ticket.ChaveExterna }).reply(200, ok([existing]));
    const post = nock(BASE).post('/api/crm/atendimentos').reply(200, ok([existing]));
    await expect(client.createTicket(ticket)).resolves.toMatchObject({ Protocolo: '2026112300042' });
    expect(post.isDone()).toBe(false);
  });

  it('resolves a create whose answer was lost by its ChaveExterna, never sending it twice', async () => {
    tokenScope();
    const created = { ...ticket, Identificador: '00A00T2266', Protocolo: '2026112300042' };
    let posts = 0;
    nock(BASE)
      .get('/api/crm/atendimentos')
      .query({ chaveExterna: ticket.ChaveExterna })
      .reply(200, ok([]))
      .post('/api/crm/atendimentos', (body: NewTicket) => body.ChaveExterna === ticket.ChaveExterna)
      .delay(600) // Bimer creates it, but the answer never arrives in time
      .reply(() => {
        posts += 1;
        return [200, ok([created])];
      })
      .get('/api/crm/atendimentos')
      .query({ chaveExterna: ticket.ChaveExterna })
      .reply(200, ok([created]));
    await expect(client.createTicket(ticket)).resolves.toMatchObject({ Identificador: '00A00T2266' });
    expect(nock.pendingMocks()).toEqual([]);
    expect(posts).toBeLessThanOrEqual(1);
  });

  it('limits itself to the configured requests per second', async () => {
    const slow = new BimerClient(
      { baseUrl: BASE, clientId: 'c', clientSecret: 's', username: 'u', password: 'p', requestsPerSecond: 10, timeoutMs: 1000, readRetries: 0 },
      clock,
    );
    tokenScope();
    nock(BASE).get('/api/usuarios/U1').times(4).reply(200, ok([{ Identificador: 'U1' }]));
    const started = performance.now();
    await Promise.all([slow.getUser('U1'), slow.getUser('U1'), slow.getUser('U1'), slow.getUser('U1')]);
    // 5 requests (login + 4) at 10/s: the last one cannot start before 400 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('pads customer codes to six digits', () => {
    expect(padCode('123')).toBe('000123');
    expect(padCode('000123')).toBe('000123');
    expect(padCode('00A0000SQ4')).toBe('00A0000SQ4');
  });
});
