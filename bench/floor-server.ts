/**
 * The floor of the intake bench: a bare Fastify route that only verifies the Standard Webhooks
 * signature, does one Redis SET NX and answers 202. Run as its own process, like the bot.
 */
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { WebhookVerifier } from '../src/intake/webhook-signature.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const verifier = new WebhookVerifier([process.env.KAROO_WEBHOOK_SECRET ?? '']);
const app = Fastify();
app.addContentTypeParser('application/json', { parseAs: 'string' }, (_r, body, done) => done(null, body));
app.post('/webhooks/karoo', async (request, reply) => {
  const v = verifier.verify(request.headers, request.body as string, new Date());
  if (!v.ok) return reply.code(401).send();
  const first = await redis.set(`floor:${v.id}`, '1', 'EX', 3600, 'NX');
  return reply.code(first ? 202 : 200).send({ status: 'accepted', id: v.id });
});
app.get('/readyz', (_request, reply) => reply.send({ status: 'ready' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
// Ends on SIGTERM like the bot (so a `--cpu-prof` profile is written).
process.once('SIGTERM', () => {
  void app.close().then(() => {
    redis.disconnect();
    process.exit(0);
  });
});
