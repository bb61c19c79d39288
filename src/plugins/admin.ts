import fp from 'fastify-plugin';
import { adminPlugin } from '../admin.js';
import { PrivacyEraser } from '../privacy/erase.js';

/** The ops routes (bull-board, reloads, the learning loop) in their own scope behind Basic auth. */
export default fp(
  async (app) => {
    const { events, outbound, bimer, timers } = app.queues;
    const queues = [...events.queues, ...outbound.queues, bimer.queue, timers.queue];
    await app.register(adminPlugin, {
      config: app.config,
      roster: app.flowContext.roster,
      knowledgeBase: app.language.knowledgeBase,
      queues,
      redis: app.redis.request,
      keys: app.redis.keys,
      nlu: () => app.flowContext.current().nlu,
      eraser: new PrivacyEraser(app.redis.request, app.redis.keys, app.config.settings.redis.prefix, () => queues, app.logger),
    });
  },
  { name: 'admin', fastify: '5.x', dependencies: ['redis', 'queues', 'language', 'flow-context', 'security', 'learning'] },
);
