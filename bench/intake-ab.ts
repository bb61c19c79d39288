/**
 * `npx tsx bench/intake-ab.ts`: two or more builds of the bot side by side against the floor, in
 * the same run, their rounds interleaved (floor, A, B, floor, A, B…), so a change is measured on
 * its own against this machine's drift, which moves the floor by half between runs (issue 26).
 * Each build is a copy of `dist/` inside the checkout (so it finds `node_modules`), made from the
 * commit to compare:
 *
 *   git stash && npx tsc -p tsconfig.build.json && cp -r dist .ab/before && git stash pop
 *   npx tsc -p tsconfig.build.json && cp -r dist .ab/after
 *   AB_BUILDS=before,after npx tsx bench/intake-ab.ts
 *
 * `AB_RATE` offers a fixed rate (e.g. 4000: then the CPU per event is the steadier figure) instead
 * of saturation; `AB_ROUNDS` (5) and `AB_SECONDS` (6) set the rounds; `AB_WORKERS=true` runs the
 * workers too; `BENCH_BOT_ENV` (JSON) adds to each build's environment (e.g. `{"LOG_LEVEL":"info"}`);
 * `AB_NODE_ARGS_<build>` gives one build Node flags of its own (e.g. `AB_NODE_ARGS_semi=--max-semi-space-size=16`,
 * with `.ab/semi` a copy of the same dist/: a runtime flag measured on its own).
 * Prints, per server, the median events/s and CPU µs per event, and their ratios over the floor's.
 */
import type { BotProcess } from './lib/processes.js';
import { BENCH_SECRET as SECRET, benchBotEnv, BuildProcess, FloorProcess } from './lib/processes.js';
import { benchRedis } from './lib/redis-server.js';
import { loadWebhooks } from './lib/webhook-load.js';

const ROUNDS = Number(process.env.AB_ROUNDS ?? 5);
const SECONDS = Number(process.env.AB_SECONDS ?? 6);
const RATE = Number(process.env.AB_RATE ?? 0);
const BUILDS = (process.env.AB_BUILDS ?? '').split(',').filter(Boolean);

function load(url: string, seconds: number) {
  return loadWebhooks(url, { seconds, connections: 32, rate: RATE, count: Math.ceil((RATE || 9000) * seconds * 1.2) });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  if (BUILDS.length === 0) throw new Error('AB_BUILDS names the builds to compare, copies of dist/ under .ab/ (see the header of bench/intake-ab.ts)');
  const redis = await benchRedis();
  const env = { REDIS_URL: redis.url, KAROO_WEBHOOK_SECRET: SECRET };
  const servers: [string, BotProcess][] = [['floor', new FloorProcess(env)]];
  for (const [i, dir] of BUILDS.entries()) {
    const botEnv = { ...env, KAROO_API_URL: 'http://127.0.0.1:9', KAROO_API_TOKEN: 'bench', QUEUE_PREFIX: `ab-${i}-${process.pid}`, RATE_LIMIT_MAX: '1000000', RUN_WORKERS: process.env.AB_WORKERS ?? 'false', ...benchBotEnv() };
    servers.push([dir, new BuildProcess(botEnv, dir)]);
  }
  const results = new Map<string, { rps: number[]; cpu: number[]; bad: number }>();
  try {
    const urls = new Map<string, string>();
    for (const [name, server] of servers) urls.set(name, await server.start());
    for (const [name] of servers) await load(urls.get(name) ?? '', 3); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, server] of servers) {
        const before = server.cpuSeconds();
        const r = await load(urls.get(name) ?? '', SECONDS);
        const entry = results.get(name) ?? { rps: [], cpu: [], bad: 0 };
        entry.rps.push(Math.round(r.requests.average));
        entry.cpu.push(Math.round(((server.cpuSeconds() - before) * 1e6) / Math.max(1, r['2xx'])));
        entry.bad += r.non2xx + r.errors;
        results.set(name, entry);
        console.error(`round ${round + 1}: ${name} ${entry.rps.at(-1)} events/s, ${entry.cpu.at(-1)} µs CPU per event`);
      }
    }
    const floor = results.get('floor') ?? { rps: [1], cpu: [1], bad: 0 };
    console.log(`${RATE > 0 ? `${RATE} events/s offered` : 'saturation, 32 connections'}, ${ROUNDS} rounds of ${SECONDS} s, medians:`);
    for (const [name, r] of results) {
      const perRound = r.rps.map((x, i) => (x / (floor.rps[i] ?? 1)).toFixed(2)).join(' ');
      console.log(`${name}: ${median(r.rps)} events/s (${(median(r.rps) / median(floor.rps)).toFixed(2)} of the floor; per round ${perRound}), ${median(r.cpu)} µs CPU per event (the floor's over it: ${(median(floor.cpu) / median(r.cpu)).toFixed(2)}), non-2xx and errors ${r.bad}`);
    }
  } finally {
    for (const [, server] of servers) await server.kill('SIGTERM');
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
