import fp from 'fastify-plugin';
import type { Worker } from 'bullmq';
import type { AdjustableClock } from '../clock.js';
import { clockRewinder } from '../sandbox/sandbox-clock.js';
import { sandboxPlugin, SandboxStore } from '../sandbox/sandbox-plugin.js';
import { sandboxReset } from '../sandbox/sandbox-reset.js';
import { sandboxRoster } from '../sandbox/sandbox-roster.js';
import { simulatorPlugin } from '../sandbox/simulator.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The sandbox's Karoo and Bimer, when the bot runs in sandbox mode. */
    sandbox: SandboxStore | null;
  }
}

export interface SandboxOptions {
  /** The sandbox's clock, which the simulator moves forward. */
  clock: AdjustableClock | null;
}

/**
 * Sandbox mode: Karoo and Bimer stand-ins under /sandbox, the simulator page, and a sample roster
 * when none is configured. Nothing reaches a real customer.
 */
export default fp<SandboxOptions>(
  async (app, { clock }) => {
    const { config } = app;
    if (!config.sandbox || !clock) {
      app.decorate('sandbox', null);
      return;
    }
    const store = new SandboxStore(app.redis.request, app.redis.keys);
    const { followUp, reseller } = config.settings.templates;
    // The protocols of the sandbox's Bimer carry the bot clock's day, in the business time zone.
    const today = () => app.flowContext.current().calendar.localDate(clock.now()).replace(/-/g, '');
    await app.register(sandboxPlugin, { store, now: () => clock.now(), today, approved: [followUp, reseller].filter((t): t is string => t !== null) });
    const generateRoster = () => {
      if (config.settings.files.roster) return;
      const roster = sandboxRoster(app.flowContext.current().calendar, clock.now());
      app.flowContext.roster.set(roster);
      app.log.info({ shifts: roster.shifts.length, staff: roster.staff.length }, 'SANDBOX: a plantão roster was generated for the weekends and holidays of the next 60 days (no ROSTER_FILE)');
    };
    const rewind = clockRewinder(clock); // before any move: where the sandbox began
    const { events, outbound, timers } = app.queues;
    const { eventWorkers, outboundWorker, bimerWorker } = app.workers;
    const reset = sandboxReset({
      redis: app.redis.request,
      prefix: config.settings.redis.prefix,
      workers: () => [...(eventWorkers?.workers ?? []), ...(outboundWorker?.workers ?? []), bimerWorker?.worker, timers.worker].filter((w): w is Worker => Boolean(w)),
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
    await app.register(simulatorPlugin, {
      store,
      clock,
      timers,
      context: () => app.flowContext.current(),
      secret: config.settings.webhook.secrets[0] as string,
      reset,
    });
    generateRoster();
    app.log.warn(
      { karoo: config.KAROO_API_URL, bimer: config.BIMER_API_URL },
      'SANDBOX MODE: Karoo and Bimer are the local stand-ins under /sandbox; nothing reaches a real customer. Never run this in production (set SANDBOX=false and the real credentials).',
    );
    app.decorate('sandbox', store);
  },
  { name: 'sandbox', fastify: '5.x', dependencies: ['redis', 'queues', 'flow-context', 'workers', 'security'] },
);
