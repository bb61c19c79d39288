import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { csv } from '../../src/painel/csv.js';
import { sameOriginWrite } from '../../src/plugins/security.js';
import { sameSecret } from '../../src/util/same-secret.js';
import { LoginThrottle } from '../../src/util/login-throttle.js';
import { build, makeEvent, signedRequest } from '../helpers/build.js';
import { capturingLogger } from '../helpers/test-logs.js';

/**
 * The attacks of the outside probe (issue 22), each shown to fail: formulas in exported cells,
 * password guessing, framing and cross-site writes, oversized fields, a sandbox open to the
 * network, a world-readable .env, and a secret comparison that leaks the length.
 */

const OPS = { user: 'ops', password: 'ops-secreto-longo' };
const SUP = { user: 'supervisao', password: 'painel-secreto' };
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A logger whose lines the test reads. */
function memoryLogger() {
  const raw: string[] = [];
  return { logger: capturingLogger(raw), lines: () => raw.map((l) => JSON.parse(l) as { msg: string; level: number } & Record<string, unknown>) };
}

async function start(env: Record<string, string> = {}, logger?: ReturnType<typeof memoryLogger>) {
  app = await build({
    env: { ADMIN_USER: OPS.user, ADMIN_PASSWORD: OPS.password, SUPERVISOR_USER: SUP.user, SUPERVISOR_PASSWORD: SUP.password, METRICS_TOKEN: 'metrics-token-0123456789', ...env },
    clock: new ManualClock('2026-11-23T10:00:00-03:00'),
    ...(logger ? { logger: logger.logger } : {}),
  });
  return app;
}

describe('exports never carry a formula (OWASP CSV injection)', () => {
  it.each(['=HYPERLINK("http://x","clique")', '+55 21 99999', '-2+3', '@SUM(A1)', '\tescondido', '\rlinha'])('%j becomes text', (value) => {
    const [, row] = csv(['Cliente'], [[value]]).split('\r\n');
    expect(row?.replace(/^"/, '')).toMatch(/^'/);
  });

  it('keeps ordinary text and numbers as they are', () => {
    expect(csv(['a', 'b'], [['Padaria Pão Quente', -3]]).split('\r\n')[1]).toBe('Padaria Pão Quente;-3');
  });
});

describe('password guessing', () => {
  it.each([
    ['/admin/queues', OPS],
    ['/painel', SUP],
  ])('%s: after 10 wrong logins the client waits (429 with Retry-After), even with the right one; logged without the password', async (url, login) => {
    const logs = memoryLogger();
    const a = await start({}, logs);
    for (let i = 0; i < 10; i++) expect((await a.inject({ url, headers: basic(login.user, `palpite-${i}`) })).statusCode).toBe(401);
    const blocked = await a.inject({ url, headers: basic(login.user, login.password) });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const warned = logs.lines().filter((l) => l.msg.startsWith('wrong login'));
    expect(warned).toHaveLength(10);
    expect(warned[0]).toMatchObject({ level: 40, route: url, user: login.user });
    expect(JSON.stringify(logs.lines())).not.toContain('palpite-');
  });

  it('/metrics counts wrong tokens too', async () => {
    const a = await start();
    for (let i = 0; i < 10; i++) expect((await a.inject({ url: '/metrics', headers: { authorization: `Bearer wrong-${i}` } })).statusCode).toBe(401);
    expect((await a.inject({ url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456789' } })).statusCode).toBe(429);
  });

  it('the wait ends, and a right login starts the count again (pure, on the injected clock)', () => {
    let now = new Date('2026-11-23T10:00:00Z');
    const t = new LoginThrottle(() => now, { maxFailures: 3, windowMs: 60_000, blockMs: 600_000, maxClients: 2 });
    t.failed('a');
    t.failed('a');
    t.succeeded('a');
    t.failed('a');
    t.failed('a');
    expect(t.waitMs('a')).toBe(0);
    expect(t.failed('a')).toBe(true);
    expect(t.waitMs('a')).toBe(600_000);
    now = new Date(now.getTime() + 600_000);
    expect(t.waitMs('a')).toBe(0);
    t.failed('b');
    t.failed('c'); // over maxClients: the oldest is forgotten
    expect(t.waitMs('a')).toBe(0);
  });
});

describe('pages and writes', () => {
  it('HTML pages cannot be framed and are not sniffed; no answer gives its address to another site', async () => {
    const a = await start();
    for (const [url, headers] of [
      ['/painel', basic(SUP.user, SUP.password)],
      ['/admin/queues', basic(OPS.user, OPS.password)],
    ] as const) {
      const res = await a.inject({ url, headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
    }
    expect((await a.inject({ url: '/healthz' })).headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a cross-site form posting to the admin routes with the cached login (CSRF); JSON and same-origin pass', async () => {
    const a = await start();
    const auth = basic(OPS.user, OPS.password);
    const post = (headers: Record<string, string>, payload = 'x=1') => a.inject({ method: 'POST', url: '/admin/faq/reload', headers: { ...auth, ...headers }, payload });
    expect((await post({ 'content-type': 'text/plain', origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post({ 'content-type': 'text/plain' })).statusCode).toBe(403); // a form with no Origin: not from here
    // …and a person whose browser hid where the form came from reads why, in Portuguese, not a JSON error.
    const hidden = await post({ 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' });
    expect(hidden.statusCode).toBe(403);
    expect(hidden.headers['content-type']).toMatch(/^text\/html/);
    expect(hidden.body).toContain('Nada foi salvo');
    expect((await post({ 'content-type': 'application/json' }, '{}')).statusCode).toBe(200);
    expect((await post({ 'content-type': 'text/plain', origin: 'http://localhost:80', host: 'localhost:80' })).statusCode).toBe(200);
    expect(sameOriginWrite({ 'content-type': 'application/json', origin: 'https://evil.example', host: 'bot' })).toBe(false);
    expect(sameOriginWrite({ 'content-type': 'text/plain', 'sec-fetch-site': 'same-origin' })).toBe(true);
  });
});

describe('input', () => {
  it.each([
    ['chat.contact.login', (c: { contact: Record<string, unknown> }) => (c.contact.login = 'x'.repeat(60_000))],
    ['chat.department', (c: { department?: string }) => (c.department = 'd'.repeat(65))],
    ['chat.contact.crmCode', (c: { contact: Record<string, unknown> }) => (c.contact.crmCode = '1'.repeat(33))],
  ])('a webhook with an oversized %s is refused (400 naming the field); a long name is kept cut instead (test/routes/webhook.test.ts)', async (field, grow) => {
    const a = await start();
    const event = makeEvent({ kind: 'agent', department: 'bot', text: 'oi' });
    grow(event.chat as { contact: Record<string, unknown>; department?: string });
    const res = await a.inject(signedRequest(event, { now: a.clock.now() }));
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain(field);
  });

  it('compares secrets in constant time whatever their lengths (a different length is just different)', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'x'.repeat(10_000))).toBe(false);
    expect(sameSecret('ç', 'c')).toBe(false);
  });
});

describe('the machine', () => {
  it('the sandbox listens on this machine only, unless HOST says otherwise', () => {
    expect(loadConfig({ SANDBOX: 'true' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ SANDBOX: 'true', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ KAROO_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', KAROO_API_URL: 'https://k.example', KAROO_API_TOKEN: 't' }).HOST).toBe('0.0.0.0');
  });

  it('npm start writes the first .env readable by its owner only, with passwords long enough to start', () => {
    const target = join(mkdtempSync(join(tmpdir(), 'env-')), '.env');
    execFileSync('bash', ['scripts/make-env.sh', target], { stdio: 'ignore' });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const env = Object.fromEntries(
      execFileSync('cat', [target], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(env.ADMIN_PASSWORD?.length).toBeGreaterThanOrEqual(12);
    expect(env.SUPERVISOR_PASSWORD?.length).toBeGreaterThanOrEqual(12);
    expect(() => loadConfig(env)).not.toThrow();
  });
});
