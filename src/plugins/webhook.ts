import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { WebhookDedupe } from '../bot/webhook-dedupe.js';
import { webhookRoute } from '../bot/webhook-route.js';
import { WebhookVerifier } from '../bot/webhook-signature.js';

/**
 * The Karoo intake: POST /webhooks/karoo (verify, validate, deduplicate, enqueue, answer) with
 * its Redis-backed rate limit, so the limit holds across instances.
 */
export default fp(
  async (app) => {
    const { webhook } = app.config.settings;
    const { request, keys } = app.redis;
    await app.register(rateLimit, {
      global: false,
      redis: request,
      nameSpace: keys.rateLimit(),
      skipOnError: true,
      errorResponseBuilder: (_req, context) => ({
        statusCode: 429,
        error: { code: 'rate_limited', message: `Too many requests; retry in ${context.after}.` },
      }),
    });
    // In a scope of its own: the webhook reads JSON as raw text (for the signature), the other
    // routes (bull-board, the sandbox) keep Fastify's JSON parser.
    await app.register((scope, _opts, done) => {
      webhookRoute(scope, {
        verifier: new WebhookVerifier(webhook.secrets),
        clock: app.clock,
        dedupe: new WebhookDedupe(request, keys, webhook.dedupeTtlSeconds),
        events: app.queues.events,
        rateLimit: webhook.rateLimit,
        onOutcome: (outcome) => app.metrics.webhooks.inc({ outcome }),
      });
      done();
    });
  },
  { name: 'webhook', fastify: '5.x', dependencies: ['redis', 'queues', 'metrics'] },
);
