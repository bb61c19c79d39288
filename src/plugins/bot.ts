import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { FlowContext } from '../flows/context.js';
import type { Keys } from '../store/keys.js';
import type { RosterSource } from '../files/roster-source.js';
import type { BimerQueue, BimerWorker } from '../scheduler/bimer-queue.js';
import type { EventQueues } from '../scheduler/event-queues.js';
import type { EventWorkers } from '../scheduler/event-workers.js';
import type { OutboundQueue } from '../scheduler/outbound-queue.js';
import type { OutboundWorker } from '../scheduler/outbound-worker.js';
import type { Timers } from '../scheduler/timers.js';

/** The running bot in one object, for the scripts, the benches and the tests that look inside. */
export interface BotRuntime {
  config: Config;
  clock: Clock;
  redis: Redis;
  keys: Keys;
  events: EventQueues;
  outbound: OutboundQueue;
  bimer: BimerQueue;
  timers: Timers;
  /** The flow context in force (calendar, roster, settings); it changes when the roster is reloaded. */
  context: () => FlowContext;
  roster: RosterSource;
  eventWorkers: EventWorkers | null;
  outboundWorker: OutboundWorker | null;
  bimerWorker: BimerWorker | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    bot: BotRuntime;
  }
}

export default fp(
  (app, _opts, done) => {
    app.decorate('bot', {
      config: app.config,
      clock: app.clock,
      redis: app.redis.request,
      keys: app.redis.keys,
      ...app.queues,
      context: () => app.flowContext.current(),
      roster: app.flowContext.roster,
      eventWorkers: app.workers.eventWorkers,
      outboundWorker: app.workers.outboundWorker,
      bimerWorker: app.workers.bimerWorker,
    });
    app.addHook('onReady', (ready) => {
      const { queues } = app.config.settings;
      app.log.info({ partitions: queues.partitions, workers: queues.runWorkers }, queues.runWorkers ? 'karoo-bot ready: webhook intake and workers running' : 'karoo-bot ready: webhook intake only (RUN_WORKERS=false: another instance applies the events)');
      ready();
    });
    done();
  },
  { name: 'bot', fastify: '5.x', dependencies: ['redis', 'queues', 'flow-context', 'workers'] },
);
