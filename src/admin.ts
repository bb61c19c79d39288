import { timingSafeEqual } from 'node:crypto';
import basicAuth from '@fastify/basic-auth';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from './config.js';
import type { KnowledgeBaseSource } from './faq/knowledge-base.js';
import type { RosterSource } from './roster/roster-source.js';

export const ADMIN_QUEUES_PATH = '/admin/queues';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** bull-board for ops at /admin/queues, behind HTTP Basic auth; off when no credentials are set. */
export const adminPlugin: FastifyPluginAsync<{ config: Config; queues: Queue[]; roster: RosterSource; knowledgeBase: KnowledgeBaseSource }> = async (
  app,
  { config, queues, roster, knowledgeBase },
) => {
  const user = config.ADMIN_USER;
  const password = config.ADMIN_PASSWORD;
  if (!user || !password) {
    app.log.warn('bull-board disabled: set ADMIN_USER and ADMIN_PASSWORD to enable /admin/queues');
    return;
  }
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter });

  await app.register(basicAuth, {
    authenticate: { realm: 'karoo-bot ops' },
    validate: (u: string, p: string, _req: unknown, _reply: unknown, done: (err?: Error) => void) => {
      // Both compared in full, whatever the first result, to keep the timing flat.
      const ok = [same(u, user), same(p, password)].every(Boolean);
      done(ok ? undefined : new Error('Unauthorized'));
    },
  });
  app.addHook('onRequest', app.basicAuth);
  await app.register(serverAdapter.registerPlugin(), { prefix: ADMIN_QUEUES_PATH });
  // Reload the roster now (it is also reloaded when the file changes).
  app.post('/admin/roster/reload', (_request, reply) => {
    const result = roster.reload();
    return reply.code(result.ok ? 200 : 422).send(result);
  });
  app.post('/admin/faq/reload', (_request, reply) => {
    const result = knowledgeBase.reload();
    return reply.code(result.ok ? 200 : 422).send(result);
  });
  app.log.info({ path: ADMIN_QUEUES_PATH }, 'bull-board enabled');
};
