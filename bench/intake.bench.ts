/**
 * `npm run bench:intake`: signed `message.created` webhooks, each with its own webhook-id, from
 * autocannon against the bot (real Redis, workers running) and, in the same run, against the
 * floor: a bare Fastify route that only verifies the signature, does one Redis SET NX and
 * answers 202. Targets (issue 7): ratio ≥ 0.6 and bot p99 ≤ 20 ms at 2,000 events/s offered.
 * Results: bench/results/intake.json and .md.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from '../src/app.js';
import { signWebhook, WebhookVerifier } from '../src/bot/webhook-signature.js';
import { loadConfig } from '../src/config.js';
import { benchRedis } from './redis-server.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CHATS = 500;

function signedBody(): { headers: Record<string, string>; body: string } {
  const id = `evt_${randomUUID()}`;
  const chat = `ch_bench_${Math.floor(Math.random() * CHATS)}`;
  const body = JSON.stringify({
    id,
    type: 'message.created',
    occurredAt: new Date().toISOString(),
    chat: { id: chat, number: 1, department: 'suporte', contact: { id: 'ct', kind: 'customer', name: 'Cliente', phone: '+5521999990000', login: null, crmCode: null }, agent: null },
    message: { id: `msg_${id}`, author: 'contact', text: 'o sistema está lento hoje' },
  });
  return { headers: { 'content-type': 'application/json', ...signWebhook(SECRET, id, Math.floor(new Date().getTime() / 1000), body) }, body };
}

async function load(url: string): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: 50,
    duration: SECONDS,
    overallRate: RATE,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/karoo',
        setupRequest: (req) => {
          const { headers, body } = signedBody();
          return { ...req, headers, body };
        },
      },
    ],
  });
}

function summary(name: string, r: autocannon.Result) {
  return {
    name,
    offeredPerSecond: RATE,
    eventsPerSecond: Math.round(r.requests.average),
    accepted2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
  };
}

async function main(): Promise<void> {
  const redis = await benchRedis();
  try {
    // The floor: verify, SET NX, 202.
    const floorRedis = new Redis(redis.url);
    const verifier = new WebhookVerifier([SECRET]);
    const floor = Fastify();
    floor.addContentTypeParser('application/json', { parseAs: 'string' }, (_r, body, done) => done(null, body));
    floor.post('/webhooks/karoo', async (request, reply) => {
      const v = verifier.verify(request.headers, request.body as string, new Date());
      if (!v.ok) return reply.code(401).send();
      const first = await floorRedis.set(`floor:${v.id}`, '1', 'EX', 3600, 'NX');
      return reply.code(first ? 202 : 200).send({ status: 'accepted' });
    });
    await floor.listen({ host: '127.0.0.1', port: 0 });
    const floorUrl = `http://127.0.0.1:${(floor.server.address() as { port: number }).port}`;

    const config = loadConfig({
      KAROO_WEBHOOK_SECRET: SECRET,
      KAROO_API_URL: 'http://127.0.0.1:9',
      KAROO_API_TOKEN: 'bench',
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `bench-${process.pid}`,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_MAX: '100000',
    });
    const bot = await buildApp({ config });
    await bot.listen({ host: '127.0.0.1', port: 0 });
    const botUrl = `http://127.0.0.1:${(bot.server.address() as { port: number }).port}`;

    await load(floorUrl); // warm-up
    const floorResult = summary('floor (verify + SET NX + 202)', await load(floorUrl));
    const botResult = summary('karoo-bot (verify + zod + dedupe + BullMQ add + 202)', await load(botUrl));
    const ratio = Math.round((botResult.eventsPerSecond / floorResult.eventsPerSecond) * 100) / 100;
    const result = { machine: `${process.platform} ${process.arch}, node ${process.version}`, seconds: SECONDS, floor: floorResult, bot: botResult, ratio, targets: { ratio: 0.6, p99Ms: 20 } };

    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/intake.json', `${JSON.stringify(result, null, 2)}\n`);
    const md = [
      `# Webhook intake, ${RATE} events/s offered for ${SECONDS} s`,
      '',
      '| | events/s | p50 ms | p99 ms | non-2xx | errors |',
      '|---|---|---|---|---|---|',
      ...[floorResult, botResult].map((r) => `| ${r.name} | ${r.eventsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.non2xx} | ${r.errors} |`),
      '',
      `Ratio bot / floor: **${ratio}** (target ≥ 0.6); bot p99 ${botResult.p99Ms} ms (target ≤ 20 ms). ${result.machine}.`,
      '',
    ].join('\n');
    writeFileSync('bench/results/intake.md', md);
    console.log(md);

    await bot.close();
    await floor.close();
    floorRedis.disconnect();
  } finally {
    redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
