/**
 * `npm run bench:intake`: signed `message.created` webhooks, each with its own webhook-id, from
 * autocannon against the built bot (`node dist/server.js`, real Redis, workers running) and, in the same run, against the
 * floor: a bare Fastify route that only verifies the signature, does one Redis SET NX and
 * answers 202. Targets (issue 7): ratio ≥ 0.6 and bot p99 ≤ 20 ms at 2,000 events/s offered.
 * Results: bench/results/intake.json and .md.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { signWebhook } from '../src/bot/webhook-signature.js';
import { BENCH_SECRET as SECRET, benchBotEnv, BotProcess, buildBot, FloorProcess } from './lib/processes.js';
import { benchRedis } from './lib/redis-server.js';
import { machine, writeResults } from './lib/results.js';

const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CHATS = 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

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

/**
 * Bodies are signed before the run (the signature tolerance is 5 minutes), so the load
 * generator spends its time sending, not hashing, and measures the server, not itself.
 */
function presigned(count: number): { headers: Record<string, string>; body: string }[] {
  return Array.from({ length: count }, () => signedBody());
}

async function load(url: string, seconds = SECONDS): Promise<autocannon.Result> {
  const bodies = presigned(Math.ceil(RATE * seconds * 1.2));
  let next = 0;
  return autocannon({
    url,
    connections: 50,
    duration: seconds,
    overallRate: RATE,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/karoo',
        setupRequest: (req) => {
          const { headers, body } = bodies[next++ % bodies.length] as { headers: Record<string, string>; body: string };
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
    maxMs: r.latency.max,
  };
}

function medianOf(name: string, runs: ReturnType<typeof summary>[]): ReturnType<typeof summary> {
  const mid = (pick: (r: ReturnType<typeof summary>) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };
  return {
    name,
    offeredPerSecond: RATE,
    eventsPerSecond: mid((r) => r.eventsPerSecond),
    accepted2xx: runs.reduce((n, r) => n + r.accepted2xx, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    p50Ms: mid((r) => r.p50Ms),
    p99Ms: mid((r) => r.p99Ms),
    maxMs: mid((r) => r.maxMs),
  };
}

async function main(): Promise<void> {
  buildBot();
  const redis = await benchRedis();
  const env = { REDIS_URL: redis.url, KAROO_WEBHOOK_SECRET: SECRET };
  // The floor runs as its own process, like the bot: the load generator has this one to itself.
  const floor = new FloorProcess(env);
  const bot = new BotProcess({
    ...env,
    KAROO_API_URL: 'http://127.0.0.1:9',
    KAROO_API_TOKEN: 'bench',
    QUEUE_PREFIX: `bench-${process.pid}`,
    RATE_LIMIT_MAX: '100000',
    ...benchBotEnv(),
  });
  try {
    const floorUrl = await floor.start();
    const botUrl = await bot.start();
    await load(floorUrl, 3); // warm-up of the load generator and the floor
    await load(botUrl, 3); // and of the bot (JIT)
    // Several rounds, floor and bot back to back: on two shared cores one run's tail is noisy,
    // so every round is printed and the medians are what the targets are checked against.
    const rounds: { floor: ReturnType<typeof summary>; bot: ReturnType<typeof summary> }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const floorRound = summary(`floor, round ${i + 1}`, await load(floorUrl));
      const botRound = summary(`karoo-bot, round ${i + 1}`, await load(botUrl));
      rounds.push({ floor: floorRound, bot: botRound });
    }
    const rssMb = bot.rssMb();
    const floorResult = medianOf('floor (verify + SET NX + 202), median', rounds.map((r) => r.floor));
    const botResult = medianOf('karoo-bot (verify + zod + dedupe + BullMQ add + 202), median', rounds.map((r) => r.bot));
    const ratio = Math.round((botResult.eventsPerSecond / floorResult.eventsPerSecond) * 100) / 100;
    const result = { machine: machine(), seconds: SECONDS, rounds, floor: floorResult, bot: botResult, ratio, botRssMb: rssMb, targets: { ratio: 0.6, p99Ms: 20 } };
    const rows = [...rounds.flatMap((r) => [r.floor, r.bot]), floorResult, botResult];
    const md = [
      `# Webhook intake, ${RATE} events/s offered, ${ROUNDS} rounds of ${SECONDS} s`,
      '',
      '| | events/s | p50 ms | p99 ms | max ms | non-2xx | errors |',
      '|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.name} | ${r.eventsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.non2xx} | ${r.errors} |`),
      '',
      `Ratio bot / floor (medians): **${ratio}** (target ≥ 0.6); bot median p99 **${botResult.p99Ms} ms** (target ≤ 20 ms); bot RSS ${rssMb} MB. ${result.machine}.`,
      '',
    ].join('\n');
    writeResults('intake', result, md);
  } finally {
    await bot.kill('SIGTERM');
    await floor.kill('SIGTERM');
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
