import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { scanStates } from '../store/scan-states.js';
import { sameLogin, sameSecret } from '../util/same-secret.js';

/**
 * `GET /metrics` (issue 15): the Prometheus text format from the bot's own registry. Open with
 * `Authorization: Bearer <METRICS_TOKEN>` or the ops login (Basic); with neither configured the
 * route is not there (said at start). The gauges read Redis when scraped: queue depths, open
 * monitoring cycles by week (the agents' states), open plantão chats (their armed wake-ups).
 */

/** Open monitoring cycles by week: every monitoring not yet handed to supervision. */
async function setCycles(app: FastifyInstance): Promise<void> {
  const byWeek = { 1: 0, 2: 0, 3: 0 };
  for (const { state } of await scanStates(app.redis.request, app.redis.keys, 'agent:*')) {
    if (state.kind !== 'agent') continue;
    for (const m of Object.values(state.monitorings ?? {})) if (m.phase !== 'done') byWeek[m.week] += 1;
  }
  for (const [week, n] of Object.entries(byWeek)) app.metrics.cyclesOpen.set({ week }, n);
}

/** The accepted webhooks the pump has not queued yet (every partition's intake stream). */
async function setIntakeBacklog(app: FastifyInstance): Promise<void> {
  const { redis, queues } = app;
  const lengths = await Promise.all(queues.events.queues.map((_, p) => redis.request.xlen(redis.keys.intake(p))));
  app.metrics.setIntakeBacklog(lengths.reduce((a, b) => a + b, 0));
}

/** An on-call chat keeps one wake-up armed while open in its shift (`chat|<id>|wake`). */
async function setPlantaoOpen(app: FastifyInstance): Promise<void> {
  let cursor = '0';
  let open = 0;
  do {
    const [next, fields] = await app.redis.request.hscan(app.redis.keys.timers(), cursor, 'MATCH', 'chat|*|wake', 'COUNT', 1000);
    cursor = next;
    open += fields.length / 2;
  } while (cursor !== '0');
  app.metrics.plantaoOpen.set(open);
}

function authorized(request: FastifyRequest, token: string | null, admin: { user: string; password: string } | null): boolean {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  if (bearer !== undefined) return token !== null && sameSecret(bearer.trim(), token);
  const basic = /^Basic\s+(.+)$/i.exec(header)?.[1];
  if (basic === undefined || !admin) return false;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  return sameLogin(decoded.slice(0, colon), decoded.slice(colon + 1), admin);
}

export default fp(
  (app, _opts, done) => {
    const { metrics } = app;
    const { metricsToken: token, admin } = app.config.settings;
    if (!token && !admin) {
      app.log.warn('metrics are off: set METRICS_TOKEN (or the ops login ADMIN_USER/ADMIN_PASSWORD) to open GET /metrics');
      return done();
    }
    app.log.info({ bearer: token !== null, opsLogin: admin !== null }, 'GET /metrics is on');
    app.get('/metrics', { onRequest: app.security.throttled }, async (request, reply) => {
      if (!authorized(request, token, admin)) {
        if (request.headers.authorization) app.security.loginFailed(request, '/metrics', null);
        return reply.code(401).header('www-authenticate', token ? 'Bearer realm="karoo-bot metrics"' : 'Basic realm="karoo-bot metrics"').send({ error: { code: 'unauthorized', message: 'GET /metrics needs the metrics token or the ops login.' } });
      }
      app.security.loginSucceeded(request);
      const { events, outbound, bimer, timers } = app.queues;
      await Promise.all([metrics.setQueueDepths([...events.queues, ...outbound.queues, bimer.queue, timers.queue]), setIntakeBacklog(app), setCycles(app), setPlantaoOpen(app)]);
      return reply.type(metrics.registry.contentType).header('cache-control', 'no-store').send(await metrics.registry.metrics());
    });
    done();
  },
  { name: 'routes-metrics', fastify: '5.x', encapsulate: true, dependencies: ['redis', 'queues', 'security', 'metrics'] },
);
