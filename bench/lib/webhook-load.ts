import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { signWebhook } from '../../src/intake/webhook-signature.js';
import { BENCH_SECRET } from './processes.js';

/** The chats the load spreads its messages over. */
const CHATS = 500;

export interface SignedBody {
  headers: Record<string, string>;
  body: string;
}

/** A signed `message.created` webhook, with its own webhook-id, in one of `CHATS` chats. */
function signedBody(): SignedBody {
  const id = `evt_${randomUUID()}`;
  const body = JSON.stringify({
    id,
    type: 'message.created',
    occurredAt: new Date().toISOString(),
    chat: { id: `ch_bench_${Math.floor(Math.random() * CHATS)}`, number: 1, department: 'suporte', contact: { id: 'ct', kind: 'customer', name: 'Cliente', phone: '+5521999990000', login: null, crmCode: null }, agent: null },
    message: { id: `msg_${id}`, author: 'contact', text: 'o sistema está lento hoje' },
  });
  return { headers: { 'content-type': 'application/json', ...signWebhook(BENCH_SECRET, id, Math.floor(new Date().getTime() / 1000), body) }, body };
}

/**
 * Signed webhooks from autocannon against `url` for `seconds`: `connections` at once, as fast as
 * each is answered, or `rate` a second in all. The bodies (`count` of them, sent in turn) are
 * signed before the run (the signature tolerance is 5 minutes), so the load generator spends its
 * time sending, not hashing, and measures the server, not itself.
 */
export function loadWebhooks(url: string, options: { seconds: number; connections: number; rate: number; count: number }): Promise<autocannon.Result> {
  const bodies = Array.from({ length: options.count }, () => signedBody());
  let next = 0;
  return autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate > 0 ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/webhooks/karoo',
        setupRequest: (req) => {
          const { headers, body } = bodies[next++ % bodies.length] as SignedBody;
          return { ...req, headers, body };
        },
      },
    ],
  });
}
