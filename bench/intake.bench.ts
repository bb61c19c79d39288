/**
 * `npm run bench:intake`: signed `message.created` webhooks, each with its own webhook-id, from
 * autocannon at saturation (32 connections, as fast as each answers; `BENCH_RATE` caps the rate
 * instead) against, in the same run and round after round: the floor (a bare Fastify route that
 * only verifies the signature, does one Redis SET NX and answers 202), an intake-only bot
 * (`node dist/server.js`, `RUN_WORKERS=false`: webhook, dedupe, enqueue) and a full one (the
 * workers draining the queues in the same process). Each bot's events/s over the floor's is its
 * ratio (medians of the rounds). Then one more round against the three started afresh with
 * `--cpu-prof`, kept out of the ratios: where each one's CPU went during its round (and the full
 * bot's during the drain after it), by package or file (`BENCH_PROFILE=0` skips it). At a fixed rate (`BENCH_RATE=2000 BENCH_CONNECTIONS=50`, issue
 * 7's measure) the full bot's targets are checked: ratio ≥ 0.6 and p99 ≤ 20 ms (exit 1 past
 * them). Results: bench/results/intake.json and .md.
 */
import type autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Backlog } from './lib/backlog.js';
import { BENCH_SECRET as SECRET, benchBotEnv, BotProcess, buildBot, FloorProcess } from './lib/processes.js';
import { loadWebhooks } from './lib/webhook-load.js';
import { benchRedis } from './lib/redis-server.js';
import { machine, writeResults } from './lib/results.js';
import { monotonicUs, summariseProfile, type ProfileShare, type Window } from './lib/profile-summary.js';

/** 0: saturation (no rate limit on the load generator). */
const RATE = Number(process.env.BENCH_RATE ?? 0);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** `BENCH_PROFILE=0` skips the profiled round after the measured ones. */
const PROFILE = process.env.BENCH_PROFILE !== '0';

function load(url: string, seconds = SECONDS): Promise<autocannon.Result> {
  // At saturation the floor answers some thousands a second: enough bodies for 8,000/s.
  return loadWebhooks(url, { seconds, connections: CONNECTIONS, rate: RATE, count: Math.ceil((RATE || 8000) * seconds * 1.2) });
}

type Summary = ReturnType<typeof summary>;

/**
 * A round against one server, with the CPU that server spent on it: during the round, and for
 * the full bot until it has applied every event (`settle`), so deferred work is counted too.
 */
async function measured(name: string, server: BotProcess, url: string, redis: Redis, settle?: () => Promise<void>): Promise<Summary> {
  const before = server.cpuSeconds();
  const redisBefore = await redisCpuSeconds(redis);
  const r = await load(url);
  await settle?.();
  return summary(name, r, server.cpuSeconds() - before, (await redisCpuSeconds(redis)) - redisBefore);
}

/** The CPU the Redis server has used so far (user and system, its main thread and the others), in seconds. */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

function summary(name: string, r: autocannon.Result, cpuSeconds: number, redisCpuSeconds: number) {
  return {
    name,
    offeredPerSecond: RATE,
    eventsPerSecond: Math.round(r.requests.average),
    /** The server's CPU per answered event, in microseconds: steadier than events/s on a shared machine. */
    cpuUsPerEvent: Math.round((cpuSeconds * 1e6) / Math.max(1, r['2xx'])),
    /** Redis's CPU per answered event (the two cores are shared: what Redis spends, the server cannot). */
    redisCpuUsPerEvent: Math.round((redisCpuSeconds * 1e6) / Math.max(1, r['2xx'])),
    accepted2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
  };
}

function medianOf(name: string, runs: Summary[]): Summary {
  const mid = (pick: (r: ReturnType<typeof summary>) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };
  return {
    name,
    offeredPerSecond: RATE,
    eventsPerSecond: mid((r) => r.eventsPerSecond),
    cpuUsPerEvent: mid((r) => r.cpuUsPerEvent),
    redisCpuUsPerEvent: mid((r) => r.redisCpuUsPerEvent),
    accepted2xx: runs.reduce((n, r) => n + r.accepted2xx, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    p50Ms: mid((r) => r.p50Ms),
    p99Ms: mid((r) => r.p99Ms),
    maxMs: mid((r) => r.maxMs),
  };
}

/**
 * Waits until the full bot has applied every event it accepted: its backlog would otherwise run
 * during the next round of the others and take their CPU.
 */
async function drained(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  const backlog = new Backlog(redis, prefix);
  try {
    for (let i = 0; i < 1200; i++) {
      if ((await backlog.count()) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the full bot did not drain its intake and event queues in 5 minutes');
  } finally {
    await backlog.close();
    redis.disconnect();
  }
}

type Servers = { floor: BotProcess; intake: BotProcess; full: BotProcess };

/** Where each server's CPU went during one more round, profiled (`--cpu-prof`), not counted in the ratios. */
interface ProfiledRound {
  server: string;
  /** The stretch summed up: the round itself, or the full bot's drain after it. */
  stretch: string;
  eventsPerSecond: number;
  seconds: number;
  shares: ProfileShare[];
}

/**
 * One round against servers started afresh with `--cpu-prof` (sampling costs them a little, so
 * these rounds stay out of the ratios): each profile is cut to its own round, and the full bot's
 * also to the drain after it, where the deferred work runs.
 */
async function profiledRound(make: (nodeArgs: string[]) => Servers, drain: () => Promise<void>): Promise<ProfiledRound[]> {
  // BENCH_PROFILE_DIR keeps the profiles (for Chrome's DevTools or `bench/lib/profile-summary.ts`); otherwise a temporary folder.
  const kept = process.env.BENCH_PROFILE_DIR;
  const dir = kept ? (mkdirSync(kept, { recursive: true }), kept) : mkdtempSync(join(tmpdir(), 'karoo-bench-prof-'));
  const servers = make([`--cpu-prof`, `--cpu-prof-dir=${dir}`]);
  const windows: { server: keyof Servers; stretch: string; window: Window; eventsPerSecond: number }[] = [];
  try {
    const urls = { floor: await servers.floor.start(), intake: await servers.intake.start(), full: await servers.full.start() };
    for (const url of Object.values(urls)) await load(url, 3);
    await drain();
    for (const name of ['floor', 'intake', 'full'] as const) {
      const fromUs = monotonicUs();
      const r = await load(urls[name]);
      const toUs = monotonicUs();
      windows.push({ server: name, stretch: 'round', window: { fromUs, toUs }, eventsPerSecond: Math.round(r.requests.average) });
      if (name === 'full') {
        await drain();
        windows.push({ server: name, stretch: 'drain after the round', window: { fromUs: toUs, toUs: monotonicUs() }, eventsPerSecond: 0 });
      }
    }
    const pids = Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, s.child?.pid]));
    await Promise.all(Object.values(servers).map((s) => s.kill('SIGTERM')));
    // One profile per thread: the main thread's is `CPU.<date>.<time>.<pid>.0.<n>.cpuprofile`.
    const files = readdirSync(dir);
    if (kept) console.log(`profiles kept in ${dir}: ${JSON.stringify(windows.map((w) => ({ server: w.server, pid: pids[w.server], stretch: w.stretch, ...w.window })))}`);
    return windows.map(({ server, stretch, window, eventsPerSecond }) => {
      const file = files.find((f) => f.includes(`.${pids[server]}.0.`));
      if (!file) throw new Error(`no CPU profile was written for ${server}`);
      const { seconds, shares } = summariseProfile(join(dir, file), window);
      return { server, stretch, eventsPerSecond, seconds, shares };
    });
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.kill('SIGKILL')));
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

function profileMarkdown(profiles: readonly ProfiledRound[]): string[] {
  if (profiles.length === 0) return [];
  return [
    `## Where the CPU went: one more round of ${SECONDS} s per server, profiled (\`--cpu-prof\`; not in the ratios)`,
    '',
    ...profiles.map((p) => `- **${p.server}, ${p.stretch}** (${p.seconds} s${p.eventsPerSecond ? `, ${p.eventsPerSecond} events/s` : ''}): ${p.shares.map((s) => `${s.where} ${s.percent}%`).join(' · ')}`),
    '',
  ];
}

async function main(): Promise<void> {
  buildBot();
  const redis = await benchRedis();
  const env = { REDIS_URL: redis.url, KAROO_WEBHOOK_SECRET: SECRET };
  const botEnv = (name: string, runWorkers: boolean) => ({
    ...env,
    KAROO_API_URL: 'http://127.0.0.1:9',
    KAROO_API_TOKEN: 'bench',
    QUEUE_PREFIX: `bench-${name}-${process.pid}`,
    RATE_LIMIT_MAX: '100000',
    RUN_WORKERS: String(runWorkers),
    ...benchBotEnv(),
  });
  // Each runs as its own process: the load generator has this one to itself.
  const servers = (nodeArgs: string[] = []): Servers => ({
    floor: new FloorProcess(env, nodeArgs),
    intake: new BotProcess(botEnv('intake', false), nodeArgs),
    full: new BotProcess(botEnv('full', true), nodeArgs),
  });
  const { floor, intake, full } = servers();
  const fullPrefix = `bench-full-${process.pid}`;
  const probe = new Redis(redis.url);
  try {
    const urls = { floor: await floor.start(), intake: await intake.start(), full: await full.start() };
    for (const url of Object.values(urls)) await load(url, 3); // warm-up: the load generator, then each server's JIT
    await drained(redis.url, fullPrefix);
    // Several rounds, the three back to back in a rotating order: on two shared cores one run is
    // noisy, so every round is printed and the medians are what the ratios are computed from.
    const rounds: { floor: Summary; intake: Summary; full: Summary }[] = [];
    const measure = {
      floor: (i: number) => measured(`floor, round ${i + 1}`, floor, urls.floor, probe),
      intake: (i: number) => measured(`intake only (RUN_WORKERS=false), round ${i + 1}`, intake, urls.intake, probe),
      full: (i: number) => measured(`full bot (workers running), round ${i + 1}`, full, urls.full, probe, () => drained(redis.url, fullPrefix)),
    };
    const names = ['floor', 'intake', 'full'] as const;
    for (let i = 0; i < ROUNDS; i++) {
      // Each round starts with the next server (floor first, then the intake-only bot, then the
      // full one): no server always follows the full bot's drain or always runs first.
      const round: Partial<Record<(typeof names)[number], Summary>> = {};
      for (let k = 0; k < names.length; k++) {
        const name = names[(i + k) % names.length] as (typeof names)[number];
        round[name] = await measure[name](i);
      }
      const { floor: f, intake: o, full: b } = round;
      if (!f || !o || !b) throw new Error('a round missed a server');
      rounds.push({ floor: f, intake: o, full: b });
    }
    const rssMb = { intakeOnly: intake.rssMb(), full: full.rssMb() };
    await Promise.all([full, intake, floor].map((s) => s.kill('SIGTERM')));
    const profiles = PROFILE ? await profiledRound(servers, () => drained(redis.url, fullPrefix)) : [];
    const floorResult = medianOf('floor (verify + SET NX + 202), median', rounds.map((r) => r.floor));
    const intakeResult = medianOf('intake only (verify + compiled check + one script: dedupe and stream append + 202), median', rounds.map((r) => r.intake));
    const fullResult = medianOf('full bot (the same, the pump and the workers draining), median', rounds.map((r) => r.full));
    const ratio = (r: Summary) => Math.round((r.eventsPerSecond / floorResult.eventsPerSecond) * 100) / 100;
    const ratios = { intakeOnly: ratio(intakeResult), full: ratio(fullResult) };
    // The same comparison by CPU spent per event (the floor's over the bot's): what each event costs the server, whatever the load generator and Redis took from the two cores.
    const cpuRatio = (r: Summary) => Math.round((floorResult.cpuUsPerEvent / Math.max(1, r.cpuUsPerEvent)) * 100) / 100;
    const cpuRatios = { intakeOnly: cpuRatio(intakeResult), full: cpuRatio(fullResult) };
    const offered = RATE > 0 ? `${RATE} events/s offered` : `saturation, ${CONNECTIONS} connections`;
    const result = { machine: machine(), load: offered, seconds: SECONDS, rounds, floor: floorResult, intakeOnly: intakeResult, full: fullResult, ratios, cpuRatios, rssMb, profiles };
    const rows = [...rounds.flatMap((r) => [r.floor, r.intake, r.full]), floorResult, intakeResult, fullResult];
    const md = [
      `# Webhook intake, ${offered}, ${ROUNDS} rounds of ${SECONDS} s`,
      '',
      '| | events/s | server CPU µs/event | Redis CPU µs/event | p50 ms | p99 ms | max ms | non-2xx | errors |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.name} | ${r.eventsPerSecond} | ${r.cpuUsPerEvent} | ${r.redisCpuUsPerEvent} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.non2xx} | ${r.errors} |`),
      '',
      `Ratios over the floor (medians): intake only **${ratios.intakeOnly}**, full bot **${ratios.full}**; by CPU per event (the floor's over the bot's): intake only ${cpuRatios.intakeOnly}, full bot ${cpuRatios.full}; RSS ${result.rssMb.intakeOnly} MB and ${result.rssMb.full} MB. ${result.machine}.`,
      '',
      ...profileMarkdown(profiles),
    ].join('\n');
    writeResults('intake', result, md);
    if (RATE > 0) {
      const met = ratios.full >= 0.6 && fullResult.p99Ms <= 20;
      console.log(`full bot at ${RATE}/s: ratio ${ratios.full} (target ≥ 0.6), p99 ${fullResult.p99Ms} ms (target ≤ 20 ms): ${met ? 'met' : 'NOT met'}`);
      if (!met) process.exitCode = 1;
    }
  } finally {
    probe.disconnect();
    await full.kill('SIGTERM');
    await intake.kill('SIGTERM');
    await floor.kill('SIGTERM');
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
