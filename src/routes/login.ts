import basicAuth from '@fastify/basic-auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sameLogin } from '../util/same-secret.js';

/**
 * The one login hook of a route group's scope (HTTP Basic, the ops or the supervisors' login):
 * a client that failed too often waits (429) before its login is even checked, a wrong login is
 * counted and logged without the password, a right one clears the count.
 */
export async function requireLogin(scope: FastifyInstance, realm: string, login: { user: string; password: string }): Promise<void> {
  await scope.register(basicAuth, {
    authenticate: { realm },
    validate: (u: string, p: string, req: FastifyRequest, _reply: unknown, done: (err?: Error) => void) => {
      const ok = sameLogin(u, p, login);
      if (ok) scope.security.loginSucceeded(req);
      else scope.security.loginFailed(req, req.url, u);
      done(ok ? undefined : new Error('Unauthorized'));
    },
  });
  scope.addHook('onRequest', scope.security.throttled);
  scope.addHook('onRequest', scope.basicAuth);
}
