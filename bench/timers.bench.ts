/**
 * `npm run bench:timers`: 100,000 open on-call chats, each with its idle timer armed by the real
 * flow; one more message on every chat re-arms it. Reports the Redis round trips and the time of
 * a re-arm, the Redis memory per open chat (and what it is made of), and the lateness of 10,000
 * timers that come due within the same minute among them. Targets (issue 7): a re-arm in at
 * most 2 round trips, ≤ 2 KB of Redis per open chat, lateness p99 ≤ 1 s.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import type { KarooEvent } from '../src/domain/karoo-event.js';
import { EventProcessor } from '../src/processor/event-processor.js';
import { ManualClock, systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { streamOf } from '../src/flows/router.js';
import type { InternalEvent, StreamKey } from '../src/domain/stream.js';
import type { EventQueues } from '../src/scheduler/event-queues.js';
import { Timers } from '../src/scheduler/timers.js';
import { WhatsAppWindows } from '../src/store/whatsapp-window.js';
import { RedisStreamStore } from '../src/store/stream-store.js';
import { benchRedis } from './lib/redis-server.js';
import { machine, percentile, writeResults } from './lib/results.js';

const CHATS = Number(process.env.BENCH_CHATS ?? 100_000);
const DUE_IN_A_MINUTE = Number(process.env.BENCH_DUE ?? 10_000);
const REARM_SAMPLES = 10_000;
const CONCURRENCY = 100;
// A Saturday on call (the roster below), so a customer's message arms the 30-minute idle timer.
const START = '2026-11-21T10:00:00-03:00';
const ROSTER = `
shifts:
  - { date: 2026-11-21, start: "08:00", end: "18:00", sectors: [Suporte, Implantação, Partner, Prime], manager: bruno.costa }
staff:
  - { name: Bruno Costa, login: bruno.costa, sector: Suporte, role: manager }
`;

function customerMessage(chat: number, n: number): KarooEvent {
  return {
    id: `evt_b${chat}_${n}`,
    type: 'message.created',
    occurredAt: START,
    chat: {
      id: `ch_${chat}`,
      number: chat,
      department: 'suporte',
      contact: { id: `ct_${chat}`, kind: 'customer', name: 'Maria Souza', phone: null, login: null, crmCode: null },
      agent: null,
    },
    message: { id: `msg_${chat}_${n}`, author: 'contact', text: n === 0 ? 'Bom dia, o sistema não abre' : 'ainda estou aguardando' },
  };
}

/** Counts round trips: a new one starts whenever a command is sent while none is in flight. */
function roundTripCounter(clients: Redis[]): { waves: () => number; reset: () => void } {
  let inFlight = 0;
  let waves = 0;
  for (const client of clients) {
    const send = client.sendCommand.bind(client);
    client.sendCommand = ((command: Parameters<Redis['sendCommand']>[0], stream?: Parameters<Redis['sendCommand']>[1]) => {
      if (inFlight === 0) waves += 1;
      inFlight += 1;
      const done = () => {
        inFlight -= 1;
      };
      command.promise.then(done, done);
      return send(command, stream);
    });
  }
  return { waves: () => waves, reset: () => void (waves = 0) };
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Keys matching a pattern: how many, and their mean size by MEMORY USAGE over a sample. */
async function keyFamily(redis: Redis, pattern: string): Promise<{ keys: number; meanBytes: number }> {
  let cursor = '0';
  const found: string[] = [];
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 10_000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  const sample = found.slice(0, 500);
  const sizes = await Promise.all(sample.map((k) => redis.memory('USAGE', k, 'SAMPLES', '0')));
  const mean = sizes.reduce((a: number, b) => a + Number(b ?? 0), 0) / Math.max(1, sample.length);
  return { keys: found.length, meanBytes: Math.round(mean) };
}

async function hashEntries(redis: Redis, key: string): Promise<{ keys: number; meanBytes: number }> {
  const [n, bytes] = await Promise.all([redis.hlen(key), redis.memory('USAGE', key, 'SAMPLES', '0')]);
  return { keys: n, meanBytes: Math.round(Number(bytes ?? 0) / Math.max(1, n)) };
}

async function zsetEntries(redis: Redis, key: string): Promise<{ keys: number; meanBytes: number }> {
  const [n, bytes] = await Promise.all([redis.zcard(key), redis.memory('USAGE', key, 'SAMPLES', '0')]);
  return { keys: n, meanBytes: Math.round(Number(bytes ?? 0) / Math.max(1, n)) };
}

async function inParallel(count: number, run: (i: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await run(next++);
    }),
  );
  return performance.now() - started;
}

async function main(): Promise<void> {
  const redis = await benchRedis();
  const dir = mkdtempSync(join(tmpdir(), 'timers-bench-'));
  writeFileSync(join(dir, 'escala.yaml'), ROSTER);
  const clock = new ManualClock(START);
  const config = loadConfig({
    NODE_ENV: 'production',
    SANDBOX: 'false',
    KAROO_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    KAROO_API_URL: 'http://127.0.0.1:9',
    KAROO_API_TOKEN: 'bench',
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'kb',
    LOG_LEVEL: 'silent',
    ROSTER_FILE: join(dir, 'escala.yaml'),
    // The flows run here, by hand; no worker takes the jobs they queue.
    RUN_WORKERS: 'false',
  });
  const app = await buildApp({ config, clock });
  await app.ready();
  const probe = new Redis(redis.url);
  const logger = pino({ level: 'silent' });
  const { bot } = app;
  const processor = new EventProcessor(new RedisStreamStore(bot.redis, bot.keys), { outbound: bot.outbound, bimer: bot.bimer, timers: bot.timers, events: bot.events, windows: new WhatsAppWindows(bot.redis, bot.keys) }, clock, bot.context, logger);
  try {
    const before = await usedMemory(probe);

    // 1. 100,000 chats open, each arming its idle timer through the real flow.
    const openMs = await inParallel(CHATS, async (i) => {
      const event = customerMessage(i, 0);
      await processor.process(streamOf(event), { kind: 'karoo', event });
    });
    const delayed = await bot.timers.queue.getDelayedCount();
    const afterOpen = await usedMemory(probe);
    const perChat = (afterOpen - before) / CHATS;
    const families = {
      'chat state': await keyFamily(probe, 'kb:state:*'),
      'armed-timer pointers (one hash, per entry)': await hashEntries(probe, 'kb:timers-armed'),
      'timer job (hash)': await keyFamily(probe, 'kb:timers:t|*'),
      'timers delayed set (per entry)': await zsetEntries(probe, 'kb:timers:delayed'),
      'outbox of the message (7 days)': await keyFamily(probe, 'kb:outbox:*'),
      'outbound job (a reply)': await keyFamily(probe, 'kb:karoo-outbound:out*'),
      'Bimer job (a lookup)': await keyFamily(probe, 'kb:bimer:bimer*'),
    };

    // 2. One more message on every chat, a minute later: the flow re-arms each idle timer.
    clock.advance(60_000);
    const rearmAllMs = await inParallel(CHATS, async (i) => {
      const event = customerMessage(i, 1);
      await processor.process(streamOf(event), { kind: 'karoo', event });
    });
    const delayedAfter = await bot.timers.queue.getDelayedCount();
    const afterRearm = await usedMemory(probe);

    // 3. The re-arm alone, one at a time: its round trips and its time.
    const queueConnection = (await bot.timers.queue.client) as unknown as Redis;
    const counter = roundTripCounter([bot.redis, queueConnection]);
    const rearmUs: number[] = [];
    const wavesPer: number[] = [];
    clock.advance(60_000);
    for (let i = 0; i < REARM_SAMPLES; i++) {
      const stream: StreamKey = `chat:ch_${i}`;
      const due = new Date(clock.now().getTime() + 30 * 60_000).toISOString();
      counter.reset();
      const t0 = performance.now();
      await bot.timers.set(stream, `chat|ch_${i}|wake`, due, { dueAt: due });
      rearmUs.push((performance.now() - t0) * 1000);
      wavesPer.push(counter.waves());
    }
    rearmUs.sort((a, b) => a - b);
    wavesPer.sort((a, b) => a - b);

    // 4. 10,000 timers due within the same minute, on the same queue as the 100,000 armed ones,
    // fired by a real timers worker on the real clock: how late is each one?
    const lateness: number[] = [];
    const recorder = {
      enqueueInternal: (_stream: StreamKey, event: InternalEvent) => {
        lateness.push(systemClock.now().getTime() - Date.parse(String(event.data.dueAt)));
        return Promise.resolve();
      },
    } as unknown as EventQueues;
    const workerConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const firing = new Timers(workerConnection, 'kb', bot.redis, bot.keys, systemClock, recorder);
    const windowStart = systemClock.now().getTime() + 15_000;
    await inParallel(DUE_IN_A_MINUTE, async (i) => {
      const due = new Date(windowStart + Math.floor(Math.random() * 60_000)).toISOString();
      await firing.set(`chat:due_${i}`, `chat|due_${i}|wake`, due, { dueAt: due });
    });
    await firing.start(logger);
    while (lateness.length < DUE_IN_A_MINUTE && systemClock.now().getTime() < windowStart + 120_000) await sleep(200);
    await firing.close();
    workerConnection.disconnect();
    lateness.sort((a, b) => a - b);

    const result = {
      machine: machine(),
      chats: CHATS,
      open: { ms: Math.round(openMs), perSecond: Math.round(CHATS / (openMs / 1000)), delayedTimers: delayed },
      memory: {
        bytesPerOpenChat: Math.round(perChat),
        bytesPerOpenChatAfterRearm: Math.round((afterRearm - before) / CHATS),
        families,
      },
      rearm: {
        viaFlowPerSecond: Math.round(CHATS / (rearmAllMs / 1000)),
        delayedTimersAfter: delayedAfter,
        roundTripsMax: wavesPer[wavesPer.length - 1],
        roundTripsP50: percentile(wavesPer, 50),
        p50Us: Math.round(percentile(rearmUs, 50)),
        p99Us: Math.round(percentile(rearmUs, 99)),
        meanUs: Math.round(rearmUs.reduce((a, b) => a + b, 0) / rearmUs.length),
      },
      lateness: {
        fired: lateness.length,
        of: DUE_IN_A_MINUTE,
        p50Ms: percentile(lateness, 50),
        p99Ms: percentile(lateness, 99),
        maxMs: lateness[lateness.length - 1],
      },
      targets: { roundTrips: 2, bytesPerOpenChat: 2048, latenessP99Ms: 1000 },
    };
    const md = [
      `# Timers at scale: ${CHATS.toLocaleString('en')} open chats`,
      '',
      '| measure | value | target |',
      '|---|---|---|',
      `| open a chat (message → flow → state + idle timer) | ${result.open.perSecond}/s, ${result.open.delayedTimers} timers armed | |`,
      `| re-arm through the flow (second message) | ${result.rearm.viaFlowPerSecond}/s, ${result.rearm.delayedTimersAfter} timers armed | one timer per chat |`,
      `| re-arm: Redis round trips | max ${result.rearm.roundTripsMax} (p50 ${result.rearm.roundTripsP50}) | ≤ 2 |`,
      `| re-arm: time | p50 ${result.rearm.p50Us} µs, p99 ${result.rearm.p99Us} µs, mean ${result.rearm.meanUs} µs | |`,
      `| Redis memory per open chat | ${result.memory.bytesPerOpenChat} B (after the re-arm: ${result.memory.bytesPerOpenChatAfterRearm} B) | ≤ 2048 B |`,
      `| lateness of ${DUE_IN_A_MINUTE.toLocaleString('en')} timers due within one minute | fired ${result.lateness.fired}; p50 ${result.lateness.p50Ms} ms, p99 ${result.lateness.p99Ms} ms, max ${result.lateness.maxMs} ms | p99 ≤ 1000 ms |`,
      '',
      'What an open chat keeps in Redis (MEMORY USAGE, mean over a sample):',
      '',
      '| keys | count | mean bytes |',
      '|---|---|---|',
      ...Object.entries(families).map(([name, f]) => `| ${name} | ${f.keys} | ${f.meanBytes} |`),
      '',
      result.machine,
      '',
    ].join('\n');
    writeResults('timers', result, md);
  } finally {
    await app.close();
    probe.disconnect();
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
