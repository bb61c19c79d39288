import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Compiles the bot once (`npm run build`), so the benches measure what production runs. */
export function buildBot(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}

export const BENCH_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** The built bot (`node dist/server.js`) as a child process, configured by environment. */
export class BotProcess {
  child: ChildProcess | null = null;
  url = '';
  exits = 0;

  /** Its own copy: the port it takes at its first start is kept for a restart, and never shared with another process. */
  private readonly env: Record<string, string>;

  constructor(
    env: Record<string, string>,
    /** Node options of this process alone (the intake bench's profiled round: `--cpu-prof`), before `BENCH_NODE_ARGS`. */
    protected readonly nodeArgs: readonly string[] = [],
  ) {
    this.env = { ...env };
  }

  async start(): Promise<string> {
    const port = Number(this.env.PORT) || (await freePort());
    this.env.PORT = String(port);
    const child = spawn(process.execPath, this.command(), {
      env: { PATH: process.env.PATH ?? '', ENV_FILE: '', NODE_ENV: 'production', SANDBOX: 'false', LOG_LEVEL: 'warn', KAROO_WEBHOOK_SECRET: BENCH_SECRET, ...this.env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', () => {
      this.exits += 1;
    });
    this.child = child;
    this.url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        const res = await fetch(`${this.url}/readyz`);
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} at start`);
      if (i > 2400) throw new Error('the bot did not become ready in 2 minutes');
      await sleep(50);
    }
    return this.url;
  }

  /** This process's Node options, then `BENCH_NODE_ARGS` ("--cpu-prof" profiles every process of a bench; the profile lands in the cwd). */
  protected nodeOptions(): string[] {
    return [...this.nodeArgs, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  }

  protected command(): string[] {
    // As scripts/start.sh and the Dockerfile run it.
    return [...this.nodeOptions(), '--enable-source-maps', `--max-old-space-size=${process.env.NODE_MAX_OLD_SPACE_MB ?? 128}`, 'dist/server.js'];
  }

  /** Resident memory of the bot process, in MB (Linux /proc). */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.child?.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  }

  /** CPU time the process has used so far, user and system, in seconds (Linux /proc, 100 ticks a second). */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.child?.pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces, in parentheses): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
}

/**
 * A build of the bot: the checkout's `dist/server.js` (`dir` "dist"), or a copy of `dist/` under
 * `.ab/<dir>` (bench/intake-ab.ts, bench/intake-storm.ts: builds compared side by side);
 * `AB_NODE_ARGS_<dir>` gives it Node flags of its own.
 */
export class BuildProcess extends BotProcess {
  constructor(
    env: Record<string, string>,
    private readonly dir: string,
  ) {
    super(env);
  }
  protected override command(): string[] {
    const own = (process.env[`AB_NODE_ARGS_${this.dir}`] ?? '').split(' ').filter(Boolean);
    const server = this.dir === 'dist' ? 'dist/server.js' : `.ab/${this.dir}/server.js`;
    return [...this.nodeOptions(), '--enable-source-maps', `--max-old-space-size=${process.env.NODE_MAX_OLD_SPACE_MB ?? 128}`, ...own, server];
  }
}

/** The intake bench's floor (bench/floor-server.ts) as a child process. */
export class FloorProcess extends BotProcess {
  protected override command(): string[] {
    return [...this.nodeOptions(), '--import', 'tsx', 'bench/floor-server.ts'];
  }
}

/** `BENCH_BOT_ENV` (JSON): variables added to, or overriding, the benched bot's environment. */
export function benchBotEnv(): Record<string, string> {
  return process.env.BENCH_BOT_ENV ? (JSON.parse(process.env.BENCH_BOT_ENV) as Record<string, string>) : {};
}
