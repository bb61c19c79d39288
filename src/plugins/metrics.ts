import fp from 'fastify-plugin';
import { BotMetrics } from '../metrics/metrics.js';

/** The bot's Prometheus registry (counters the edges fill in); `routes/metrics.ts` serves it. */

declare module 'fastify' {
  interface FastifyInstance {
    metrics: BotMetrics;
  }
}

export default fp(
  (app, _opts, done) => {
    app.decorate('metrics', new BotMetrics());
    done();
  },
  { name: 'metrics', fastify: '5.x' },
);
