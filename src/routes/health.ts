import fp from 'fastify-plugin';

/** GET /healthz (the process answers) and GET /readyz (Redis answers and every worker runs). */
export default fp(
  (app, _opts, done) => {
    app.get('/healthz', (_request, reply) => reply.send({ status: 'ok' }));
    app.get('/readyz', async (_request, reply) => {
      const checks = {
        redis: await app.redis.request
          .ping()
          .then((r) => r === 'PONG')
          .catch(() => false),
        workers: app.workers.running(),
      };
      const ready = checks.redis && checks.workers;
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    });
    done();
  },
  { name: 'routes-health', fastify: '5.x', encapsulate: true, dependencies: ['redis', 'workers'] },
);
