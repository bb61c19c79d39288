import { Redis, type RedisOptions } from 'ioredis';

/**
 * One place that opens Redis connections. BullMQ workers need `maxRetriesPerRequest: null`
 * (blocking commands must wait through a reconnect); request-path clients fail fast instead,
 * so the webhook can answer 503 and Karoo redelivers.
 */
export function createRedis(url: string, purpose: 'queue' | 'request', extra: RedisOptions = {}, sentinel?: { sentinels: string[]; name: string }): Redis {
  const common: RedisOptions = {
    enableReadyCheck: true,
    connectionName: `karoo-bot:${purpose}`,
    maxRetriesPerRequest: purpose === 'queue' ? null : 2,
    enableAutoPipelining: purpose === 'request',
  };
  if (!sentinel || sentinel.sentinels.length === 0) return new Redis(url, { ...common, lazyConnect: false, ...extra });
  // Sentinel: the sentinels say which server is the primary, and again after a failover;
  // REDIS_URL gives only the credentials, the db and TLS.
  const { password, username, pathname, protocol } = new URL(url);
  return new Redis({
    ...common,
    sentinels: sentinel.sentinels.map((s) => ({ host: s.slice(0, s.lastIndexOf(':')), port: Number(s.slice(s.lastIndexOf(':') + 1)) })),
    name: sentinel.name,
    ...(password ? { password: decodeURIComponent(password) } : {}),
    ...(username ? { username: decodeURIComponent(username) } : {}),
    db: Number(pathname.slice(1)) || 0,
    ...(protocol === 'rediss:' ? { tls: {} } : {}),
    ...extra,
  });
}

/**
 * A Lua script as a command of this connection: sent by EVALSHA (its text crosses the wire
 * once), defined once per connection whoever asks for it first. With `numberOfKeys` null, the
 * first argument of each call says how many keys follow (a script over a varying number of keys).
 */
export function scriptCommand<A extends unknown[], R>(redis: Redis, name: string, numberOfKeys: number | null, lua: string): (...args: A) => Promise<R> {
  if (!(name in redis)) redis.defineCommand(name, numberOfKeys === null ? { lua } : { numberOfKeys, lua });
  const command = (redis as unknown as Record<string, (...args: A) => Promise<R>>)[name] as (...args: A) => Promise<R>;
  return command.bind(redis);
}
