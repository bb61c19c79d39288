import fp from 'fastify-plugin';
import { RetentionSweeper } from '../store/retention.js';
import { HOUR_MS, MINUTE_MS } from '../domain/durations.js';

/**
 * The retention sweep (src/store/retention.ts) every hour, by one instance at a time (a Redis
 * lock), when this instance runs the workers. `app.retention.sweep()` runs it now (tests).
 */

declare module 'fastify' {
  interface FastifyInstance {
    retention: RetentionSweeper;
  }
}

const EVERY_MS = HOUR_MS;

export default fp(
  (app, _opts, done) => {
    const { settings } = app.config;
    const { events, outbound, bimer } = app.queues;
    const sweeper = new RetentionSweeper(app.redis.request, app.redis.keys, events, () => [...events.queues, ...outbound.queues, bimer.queue], app.clock, settings.retentionDays, app.logger);
    app.decorate('retention', sweeper);
    if (!settings.queues.runWorkers) return done();
    let timer: NodeJS.Timeout | null = null;
    const run = async () => {
      // One instance sweeps per hour; the lock expires on its own if that instance dies.
      const locked = await app.redis.request.set(app.redis.keys.lock('retention'), '1', 'PX', EVERY_MS - MINUTE_MS, 'NX');
      if (locked) await sweeper.sweep();
    };
    app.addHook('onReady', (ready) => {
      timer = setInterval(() => {
        run().catch((err: unknown) => app.log.warn({ err: (err as Error).message }, 'retention sweep failed; next try in an hour'));
      }, EVERY_MS);
      timer.unref();
      ready();
    });
    app.addHook('preClose', (closing) => {
      if (timer) clearInterval(timer);
      closing();
    });
    done();
  },
  { name: 'retention', fastify: '5.x', dependencies: ['redis', 'queues'] },
);
