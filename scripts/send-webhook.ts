/**
 * Sends one signed Karoo `message.created` event to a running bot, as Karoo would.
 *   npm run webhook -- ping                     (an agent writing "ping" to the bot)
 *   npm run webhook -- "bom dia" --customer     (a customer in the suporte department)
 * Reads KAROO_WEBHOOK_SECRET and PORT from the environment or .env; BOT_URL overrides the target.
 * Against the sandbox it signs with the sandbox's clock (its time may have been moved on), so the
 * signature's 5-minute tolerance holds; against any other bot, with this machine's.
 */
import { randomUUID } from 'node:crypto';
import { signWebhook } from '../src/intake/webhook-signature.js';
import { readEnvFile } from '../src/config.js';

const dotEnv = readEnvFile('.env')?.values ?? {};
const env = (name: string): string | undefined => process.env[name]?.trim() || dotEnv[name]?.trim() || undefined;

const args = process.argv.slice(2);
const customer = args.includes('--customer');
const text = args.filter((a) => !a.startsWith('--')).join(' ') || 'ping';
const secret = env('KAROO_WEBHOOK_SECRET')?.split(/\s+/)[0];
if (!secret) {
  console.error('KAROO_WEBHOOK_SECRET is not set (environment or .env).');
  process.exit(1);
}
const url = process.env.BOT_URL ?? `http://127.0.0.1:${env('PORT') ?? '3000'}/webhooks/karoo`;

/** The bot's own time when it is a sandbox (GET /sandbox/api/state), else this machine's. */
async function botNow(): Promise<Date> {
  try {
    const res = await fetch(new URL('/sandbox/api/state', url), { signal: AbortSignal.timeout(2000) });
    const now = res.ok ? ((await res.json()) as { now?: unknown }).now : undefined;
    if (typeof now === 'string' && Number.isFinite(Date.parse(now))) return new Date(now);
  } catch {
    // not a sandbox, or not answering: the request below says so
  }
  return new Date();
}
const now = await botNow();

const id = `evt_${randomUUID()}`;
const body = JSON.stringify({
  id,
  type: 'message.created',
  occurredAt: now.toISOString(),
  chat: {
    id: customer ? 'ch_demo_customer' : 'ch_demo_agent',
    number: 1,
    department: customer ? 'suporte' : 'bot',
    contact: customer
      ? { id: 'ct_demo', kind: 'customer', name: 'Maria Souza', phone: '+5521999990000', login: null, crmCode: '000123' }
      : { id: 'ct_agent', kind: 'agent', name: 'João Silva', phone: null, login: 'joao.silva', crmCode: null },
    agent: null,
  },
  message: { id: `msg_${randomUUID()}`, author: 'contact', text },
});
const timestamp = Math.floor(now.getTime() / 1000);
const res = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...signWebhook(secret, id, timestamp, body) },
  body,
});
console.log(`${res.status} ${await res.text()}`);
