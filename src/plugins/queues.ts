import fp from 'fastify-plugin';
import { BimerQueue } from '../scheduler/bimer-queue.js';
import { EventQueues } from '../scheduler/event-queues.js';
import { OutboundQueue } from '../scheduler/outbound-queue.js';
import { Timers } from '../scheduler/timers.js';

/** The BullMQ queues every instance writes to (events, outbound, Bimer) and the timers. */

export interface BotQueues {
  events: EventQueues;
  outbound: OutboundQueue;
  bimer: BimerQueue;
  timers: Timers;
}

declare module 'fastify' {
  interface FastifyInstance {
    queues: BotQueues;
  }
}

export default fp(
  (app, _opts, done) => {
    const { queues, redis, bimer: bimerSettings } = app.config.settings;
    const { request, queue, keys } = app.redis;
    const events = new EventQueues(queue, redis.prefix, queues.partitions);
    const { retentionDays } = app.config.settings;
    const outbound = new OutboundQueue(queue, redis.prefix, queues.outboundConcurrency, retentionDays);
    const bimer = new BimerQueue(queue, redis.prefix, { maxAttempts: bimerSettings.maxAttempts, retentionDays });
    const timers = new Timers(queue, redis.prefix, request, keys, app.clock, events);
    app.decorate('queues', { events, outbound, bimer, timers });
    app.addHook('onReady', async () => {
      await Promise.all([events.init(), outbound.init()]);
    });
    // After the workers (registered later, so closed first) have drained.
    app.addHook('onClose', async () => {
      await Promise.all([events.close(), outbound.close(), bimer.close(), timers.close()]);
    });
    done();
  },
  { name: 'queues', fastify: '5.x', dependencies: ['redis'] },
);
