import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoginThrottle } from '../util/login-throttle.js';

/**
 * What every page and protected route shares against the usual attacks:
 * - failed logins throttled per client (429 with Retry-After after 10 within 5 minutes, for 15
 *   minutes) and logged at warn, with the route and the user name tried, never the password;
 * - HTML pages sent with a Content-Security-Policy (`frame-ancestors 'none'`: bull-board's
 *   destructive buttons cannot be framed), and every answer with `X-Content-Type-Options:
 *   nosniff` and `Referrer-Policy: same-origin` (no referrer to other sites);
 * - a state-changing admin route takes JSON or a same-origin request only: a cross-site form
 *   (text/plain, urlencoded, multipart) carrying the browser's cached Basic credentials is refused.
 */

declare module 'fastify' {
  interface FastifyInstance {
    security: {
      /** onRequest hook of a login-protected scope: a client that failed too often waits (429). */
      throttled: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
      /** A wrong login on `route` (the user tried is logged, the password never). */
      loginFailed: (request: FastifyRequest, route: string, user: string | null) => void;
      loginSucceeded: (request: FastifyRequest) => void;
      /** onRequest hook of a state-changing route (before its body is read): JSON, or the same origin. */
      sameOrigin: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    };
  }
}

const CSP = ["default-src 'self'", "script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"].join('; ');

/** The `host:port` of an Origin header, or null when it is none (`null`, garbage). */
function originOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Whether a request that changes something comes from the bot's own pages (or a tool sending JSON). */
export function sameOriginWrite(headers: Record<string, string | string[] | undefined>): boolean {
  const origin = typeof headers.origin === 'string' ? headers.origin : null;
  const host = typeof headers.host === 'string' ? headers.host : null;
  // Compared as URLs read them (a default port is no port): `http://bot:80` is the host `bot:80`.
  if (origin !== null) {
    const from = originOf(origin);
    if (from === null || from !== (host === null ? null : originOf(`http://${host}`))) return false;
  }
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return false;
  const type = typeof headers['content-type'] === 'string' ? headers['content-type'].split(';')[0]?.trim().toLowerCase() : '';
  // A form can post only these three without a preflight: anything else came from script on the same origin, or a tool.
  const formType = type === 'text/plain' || type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
  return !formType || origin !== null || site === 'same-origin';
}

export default fp(
  (app, _opts, done) => {
    const throttle = new LoginThrottle(() => app.clock.now());
    app.decorate('security', {
      throttled: async (request, reply) => {
        const wait = throttle.waitMs(request.ip);
        if (wait > 0) {
          await reply
            .code(429)
            .header('retry-after', String(Math.ceil(wait / 1000)))
            .send({ error: { code: 'too_many_login_failures', message: 'Too many wrong logins from this address: try again later.' } });
        }
      },
      loginFailed: (request, route, user) => {
        const blocked = throttle.failed(request.ip);
        app.log.warn({ client: request.ip, route, user, blocked }, blocked ? 'wrong login; this address now waits before it may try again' : 'wrong login');
      },
      loginSucceeded: (request) => {
        throttle.succeeded(request.ip);
      },
      sameOrigin: async (request, reply) => {
        if (sameOriginWrite(request.headers)) return;
        // A person's form (the supervisors' page) gets a page they can read; a tool gets JSON.
        if (String(request.headers.accept ?? '').includes('text/html')) {
          await reply
            .code(403)
            .type('text/html; charset=utf-8')
            .send('<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Envio recusado</title><p>Este formulário só é aceito quando enviado pelo próprio painel, e o navegador não disse de onde ele veio (uma extensão de privacidade pode esconder isso). Nada foi salvo. Abra o <a href="/painel">painel</a> e envie de novo; se repetir, permita este site na extensão.</p></html>');
          return;
        }
        await reply.code(403).send({ error: { code: 'cross_site', message: 'This route takes JSON, or a request from this site only.' } });
      },
    });
    // A callback hook, not an async one: no promise per answer (it runs for every webhook too).
    app.addHook('onSend', (_request, reply, payload, done) => {
      reply.header('x-content-type-options', 'nosniff');
      // same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with the page's own form posts, and the same-origin check refuses them; nothing goes to another site either way.
      reply.header('referrer-policy', 'same-origin');
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('text/html')) {
        reply.header('content-security-policy', CSP);
        reply.header('x-frame-options', 'DENY');
      }
      done(null, payload);
    });
    done();
  },
  { name: 'security', fastify: '5.x' },
);
