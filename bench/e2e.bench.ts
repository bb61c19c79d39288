/**
 * `npm run bench:e2e`: customers write in on-call chats (today made a holiday with a shift that
 * covers it) and ask to book a training; the built bot answers each one through Karoo. Measures
 * the time from sending the signed webhook to the reply reaching a local Karoo stand-in, at
 * 500 messages/s, and the bot's resident memory. Targets (issue 7): p99 ≤ 50 ms, RSS ≤ 200 MB.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { signWebhook } from '../src/intake/webhook-signature.js';
import { BENCH_SECRET, benchBotEnv, BotProcess, buildBot } from './lib/processes.js';
import { benchRedis } from './lib/redis-server.js';
import { machine, percentile, writeResults } from './lib/results.js';
import { onCallTodayEnv, StandIns } from './lib/stand-ins.js';

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = 3;
const ASKS = ['gostaria de agendar um treinamento', 'quero marcar um treinamento pra equipe nova', 'queria marcar a configuração das etiquetas', 'preciso de um treinamento do modulo financeiro, quando podem?'];

async function main(): Promise<void> {
  buildBot();
  const redis = await benchRedis();
  const standIns = new StandIns();
  const karooUrl = await standIns.listen();
  const bot = new BotProcess({
    ...onCallTodayEnv(karooUrl, redis.url),
    RATE_LIMIT_MAX: '100000',
    OUTBOUND_CONCURRENCY: '32',
    ...benchBotEnv(),
  });
  /** Each message not answered yet: when it was sent, and whether during the measured run (not the warm-up). */
  const sentAt = new Map<string, { at: number; measured: boolean }>();
  const latencies: number[] = [];
  let measuring = false;
  standIns.onDelivery = (d) => {
    const eventId = /^karoo-bot:(.+):\d+$/.exec(d.key)?.[1] ?? '';
    const sent = sentAt.get(eventId);
    if (sent !== undefined) {
      sentAt.delete(eventId);
      // A warm-up message answered late is not one of the run's (it would count as a reply too many).
      if (sent.measured) latencies.push(d.at - sent.at);
    }
  };

  let seq = 0;
  let failures = 0;
  const send = async (): Promise<void> => {
    const n = seq++;
    const id = `evt_e2e_${process.pid}_${n}`;
    const body = JSON.stringify({
      id,
      type: 'message.created',
      occurredAt: new Date().toISOString(),
      chat: { id: `ch_e2e_${n}`, number: n, department: 'suporte', contact: { id: `ct_${n}`, kind: 'customer', name: 'Maria Souza', phone: null, login: null, crmCode: null }, agent: null },
      message: { id: `msg_${n}`, author: 'contact', text: ASKS[n % ASKS.length] },
    });
    const headers = { 'content-type': 'application/json', ...signWebhook(BENCH_SECRET, id, Math.floor(new Date().getTime() / 1000), body) };
    sentAt.set(id, { at: performance.now(), measured: measuring });
    const res = await fetch(`${bot.url}/webhooks/karoo`, { method: 'POST', headers, body }).catch(() => null);
    if (!res || res.status !== 202) failures += 1;
    await res?.arrayBuffer();
  };
  /** Sends at a steady rate, in 10 ms ticks. */
  const run = async (seconds: number): Promise<number> => {
    const started = performance.now();
    let sent = 0;
    const pending: Promise<void>[] = [];
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * RATE);
      while (sent < due) {
        pending.push(send());
        sent += 1;
      }
      await sleep(10);
    }
    await Promise.all(pending);
    return sent;
  };

  let rssMax = 0;
  try {
    await bot.start();
    await run(WARMUP_SECONDS);
    await sleep(1000);
    measuring = true;
    const sampler = setInterval(() => {
      rssMax = Math.max(rssMax, bot.rssMb());
    }, 250);
    const cpuBefore = bot.cpuSeconds();
    const sent = await run(SECONDS);
    for (let i = 0; i < 100 && sentAt.size > 0; i++) await sleep(100);
    const cpuUsPerMessage = Math.round(((bot.cpuSeconds() - cpuBefore) * 1e6) / Math.max(1, sent));
    clearInterval(sampler);
    latencies.sort((a, b) => a - b);
    const result = {
      machine: machine(),
      offeredPerSecond: RATE,
      seconds: SECONDS,
      sent,
      replied: latencies.length,
      missing: [...sentAt.values()].filter((m) => m.measured).length,
      webhookFailures: failures,
      p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      maxMs: Math.round((latencies[latencies.length - 1] ?? 0) * 10) / 10,
      /** The bot's CPU per message (user and system, until every reply went out): what sets the rate one core keeps up with. */
      cpuUsPerMessage,
      rssMaxMb: rssMax,
      rssEndMb: bot.rssMb(),
      targets: { p99Ms: 50, rssMb: 200 },
    };
    const md = [
      `# End to end: customer message in → bot reply at Karoo, ${RATE} messages/s for ${SECONDS} s`,
      '',
      '| sent | replied | missing | p50 ms | p99 ms | max ms | bot CPU µs/message | bot RSS max MB |',
      '|---|---|---|---|---|---|---|---|',
      `| ${sent} | ${result.replied} | ${result.missing} | ${result.p50Ms} | **${result.p99Ms}** | ${result.maxMs} | ${cpuUsPerMessage} | **${rssMax}** |`,
      '',
      `Targets: p99 ≤ 50 ms, RSS ≤ 200 MB. Webhook non-202: ${failures}. ${result.machine}.`,
      '',
    ].join('\n');
    writeResults('e2e', result, md);
  } finally {
    await bot.kill('SIGTERM');
    await standIns.close();
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
