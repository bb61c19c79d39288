import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readEnvFile, type EnvFile } from '../src/config.js';

function problemsOf(env: NodeJS.ProcessEnv, file?: EnvFile): string {
  try {
    loadConfig(env, file);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.join('\n');
  }
  throw new Error('expected the configuration to be refused');
}
const dotEnv = (values: Record<string, string>): EnvFile => ({ name: '.env', values });

const valid = {
  KAROO_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  KAROO_API_URL: 'https://karoo.example.com',
  KAROO_API_TOKEN: 'token',
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      PORT: 3000,
      REDIS_URL: 'redis://127.0.0.1:6379',
      WEBHOOK_DEDUPE_TTL_HOURS: 72,
      TZ_BUSINESS: 'America/Sao_Paulo',
      RUN_WORKERS: true,
      KAROO_WEBHOOK_SECRET: [valid.KAROO_WEBHOOK_SECRET],
    });
  });

  it("builds the QA report's link and keeps the retention, and refuses a link or a retention that cannot be", () => {
    expect(loadConfig(valid).settings).toMatchObject({ qa: { customerWaitMinutes: 20, cannedMinChats: 3, pageUrl: 'http://localhost:3000/painel' }, retentionDays: 90 });
    expect(loadConfig({ ...valid, PUBLIC_URL: 'https://bot.example.com/', RETENTION_DAYS: '30' }).settings).toMatchObject({ qa: { pageUrl: 'https://bot.example.com/painel' }, retentionDays: 30 });
    const text = problemsOf({ ...valid, PUBLIC_URL: 'bot.example.com', RETENTION_DAYS: '2', QA_CANNED_MIN_CHATS: '1' });
    for (const name of ['PUBLIC_URL', 'RETENTION_DAYS', 'QA_CANNED_MIN_CHATS']) expect(text).toContain(name);
  });

  it('names the WhatsApp templates (defaults, empty for none), and refuses a name Meta would not take', () => {
    expect(loadConfig(valid).settings.templates).toEqual({ language: 'pt_BR', followUp: 'acompanhamento_semanal', reseller: 'aviso_revenda' });
    expect(loadConfig({ ...valid, KAROO_FOLLOWUP_TEMPLATE: 'seguimento_v2', KAROO_RESELLER_TEMPLATE: '', KAROO_TEMPLATE_LANGUAGE: 'pt_PT' }).settings.templates).toEqual({ language: 'pt_PT', followUp: 'seguimento_v2', reseller: null });
    const text = problemsOf({ ...valid, KAROO_FOLLOWUP_TEMPLATE: 'Acompanhamento Semanal', KAROO_TEMPLATE_LANGUAGE: 'português' });
    for (const name of ['KAROO_FOLLOWUP_TEMPLATE', 'KAROO_TEMPLATE_LANGUAGE']) expect(text).toContain(name);
  });

  it('accepts several webhook secrets for rotation', () => {
    const two = `${valid.KAROO_WEBHOOK_SECRET} whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXkh`;
    expect(loadConfig({ ...valid, KAROO_WEBHOOK_SECRET: two }).KAROO_WEBHOOK_SECRET).toHaveLength(2);
  });

  it('lists every missing or invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', KAROO_WEBHOOK_SECRET: 'not-a-secret', REDIS_URL: 'http://x', TZ_BUSINESS: 'Mars/Olympus' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'KAROO_WEBHOOK_SECRET', 'KAROO_API_URL is required', 'KAROO_API_TOKEN is required', 'REDIS_URL', 'TZ_BUSINESS']) {
      expect(text).toContain(name);
    }
  });

  it('refuses a half-configured bull-board login', () => {
    expect(() => loadConfig({ ...valid, ADMIN_USER: 'ops' })).toThrow(/ADMIN_USER and ADMIN_PASSWORD/);
  });

  it("refuses a half-configured supervisors' login, and one that is the ops login", () => {
    expect(() => loadConfig({ ...valid, SUPERVISOR_PASSWORD: 'x' })).toThrow(/SUPERVISOR_USER and SUPERVISOR_PASSWORD must be set together/);
    const same = { ...valid, ADMIN_USER: 'ops', ADMIN_PASSWORD: 's3nha-do-ops-1', SUPERVISOR_USER: 'ops', SUPERVISOR_PASSWORD: 's3nha-do-ops-1' };
    expect(() => loadConfig(same)).toThrow(/need separate logins/);
    // Found by an outside tester: the same user name with another password started.
    expect(problemsOf({ ...same, SUPERVISOR_PASSWORD: 'other-password' })).toContain('SUPERVISOR_USER is the same user name as ADMIN_USER');
    expect(loadConfig({ ...same, SUPERVISOR_USER: 'supervisao', SUPERVISOR_PASSWORD: 'other-password' }).settings.supervisor).toEqual({ user: 'supervisao', password: 'other-password' });
  });

  it('refuses a password shorter than 12 characters, naming it, never printing it', () => {
    const text = problemsOf({ ...valid, ADMIN_USER: 'ops', ADMIN_PASSWORD: 'segredo', SUPERVISOR_USER: 'sup', SUPERVISOR_PASSWORD: 'curta' });
    expect(text).toContain('ADMIN_PASSWORD (from the environment) has 7 characters');
    expect(text).toContain('SUPERVISOR_PASSWORD (from the environment) has 5 characters');
    expect(text).not.toContain('segredo');
    expect(loadConfig({ ...valid, ADMIN_USER: 'ops', ADMIN_PASSWORD: 'doze-chars-1' }).settings.admin).toEqual({ user: 'ops', password: 'doze-chars-1' });
    expect(loadConfig(valid).settings.supervisor).toBeNull();
  });

  it('reads .env values under the environment, which wins', () => {
    const config = loadConfig({ ...valid, PORT: '4000' }, dotEnv({ PORT: '5000', LOG_LEVEL: 'debug' }));
    expect(config).toMatchObject({ PORT: 4000, LOG_LEVEL: 'debug', sandbox: false });
    expect(problemsOf(valid, dotEnv({ PORT: 'abc' }))).toContain('PORT (from .env)');
  });

  // Found by an outside tester: PORT=abc also blamed KAROO_API_URL and BIMER_API_URL "(from .env)", which set neither;
  // SANDBOX=yes also asked for the Karoo settings.
  it('names only the setting that is wrong, and where it came from', () => {
    const port = problemsOf({ SANDBOX: 'true', PORT: 'abc' }, dotEnv({ LOG_LEVEL: 'info' })).split('\n');
    expect(port).toHaveLength(1);
    expect(port[0]).toMatch(/^PORT /);
    const sandbox = problemsOf({ SANDBOX: 'yes' }).split('\n');
    expect(sandbox).toHaveLength(2); // SANDBOX, and the webhook secret no sandbox gives
    expect(sandbox[0]).toMatch(/^SANDBOX /);
    expect(sandbox.join('\n')).not.toContain('KAROO_API_URL');
  });

  // Found by an outside tester: each of these started without a word.
  it.each([
    [{ MONITORING_OK_CODE: '000001' }, 'MONITORING_OK_CODE=000001 (from the environment) is the demand type "Dúvidas"'],
    [{ MONITORING_RSP_TYPE: '2266' }, 'MONITORING_RSP_TYPE=2266 (from the environment) is the monitoring ticket itself'],
    [{ MONITORING_RSP_TYPE: '000029' }, 'is the code of contacts with no demand'],
    [{ MONITORING_RSP_TYPE: '000003' }, 'is the demand type "Erro Sist. DSN"'],
    [{ HOLIDAY_STATE: 'XX' }, 'HOLIDAY_STATE (from the environment) must be a Brazilian state'],
    [{ EXTRA_HOLIDAYS: '2026-02-30' }, 'EXTRA_HOLIDAYS.0 (from the environment) must list days that exist'],
    [{ EXTRA_HOLIDAYS: '01-20,13-01' }, 'EXTRA_HOLIDAYS.1 (from the environment) must list days that exist'],
    [{ MONITORING_CHECKIN_TIME: '20:00' }, 'MONITORING_CHECKIN_TIME (from the environment) is 20:00, outside the business hours of an open day'],
    [{ MONITORING_REMINDER_TIME: '07:30', BUSINESS_HOURS: 'mon-fri=08:00-18:00,sat=08:00-12:00' }, 'MONITORING_REMINDER_TIME (from the environment) is 07:30'],
    // …and by a later one: national holidays made business days, a day given twice, no business day at all.
    [{ HOLIDAY_TYPES: 'feriado' }, 'HOLIDAY_TYPES.0 (from the environment) must be among public, bank, school, optional, observance'],
    [{ HOLIDAY_TYPES: 'bank' }, 'HOLIDAY_TYPES (from the environment) must include public'],
    [{ BUSINESS_HOURS: 'mon-fri=08:00-18:00,mon=11:00-12:00' }, 'BUSINESS_HOURS (from the environment) gives mon twice'],
    [{ BUSINESS_HOURS: ' ' }, 'BUSINESS_HOURS (from the environment) names no business day at all'],
    [{ BUSINESS_HOURS: 'mon-fri=18:00-08:00' }, 'ends before it starts'],
  ])('refuses %j', (env, message) => {
    expect(problemsOf({ ...valid, ...env })).toContain(message);
  });

  it.each([{ HOLIDAY_STATE: 'RJ' }, { HOLIDAY_TYPES: 'public,bank' }, { EXTRA_HOLIDAYS: '2028-02-29,02-29,04-23' }, { MONITORING_CHECKIN_TIME: '09:30', BUSINESS_HOURS: 'mon-fri=08:00-18:00,sat=08:00-12:00' }])('accepts %j', (env) => {
    expect(() => loadConfig({ ...valid, ...env })).not.toThrow();
  });
});

describe('contradictory configurations stop the start, saying what, from where, and the fix', () => {
  it('a sandbox .env left behind with a real deployment in the environment', () => {
    const text = problemsOf(
      { KAROO_API_URL: 'https://karoo.example.com', KAROO_API_TOKEN: 'real-token-xyz', BIMER_API_URL: 'https://bimer.example.com/BimerApi' },
      dotEnv({ SANDBOX: 'true', KAROO_WEBHOOK_SECRET: valid.KAROO_WEBHOOK_SECRET }),
    );
    expect(text).toContain('SANDBOX=true (from .env)');
    expect(text).toContain('KAROO_API_URL, KAROO_API_TOKEN, BIMER_API_URL (from the environment)');
    expect(text).toContain('set SANDBOX=false');
    expect(text).not.toContain('real-token-xyz'); // names, never values
  });

  // Found by an outside tester: with a contradiction, the other bad values were not listed (fix one, start, fail again).
  it('lists a contradiction and every bad value together', () => {
    const text = problemsOf(
      { KAROO_API_URL: 'https://karoo.example.com', KAROO_API_TOKEN: 'real-token-xyz', PLANTAO_IDLE_MINUTES: '-3', KAROO_TEMPLATE_LANGUAGE: 'pt-BR' },
      dotEnv({ SANDBOX: 'true', KAROO_WEBHOOK_SECRET: valid.KAROO_WEBHOOK_SECRET }),
    );
    expect(text).toContain('SANDBOX=true (from .env)');
    expect(text).toContain('PLANTAO_IDLE_MINUTES');
    expect(text).toContain('KAROO_TEMPLATE_LANGUAGE');
  });

  it('SANDBOX=true in the environment with a real Karoo in .env', () => {
    const text = problemsOf({ SANDBOX: 'true' }, dotEnv({ KAROO_API_URL: 'https://karoo.example.com', BIMER_USERNAME: 'bot' }));
    expect(text).toContain('SANDBOX=true (from the environment)');
    expect(text).toContain('KAROO_API_URL, BIMER_USERNAME (from .env)');
  });

  it('SANDBOX=true with NODE_ENV=production; a sandbox with NODE_ENV unset is development', () => {
    const text = problemsOf({ NODE_ENV: 'production' }, dotEnv({ SANDBOX: 'true' }));
    expect(text).toContain('SANDBOX=true (from .env) with NODE_ENV=production (from the environment)');
    expect(loadConfig({}, dotEnv({ SANDBOX: 'true' }))).toMatchObject({ sandbox: true, NODE_ENV: 'development' });
  });

  it('half a Bimer configuration', () => {
    const text = problemsOf({ ...valid, BIMER_API_URL: 'https://bimer.example.com', BIMER_USERNAME: 'bot' });
    expect(text).toContain('BIMER_API_URL, BIMER_USERNAME (from the environment) are set but BIMER_CLIENT_ID, BIMER_CLIENT_SECRET, BIMER_PASSWORD are not');
    const all = { BIMER_API_URL: 'https://bimer.example.com', BIMER_CLIENT_ID: 'c', BIMER_CLIENT_SECRET: 's', BIMER_USERNAME: 'u', BIMER_PASSWORD: 'p' };
    expect(loadConfig({ ...valid, ...all }).BIMER_USERNAME).toBe('u');
  });

  it('a first retry longer than the longest', () => {
    expect(problemsOf({ ...valid, OUTBOUND_BACKOFF_BASE_MS: '900000' })).toContain('OUTBOUND_BACKOFF_BASE_MS=900000 is longer than OUTBOUND_BACKOFF_MAX_MS=600000');
  });

  // Found by an outside tester (2026-12-07): a missing roster was said only once the environment's problems were fixed.
  it('a file a setting names and that is not there, said with the other problems at once', () => {
    const text = problemsOf({ ...valid, PORT: 'abc' }, dotEnv({ ROSTER_FILE: '/nowhere/roster.yaml', FAQ_FILE: '/nowhere/faq.yaml' }));
    expect(text).toMatch(/^PORT \(from the environment\) /m);
    expect(text).toContain('ROSTER_FILE=/nowhere/roster.yaml (from .env) names a file that does not exist');
    expect(text).toContain('FAQ_FILE=/nowhere/faq.yaml (from .env) names a file that does not exist');
    expect(loadConfig({ ...valid, ROSTER_FILE: resolve('docs/roster.example.yaml') }).ROSTER_FILE).toBe(resolve('docs/roster.example.yaml'));
  });

  it('several at once, listed together', () => {
    const text = problemsOf({ NODE_ENV: 'production', SANDBOX: 'true', KAROO_API_TOKEN: 't', ADMIN_PASSWORD: 'x' });
    expect(text.split('\n')).toHaveLength(4);
  });

  it('readEnvFile parses a .env and tells a missing one apart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envfile-'));
    writeFileSync(join(dir, '.env'), '# comment\nSANDBOX=true\nKAROO_WEBHOOK_SECRET="whsec_abc="\n');
    expect(readEnvFile(join(dir, '.env'))).toEqual({ name: '.env', values: { SANDBOX: 'true', KAROO_WEBHOOK_SECRET: 'whsec_abc=' } });
    expect(readEnvFile(join(dir, 'none.env'))).toBeUndefined();
  });
});

// Found by an outside tester (2026-12-07): a value from the environment did not say so, and ENV_FILE naming no file was ignored in silence.
describe('where a setting came from', () => {
  it('says "(from the environment)" of a bad value given there', () => {
    expect(problemsOf({ ...valid, PORT: 'abc' })).toMatch(/^PORT \(from the environment\) /m);
  });

  it('refuses an ENV_FILE that names no file; a missing .env by default is no problem', () => {
    expect(() => readEnvFile('/nonexistent/karoo.env', true)).toThrow(ConfigError);
    expect(() => readEnvFile('/nonexistent/karoo.env', true)).toThrow(/ENV_FILE=\/nonexistent\/karoo.env .*does not exist/);
    expect(readEnvFile('/nonexistent/.env')).toBeUndefined();
  });
});

describe('server start with a bad configuration', () => {
  it('exits non-zero with a readable message and no stack trace', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { PATH: process.env.PATH, ENV_FILE: '', KAROO_API_URL: 'not a url', PORT: '70000' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toContain('karoo-bot cannot start. Invalid configuration:');
    expect(result.stderr).toContain('KAROO_WEBHOOK_SECRET is required');
    expect(result.stderr).toContain('KAROO_API_URL (from the environment) must be an http(s) URL');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses (exit 78) a sandbox .env in the working directory when a real Karoo is given in the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-'));
    writeFileSync(join(dir, '.env'), `SANDBOX=true\nKAROO_WEBHOOK_SECRET=${valid.KAROO_WEBHOOK_SECRET}\n`);
    const result = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), resolve('src/server.ts')], {
      cwd: dir,
      env: { PATH: process.env.PATH, KAROO_API_URL: 'https://karoo.example.com', KAROO_API_TOKEN: 'real-token-123' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('SANDBOX=true (from .env)');
    expect(result.stderr).toContain('KAROO_API_URL, KAROO_API_TOKEN (from the environment)');
    expect(result.stderr).not.toContain('real-token-123');
    expect(result.stderr).not.toContain('listening');
  });
});
