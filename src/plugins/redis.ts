import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { createRedis } from '../store/connection.js';
import { Keys } from '../store/keys.js';

/**
 * The two Redis connections: `request` for the request path and the stores, `queue` for BullMQ
 * (its blocking commands never delay a webhook's answer). Closed last, after the workers drain.
 */

export interface RedisConnections {
  request: Redis;
  queue: Redis;
  keys: Keys;
}

declare module 'fastify' {
  interface FastifyInstance {
    redis: RedisConnections;
  }
}

export default fp(
  (app, _opts, done) => {
    const { redis } = app.config.settings;
    const sentinel = { sentinels: redis.sentinels, name: redis.sentinelMaster };
    const request = createRedis(redis.url, 'request', {}, sentinel);
    const queue = createRedis(redis.url, 'queue', {}, sentinel);
    for (const [name, client] of [
      ['request', request],
      ['queue', queue],
    ] as const) {
      client.on('error', (err: Error) => app.log.warn({ err: err.message, connection: name }, 'redis connection error'));
    }
    app.decorate('redis', { request, queue, keys: new Keys(redis.prefix) });
    app.addHook('onClose', async () => {
      await Promise.all([request.quit().catch(() => undefined), queue.quit().catch(() => undefined)]);
    });
    done();
  },
  { name: 'redis', fastify: '5.x' },
);
