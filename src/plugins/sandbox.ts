import fp from 'fastify-plugin';
import type { Worker } from 'bullmq';
import type { AdjustableClock } from '../clock.js';
import { clockRewinder, SandboxClock } from '../sandbox/sandbox-clock.js';
import { SandboxStore } from '../sandbox/sandbox-store.js';
import { sandboxReset } from '../sandbox/sandbox-reset.js';
import { sandboxRoster } from '../sandbox/sandbox-roster.js';

/** What the sandbox's routes (`routes/sandbox-standins.ts`, `routes/simulator.ts`) work with. */
export interface SandboxRuntime {
  /** The stand-ins' memory: the Karoo calls the bot made, and Bimer's records. */
  store: SandboxStore;
  /** The sandbox's clock, which the simulator moves forward. */
  clock: AdjustableClock;
  /** The bot clock's day in the business time zone (`YYYYMMDD`): it dates the protocols of the tickets created. */
  today: () => string;
  /** The templates the sandbox's Karoo holds approved (the configured ones), as the real one would. */
  approved: string[];
  /** Puts the sandbox back to a fresh start (see sandbox-reset.ts). */
  reset: () => Promise<{ keys: number }>;
  /** Keeps where the clock stands, for the next start of the process (after every move of the simulator). */
  keepClock: () => Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The sandbox, when the bot runs in sandbox mode (null otherwise). */
    sandbox: SandboxRuntime | null;
  }
}

export interface SandboxOptions {
  /** The sandbox's clock, which the simulator moves forward. */
  clock: AdjustableClock | null;
}

/**
 * Sandbox mode: the stand-ins' memory, the reset, and a sample roster when none is configured
 * (the routes that serve them are in src/routes/). Nothing reaches a real customer.
 */
export default fp<SandboxOptions>(
  async (app, { clock }) => {
    const { config } = app;
    if (!config.sandbox || !clock) {
      app.decorate('sandbox', null);
      return;
    }
    const store = new SandboxStore(app.redis.request, app.redis.keys);
    await store.load();
    const rewind = clockRewinder(clock); // before any move: where the sandbox began
    // A restart goes on at the simulated instant (the timers in Redis were armed for it), not at the real time.
    if (clock instanceof SandboxClock && store.clockOffsetMs > 0) {
      clock.offset = store.clockOffsetMs;
      app.log.warn({ now: clock.now().toISOString() }, 'SANDBOX: the clock goes on where the simulator had moved it (Reiniciar puts it back to the real time)');
    }
    const { followUp, reseller } = config.settings.templates;
    const generateRoster = () => {
      if (config.settings.files.roster) return;
      const roster = sandboxRoster(app.flowContext.current().calendar, clock.now());
      app.flowContext.roster.set(roster);
      app.log.info({ shifts: roster.shifts.length, staff: roster.staff.length }, 'SANDBOX: a plantão roster was generated for the weekends and holidays of the next 60 days (no ROSTER_FILE)');
    };
    const { events, outbound, timers } = app.queues;
    const { eventWorkers, outboundWorker, bimerWorker, pump } = app.workers;
    const reset = sandboxReset({
      redis: app.redis.request,
      prefix: config.settings.redis.prefix,
      workers: () => [...(eventWorkers?.workers ?? []), ...(outboundWorker?.workers ?? []), bimerWorker?.worker, timers.worker].filter((w): w is Worker => Boolean(w)),
      pump,
      initQueues: async () => {
        await Promise.all([events.init(), outbound.init()]);
      },
      afterWipe: () => {
        store.clear();
        rewind();
        generateRoster();
        app.log.warn({ now: clock.now().toISOString() }, 'SANDBOX: the simulator reset the sandbox (every key under the prefix, the clock, the stand-ins)');
      },
    });
    generateRoster();
    app.log.warn(
      { karoo: config.KAROO_API_URL, bimer: config.BIMER_API_URL },
      'SANDBOX MODE: Karoo and Bimer are the local stand-ins under /sandbox; nothing reaches a real customer. Never run this in production (set SANDBOX=false and the real credentials).',
    );
    app.decorate('sandbox', {
      store,
      clock,
      // The protocols of the sandbox's Bimer carry the bot clock's day, in the business time zone.
      today: () => app.flowContext.current().calendar.localDate(clock.now()).replace(/-/g, ''),
      approved: [followUp, reseller].filter((t): t is string => t !== null),
      reset,
      keepClock: async () => {
        if (clock instanceof SandboxClock) await store.saveClockOffset(clock.offset);
      },
    });
  },
  { name: 'sandbox', fastify: '5.x', dependencies: ['redis', 'queues', 'flow-context', 'workers'] },
);
