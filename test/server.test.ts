import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { TEST_SECRET, freePort } from './helpers/build.js';


/** The server's environment in a test: its own port and queue prefix, the test Redis, no `.env`. */
const serverEnv = (port: number): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  ENV_FILE: '', // a developer's .env (npm start writes one) must not leak in
  PORT: String(port),
  HOST: '127.0.0.1',
  REDIS_URL: inject('redisUrl'),
  QUEUE_PREFIX: `srv-${port}`,
  KAROO_WEBHOOK_SECRET: TEST_SECRET,
  KAROO_API_URL: 'http://127.0.0.1:9',
  KAROO_API_TOKEN: 'super-secret-token',
});

describe('src/server.ts', () => {
  it('starts, serves, and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: serverEnv(port),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    // "listening on" is printed once the port really accepts connections, never before.
    for (let i = 0; i < 1200 && !output.includes('karoo-bot: listening on'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(output).toContain(`karoo-bot: listening on http://127.0.0.1:${port} (webhook: POST /webhooks/karoo)`);
    const answered = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0);
    expect(answered).toBeGreaterThan(0);
    expect(output).not.toContain('SANDBOX');

    let healthy = false;
    for (let i = 0; i < 200 && !healthy; i++) {
      healthy = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 50));
    }
    expect(healthy).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
    expect(output).not.toContain('super-secret-token');
  }, 40_000); // a cold start trains the language layer when no model file fits

  // Found by an outside tester: a bad roster at start exited with code 1 ("failed to start"), and its log spoke
  // of a "last good roster" there was none of; a bad file the configuration names is a configuration error.
  it.each([
    ['ROSTER_FILE', 'escala.yaml', readFileSync('docs/roster.example.yaml', 'utf8').replace('2026-11-22', '2026-02-30'), /ROSTER_FILE: the roster .*escala\.yaml cannot be used: line 12: shifts\.1\.date must be a day that exists$/m],
    ['FAQ_FILE', 'faq.yaml', 'entries:\n  - [unclosed\n', /FAQ_FILE: the knowledge base .*faq\.yaml is invalid/],
  ])('refuses to start (exit 78) when %s names a file that cannot be used', async (variable, name, text, message) => {
    const file = join(mkdtempSync(join(tmpdir(), 'start-file-')), name);
    writeFileSync(file, text);
    const port = await freePort();
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...serverEnv(port), [variable]: file },
      encoding: 'utf8',
      timeout: 40_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('karoo-bot cannot start. Invalid configuration:');
    expect(result.stderr).toMatch(message);
    expect(result.stdout + result.stderr).not.toContain('last good');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 45_000);
});

// Found by an outside tester (2026-12-07): with Redis unreachable the start ended on ioredis's "Reached the max retries per
// request limit", naming neither REDIS_URL nor what to check.
describe('the start without Redis', () => {
  it('says where Redis was looked for and what to check, without its password', async () => {
    const port = await freePort();
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...serverEnv(port), REDIS_URL: 'redis://:segredo@127.0.0.1:1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/did not answer at REDIS_URL=redis:\/\/\*\*\*@127\.0\.0\.1:1: check that Redis is running/);
    expect(result.stderr).not.toContain('segredo');
  }, 65_000);
});
