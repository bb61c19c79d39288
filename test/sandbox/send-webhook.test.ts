import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WebhookVerifier } from '../../src/intake/webhook-signature.js';

/**
 * `npm run webhook` (scripts/send-webhook.ts) against a sandbox whose clock was moved on: it signs
 * with the sandbox's time, which the bot checks the signature's tolerance against, not this
 * machine's (found by an outside tester: every delivery after a "next Saturday" was refused).
 */

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

async function sendTo(sandboxNow: string | null): Promise<{ headers: IncomingHttpHeaders; body: string }> {
  let got: { headers: IncomingHttpHeaders; body: string } | null = null;
  const server = createServer((req, res) => {
    if (req.url === '/sandbox/api/state') {
      if (sandboxNow === null) return res.writeHead(404).end();
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ now: sandboxNow }));
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/send-webhook.ts', 'oi', '--customer'], {
      env: { ...process.env, KAROO_WEBHOOK_SECRET: SECRET, BOT_URL: `http://127.0.0.1:${port}/webhooks/karoo` },
    });
  } finally {
    server.close();
  }
  if (!got) throw new Error('no delivery');
  return got;
}

describe('npm run webhook', () => {
  it("signs with the sandbox's clock, so a sandbox moved to another day takes it", async () => {
    const { headers, body } = await sendTo('2026-11-21T13:00:00.000Z');
    expect(headers['webhook-timestamp']).toBe(String(Date.parse('2026-11-21T13:00:00Z') / 1000));
    expect(JSON.parse(body)).toMatchObject({ occurredAt: '2026-11-21T13:00:00.000Z', message: { text: 'oi' } });
    const verified = new WebhookVerifier([SECRET]).verify(headers, Buffer.from(body), new Date('2026-11-21T13:00:30Z'));
    expect(verified.ok).toBe(true);
  }, 60_000);

  it("signs with this machine's clock against a bot that is no sandbox", async () => {
    const before = Math.floor(new Date().getTime() / 1000);
    const { headers } = await sendTo(null);
    expect(Number(headers['webhook-timestamp'])).toBeGreaterThanOrEqual(before);
  }, 60_000);
});
