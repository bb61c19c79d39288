import fp from 'fastify-plugin';
import { adminPlugin } from '../admin.js';

/** The ops routes (bull-board, reloads, the learning loop) in their own scope behind Basic auth. */
export default fp(
  async (app) => {
    const { events, outbound, bimer, timers } = app.queues;
    await app.register(adminPlugin, {
      config: app.config,
      roster: app.flowContext.roster,
      knowledgeBase: app.language.knowledgeBase,
      queues: [...events.queues, ...outbound.queues, bimer.queue, timers.queue],
      redis: app.redis.request,
      keys: app.redis.keys,
      nlu: () => app.flowContext.current().nlu,
    });
  },
  { name: 'admin', fastify: '5.x', dependencies: ['redis', 'queues', 'language', 'flow-context'] },
);
