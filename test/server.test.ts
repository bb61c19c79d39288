import { spawn } from 'node:child_process';
import { describe, expect, it, inject } from 'vitest';
import { TEST_SECRET, freePort } from './helpers/build.js';


describe('src/server.ts', () => {
  it('starts, serves, and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        PATH: process.env.PATH,
        ENV_FILE: '', // a developer's .env (npm start writes one) must not leak in
        PORT: String(port),
        HOST: '127.0.0.1',
        REDIS_URL: inject('redisUrl'),
        QUEUE_PREFIX: `srv-${port}`,
        KAROO_WEBHOOK_SECRET: TEST_SECRET,
        KAROO_API_URL: 'http://127.0.0.1:9',
        KAROO_API_TOKEN: 'super-secret-token',
      },
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
});
