import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from './processes.js';

/** As scripts/local-redis.sh and docker-compose.yml run Redis (BENCH_REDIS_DEFAULTS=1 to compare with stock settings). */
const REDIS_TUNING = process.env.BENCH_REDIS_DEFAULTS ? [] : ['--maxmemory-policy', 'noeviction', '--hash-max-ziplist-value', '512'];

let installed = false;

/**
 * Debian's redis-server installed if it is missing, as `npm test` and `npm start` do
 * (scripts/ensure-redis.sh), so a bench runs on a fresh machine; its message if that fails.
 */
function ensureRedisServer(): void {
  if (installed) return;
  execFileSync('bash', [fileURLToPath(new URL('../../scripts/ensure-redis.sh', import.meta.url))], { stdio: 'inherit' });
  installed = true;
}

/**
 * A throw-away redis-server (Debian's, as the tests use) that a bench can kill and restart on
 * the same port and data folder; with `aof` the restart reloads what was written.
 */
export class RedisProcess {
  private child: ChildProcess | null = null;
  url = '';
  private port = 0;
  private readonly dir = mkdtempSync(join(tmpdir(), 'karoo-bot-bench-'));

  constructor(private readonly options: { aof?: boolean } = {}) {}

  async start(): Promise<string> {
    ensureRedisServer();
    if (!this.port) this.port = await freePort();
    const aof = this.options.aof ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no'];
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...aof, ...REDIS_TUNING, '--dir', this.dir], { stdio: 'ignore' });
    this.url = `redis://127.0.0.1:${this.port}`;
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    for (let i = 0; ; i++) {
      try {
        await probe.connect();
        // With AOF the server answers LOADING until the file is read.
        await probe.ping();
        break;
      } catch {
        probe.disconnect();
        if (i > 200) throw new Error('redis-server did not start (run scripts/ensure-redis.sh)');
        await sleep(50);
      }
    }
    probe.disconnect();
    return this.url;
  }

  /** SIGKILL: no shutdown save; with AOF everysec at most the last second is lost. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The bench's Redis: REDIS_URL when given, else a throw-away server. */
export async function benchRedis(options: { aof?: boolean } = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: () => Promise.resolve() };
  const server = new RedisProcess(options);
  const url = await server.start();
  return { url, stop: () => server.stop() };
}
