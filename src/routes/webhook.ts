import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';
import { isKarooEventBody, type KarooEventBody } from '../intake/karoo-event-check.js';
import { describeSchemaError, karooEventSchema } from '../intake/karoo-event-schema.js';
import { WebhookVerifier } from '../intake/webhook-signature.js';
import { IntakeStream } from '../scheduler/intake-stream.js';
import { blockStore } from '../store/rate-limit-blocks.js';
import { readJson } from '../util/json.js';

export const WEBHOOK_BODY_LIMIT = 64 * 1024;

export interface WebhookRouteOptions {
  verifier: WebhookVerifier;
  clock: Clock;
  /** The one write of an accepted delivery: dedupe and append to its partition's stream, together. */
  intake: IntakeStream;
  rateLimit: { max: number; timeWindow: number };
  /** Told how each delivery ended (GET /metrics counts them). */
  onOutcome?: (outcome: WebhookOutcome) => void;
}

/** How a delivery ended, as ops count it. */
export type WebhookOutcome = 'accepted' | 'duplicate' | 'invalid_json' | 'invalid_body' | 'invalid_signature' | 'too_large' | 'rate_limited' | 'in_progress' | 'unavailable' | 'error';

/** The outcome of an answer the route did not write itself (the body limit, the rate limit, a Redis failure). */
function outcomeOfStatus(status: number): WebhookOutcome {
  if (status === 202) return 'accepted';
  if (status === 200) return 'duplicate';
  if (status === 401) return 'invalid_signature';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  return status >= 500 ? 'error' : 'invalid_body';
}

/** The event types of the contract (§1); any other is accepted and ignored. */
const KNOWN_TYPES = new Set(['message.created', 'chat.opened', 'chat.closed', 'chat.transferred', 'message.status']);

/** A body naming this delivery's id and an event type the contract does not know. */
function unknownType(json: unknown, id: string): boolean {
  if (!json || typeof json !== 'object') return false;
  const { id: bodyId, type } = json as { id?: unknown; type?: unknown };
  return bodyId === id && typeof type === 'string' && type.length > 0 && !KNOWN_TYPES.has(type);
}

/** The 2xx answer's shape: serialised by Fastify's compiled serialiser, not JSON.stringify. */
const ANSWER = { type: 'object', properties: { status: { type: 'string' }, id: { type: 'string' } }, required: ['status', 'id'] } as const;

/** What the route decided, read back when the answer is sent. */
const decided = new WeakMap<FastifyRequest, WebhookOutcome>();

function fail(reply: FastifyReply, status: number, code: string, message: string, extra: object = {}) {
  if (code === 'invalid_json' || code === 'in_progress') decided.set(reply.request, code);
  return reply.code(status).send({ error: { code, message, ...extra } });
}

/**
 * POST /webhooks/karoo (docs/contracts/karoo-chat.md §1): verify, validate, deduplicate,
 * enqueue durably, answer. Nothing else happens on the request path.
 */
export function webhookRoute(app: FastifyInstance, opts: WebhookRouteOptions): void {
  // Counted by a hook of the route itself (every answer it gives, the body limit's and the rate
  // limit's included), not one of the scope asking each request for its route's options (Fastify
  // builds that object anew at each read).
  const count = opts.onOutcome;
  const onResponse = count
    ? (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
        count(decided.get(request) ?? outcomeOfStatus(reply.statusCode));
        done();
      }
    : undefined;
  // The signature covers the raw bytes, so the body is read as bytes, checked, then decoded and parsed here.
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/webhooks/karoo',
    { bodyLimit: WEBHOOK_BODY_LIMIT, config: { rateLimit: opts.rateLimit }, schema: { response: { '2xx': ANSWER } }, ...(onResponse ? { onResponse } : {}) },
    async (request, reply) => {
      // Another content type Fastify reads itself (text/plain): said as such, not as a bad signature.
      if (!Buffer.isBuffer(request.body)) return fail(reply, 415, 'unsupported_media_type', 'Content-Type must be application/json.');
      const bytes = request.body;
      // Read once: the signature's tolerance and the time of receipt are the same instant.
      const now = opts.clock.now();
      const verified = opts.verifier.verify(request.headers, bytes, now);
      if (!verified.ok) {
        request.log.warn({ reason: verified.reason }, 'webhook rejected: signature');
        return fail(reply, 401, 'invalid_signature', `Webhook signature rejected (${verified.reason}).`);
      }

      // Decoded as UTF-8, an invalid byte sequence made U+FFFD: what is kept is well-formed text.
      const raw = bytes.toString('utf8');
      const json = readJson(raw);
      if (json === undefined) return fail(reply, 400, 'invalid_json', 'Body is not valid JSON.', { field: '(body)' });
      // The compiled check says yes or no without copying the body; zod names the field of a
      // refused one (and decides, should the two ever disagree). zod reads the accepted body
      // again when the pump queues it, off the request path.
      let body: KarooEventBody;
      if (isKarooEventBody(json)) body = json;
      else {
        const parsed = karooEventSchema.safeParse(json);
        // An event type the contract does not know is accepted and ignored (§1), whatever else it carries.
        if (!parsed.success && unknownType(json, verified.id)) return reply.code(202).send({ status: 'accepted', id: verified.id });
        if (!parsed.success) {
          const issues = describeSchemaError(parsed.error);
          const first = issues[0] ?? { field: '(body)', message: 'invalid' };
          return fail(reply, 400, 'invalid_body', `${first.field}: ${first.message}`, { field: first.field, issues });
        }
        body = parsed.data;
      }
      const { id, type } = body;
      if (id !== verified.id) {
        return fail(reply, 400, 'invalid_body', 'id: must equal the webhook-id header', { field: 'id' });
      }
      const chatId = body.chat.id;

      // One script, one round trip: a duplicate is answered as such; a new event is appended to
      // its partition's stream and its id remembered for the dedupe window, both or neither (a
      // Redis failure throws: 503, and Karoo redelivers). The processor also remembers every
      // event it applied a day past the window, so nothing is applied twice.
      const acceptance = await opts.intake.accept(body, raw, now);
      if (acceptance === 'duplicate') return reply.code(200).send({ status: 'duplicate', id });
      if (acceptance === 'in_progress') {
        // A claim left by the previous version of the bot (claim, then queue) that died half-way:
        // Karoo will redeliver, and by then the claim has lapsed.
        return fail(reply.header('retry-after', '2'), 503, 'in_progress', 'This event is being accepted by another delivery; retry later.');
      }
      // A line per delivery is a per-request line: at debug, as Fastify's own (docs/CONFIGURATION.md,
      // LOG_LEVEL); at info /metrics counts the outcomes. At info it cost the intake 112 against 95 µs of
      // CPU per delivery (bench/intake-ab.ts at 4,000/s).
      request.log.debug({ eventId: id, type, chatId }, 'webhook accepted');
      return reply.code(202).send({ status: 'accepted', id });
    },
  );
}

/**
 * The Karoo intake as a route group: POST /webhooks/karoo with its rate limit counted in Redis
 * (`store/rate-limit-blocks.ts`: the limit holds across instances), in a scope of its own: the
 * webhook reads JSON as raw text (for the signature), the other routes keep Fastify's parser.
 */
export default fp(
  async (app) => {
    const { webhook } = app.config.settings;
    const { request, keys } = app.redis;
    await app.register(rateLimit, {
      global: false,
      // Counted in Redis a block of numbers at a time: the limit holds across instances without a round trip per request.
      store: blockStore(request, keys.rateLimit()),
      skipOnError: true,
      // Karoo reads none of the limit's headers on an accepted delivery: they are sent with a 429 only (with Retry-After).
      addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
      // Thrown to the one error handler (plugins/errors.ts), which answers { error: { code, message } }.
      errorResponseBuilder: (_req, context) => Object.assign(new Error(`Too many requests; retry in ${context.after}.`), { statusCode: 429, code: 'rate_limited' }),
    });
    webhookRoute(app, {
      verifier: new WebhookVerifier(webhook.secrets),
      clock: app.clock,
      intake: new IntakeStream(request, keys, app.queues.events.partitions, webhook.dedupeTtlSeconds),
      rateLimit: webhook.rateLimit,
      onOutcome: (outcome) => {
        app.metrics.webhooks.labels(outcome).inc();
        if (outcome === 'accepted') app.workers.pressure?.note();
      },
    });
  },
  { name: 'routes-webhook', fastify: '5.x', encapsulate: true, dependencies: ['redis', 'queues', 'metrics', 'workers'] },
);
