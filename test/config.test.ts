import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

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
});

describe('server start with a bad configuration', () => {
  it('exits non-zero with a readable message and no stack trace', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { PATH: process.env.PATH, KAROO_API_URL: 'not a url', PORT: '70000' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toContain('karoo-bot cannot start. Invalid configuration:');
    expect(result.stderr).toContain('KAROO_WEBHOOK_SECRET is required');
    expect(result.stderr).toContain('KAROO_API_URL must be an http(s) URL');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
