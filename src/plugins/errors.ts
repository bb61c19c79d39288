import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';

/**
 * One error answer for every route: a 4xx says what was wrong; anything else is a 503 with
 * Retry-After (nothing was accepted, so Karoo redelivers).
 */
export default fp(
  (app, _opts, done) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status < 500) {
        return reply.code(status).send({ error: { code: error.code ?? 'bad_request', message: error.message } });
      }
      request.log.error({ err: error.message }, 'request failed');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ error: { code: 'unavailable', message: 'Temporarily unable to accept the event; retry later.' } });
    });
    done();
  },
  { name: 'errors', fastify: '5.x' },
);
