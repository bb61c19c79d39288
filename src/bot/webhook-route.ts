import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { Keys } from '../redis.js';
import type { EventQueues } from '../scheduler/event-queues.js';
import { describeSchemaError, karooEventSchema } from './karoo-event.js';
import type { WebhookVerifier } from './webhook-signature.js';

export const WEBHOOK_BODY_LIMIT = 64 * 1024;

export interface WebhookRouteOptions {
  verifier: WebhookVerifier;
  clock: Clock;
  redis: Redis;
  keys: Keys;
  events: EventQueues;
  dedupeTtlSeconds: number;
  rateLimit: { max: number; timeWindow: number };
}

function fail(reply: FastifyReply, status: number, code: string, message: string, extra: object = {}) {
  return reply.code(status).send({ error: { code, message, ...extra } });
}

/**
 * POST /webhooks/karoo (shared/contracts/karoo-chat.md §1): verify, validate, deduplicate,
 * enqueue durably, answer. Nothing else happens on the request path.
 */
export function webhookRoute(app: FastifyInstance, opts: WebhookRouteOptions): void {
  // The signature covers the raw bytes, so the body is read as text and parsed here.
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/webhooks/karoo',
    { bodyLimit: WEBHOOK_BODY_LIMIT, config: { rateLimit: opts.rateLimit } },
    async (request, reply) => {
      const raw = typeof request.body === 'string' ? request.body : '';
      const verified = opts.verifier.verify(request.headers, raw, opts.clock.now());
      if (!verified.ok) {
        request.log.warn({ reason: verified.reason }, 'webhook rejected: signature');
        return fail(reply, 401, 'invalid_signature', `Webhook signature rejected (${verified.reason}).`);
      }

      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return fail(reply, 400, 'invalid_json', 'Body is not valid JSON.', { field: '(body)' });
      }
      const parsed = karooEventSchema.safeParse(json);
      if (!parsed.success) {
        const issues = describeSchemaError(parsed.error);
        const first = issues[0] ?? { field: '(body)', message: 'invalid' };
        return fail(reply, 400, 'invalid_body', `${first.field}: ${first.message}`, { field: first.field, issues });
      }
      const event = parsed.data;
      if (event.id !== verified.id) {
        return fail(reply, 400, 'invalid_body', 'id: must equal the webhook-id header', { field: 'id' });
      }

      const dedupeKey = opts.keys.dedupe(event.id);
      if ((await opts.redis.exists(dedupeKey)) === 1) {
        return reply.code(200).send({ status: 'duplicate', id: event.id });
      }
      // Enqueue first (idempotent by job id), then remember the id: a crash in between makes
      // Karoo redeliver, and the redelivery finds the same job instead of a second one.
      await opts.events.enqueue(event, opts.clock.now());
      const first = await opts.redis.set(dedupeKey, '1', 'EX', opts.dedupeTtlSeconds, 'NX');
      if (first === null) return reply.code(200).send({ status: 'duplicate', id: event.id });
      request.log.info({ eventId: event.id, type: event.type, chatId: event.chat.id }, 'webhook accepted');
      return reply.code(202).send({ status: 'accepted', id: event.id });
    },
  );
}
