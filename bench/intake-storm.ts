/**
 * `npm run bench:intake:storm`: the intake at saturation as issue 26 measured it from outside, and
 * as a storm hits it: the bot as `npm start` runs it (Redis with AOF, as scripts/local-redis.sh
 * starts it; the workers on; `LOG_LEVEL=info`), its rounds back to back with no wait for the
 * backlog to drain (each round's events are applied during and between the next ones), against
 * the floor's rounds on the same Redis just before. `bench:intake` waits for the full bot's drain
 * after each round; a storm does not.
 *
 * Each build gets a fresh Redis: floor rounds, then the bot's rounds. `STORM_BUILDS` lists copies of
 * `dist/` under `.ab/` (as in bench/intake-ab.ts) to compare side by side, each run `STORM_REPEAT`
 * times in turn (A, B, A, B…); by default the checkout's `dist/`, built first. `STORM_ROUNDS` (4)
 * rounds of `STORM_SECONDS` (8) s. Per round: events/s, p99, the AOF rewrites Redis forked, and the
 * backlog left (intake streams and event jobs not done). Results: bench/results/intake-storm.json and .md.
 */
import type autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { Backlog } from './lib/backlog.js';
import { BENCH_SECRET as SECRET, benchBotEnv, buildBot, BuildProcess, FloorProcess } from './lib/processes.js';
import { RedisProcess } from './lib/redis-server.js';
import { machine, writeResults } from './lib/results.js';
import { loadWebhooks } from './lib/webhook-load.js';

const ROUNDS = Number(process.env.STORM_ROUNDS ?? 4);
const SECONDS = Number(process.env.STORM_SECONDS ?? 8);
const REPEAT = Number(process.env.STORM_REPEAT ?? 1);
const BUILDS = (process.env.STORM_BUILDS ?? '').split(',').filter(Boolean);

interface Round {
  eventsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** AOF rewrites Redis forked during the round. */
  aofRewrites: number;
  /** Accepted and not yet applied when the round ended: in the intake streams and waiting in the event queues. */
  backlog: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function load(url: string): Promise<autocannon.Result> {
  return loadWebhooks(url, { seconds: SECONDS, connections: 32, rate: 0, count: Math.ceil(9000 * SECONDS * 1.2) });
}

async function aofRewrites(redis: Redis): Promise<number> {
  return Number(/^aof_rewrites:(\d+)/m.exec(await redis.info('persistence'))?.[1] ?? 0);
}

async function rounds(url: string, redis: Redis, prefix: string | null): Promise<Round[]> {
  const out: Round[] = [];
  const backlog = prefix ? new Backlog(redis, prefix) : null;
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const rewrites = await aofRewrites(redis);
      const r = await load(url);
      out.push({
        eventsPerSecond: Math.round(r.requests.average),
        p99Ms: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
        aofRewrites: (await aofRewrites(redis)) - rewrites,
        backlog: backlog ? await backlog.count() : 0,
      });
      console.error(`${prefix ?? 'floor'} round ${i + 1}: ${JSON.stringify(out.at(-1))}`);
    }
  } finally {
    await backlog?.close();
  }
  return out;
}

async function runBuild(dir: string, run: number): Promise<{ build: string; floor: Round[]; bot: Round[]; ratio: number }> {
  // Redis as `npm start` runs it: AOF, fsync every second.
  const redisServer = new RedisProcess({ aof: true });
  const redisUrl = await redisServer.start();
  const probe = new Redis(redisUrl);
  const prefix = `storm-${run}`;
  const env = { REDIS_URL: redisUrl, KAROO_WEBHOOK_SECRET: SECRET };
  const floor = new FloorProcess(env);
  const bot = new BuildProcess({ ...env, KAROO_API_URL: 'http://127.0.0.1:9', KAROO_API_TOKEN: 'bench', QUEUE_PREFIX: prefix, RATE_LIMIT_MAX: '1000000', RUN_WORKERS: 'true', LOG_LEVEL: 'info', ...benchBotEnv() }, dir);
  try {
    const floorUrl = await floor.start();
    await loadWebhooks(floorUrl, { seconds: 3, connections: 32, rate: 0, count: 30000 }); // warm-up
    const floorRounds = await rounds(floorUrl, probe, null);
    await floor.kill('SIGTERM');
    const botUrl = await bot.start();
    await loadWebhooks(botUrl, { seconds: 3, connections: 32, rate: 0, count: 30000 }); // warm-up (its backlog drains during the rounds)
    const botRounds = await rounds(botUrl, probe, prefix);
    const ratio = Math.round((median(botRounds.map((r) => r.eventsPerSecond)) / median(floorRounds.map((r) => r.eventsPerSecond))) * 100) / 100;
    return { build: dir, floor: floorRounds, bot: botRounds, ratio };
  } finally {
    await Promise.all([floor.kill('SIGTERM'), bot.kill('SIGTERM')]);
    probe.disconnect();
    await redisServer.stop();
  }
}

async function main(): Promise<void> {
  const builds = BUILDS.length > 0 ? BUILDS : ['dist'];
  if (BUILDS.length === 0) buildBot();
  const runs: Awaited<ReturnType<typeof runBuild>>[] = [];
  for (let k = 0; k < REPEAT; k++) for (const dir of builds) runs.push(await runBuild(dir, runs.length));
  const row = (name: string, r: Round[]) => `| ${name} | ${r.map((x) => x.eventsPerSecond).join(' · ')} | ${r.map((x) => x.p99Ms).join(' · ')} | ${r.map((x) => x.aofRewrites).join(' · ')} | ${r.map((x) => x.backlog).join(' · ')} | ${r.reduce((n, x) => n + x.non2xx + x.errors, 0)} |`;
  const md = [
    `# Intake in a storm: ${ROUNDS} rounds of ${SECONDS} s back to back at saturation (32 connections), Redis with AOF, the full bot`,
    '',
    '| server | events/s per round | p99 ms per round | AOF rewrites per round | backlog after each round | non-2xx and errors |',
    '|---|---|---|---|---|---|',
    ...runs.flatMap((r) => [row(`floor (before ${r.build})`, r.floor), `${row(`${r.build} (ratio of the medians **${r.ratio}**)`, r.bot)}`]),
    '',
    `${machine()}.`,
    '',
  ].join('\n');
  writeResults('intake-storm', { machine: machine(), rounds: ROUNDS, seconds: SECONDS, runs }, md);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
