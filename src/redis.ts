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
 * once), defined once per connection whoever asks for it first.
 */
export function scriptCommand<A extends string[], R>(redis: Redis, name: string, numberOfKeys: number, lua: string): (...args: A) => Promise<R> {
  if (!(name in redis)) redis.defineCommand(name, { numberOfKeys, lua });
  const command = (redis as unknown as Record<string, (...args: A) => Promise<R>>)[name] as (...args: A) => Promise<R>;
  return command.bind(redis);
}

/** Key names of everything the bot stores outside BullMQ, under one prefix. */
export class Keys {
  constructor(private readonly prefix: string) {}
  dedupe(webhookId: string): string {
    return `${this.prefix}:dedupe:${webhookId}`;
  }
  state(stream: string): string {
    return `${this.prefix}:state:${stream}`;
  }
  /** A stream state's version, beside it: the scripts compare it without decoding the state. */
  stateVersion(stream: string): string {
    return `${this.prefix}:state-version:${stream}`;
  }
  outbox(itemId: string): string {
    return `${this.prefix}:outbox:${itemId}`;
  }
  owner(customerCode: string): string {
    return `${this.prefix}:owner:${customerCode}`;
  }
  list(name: string): string {
    return `${this.prefix}:list:${name}`;
  }
  /** One hash for every armed timer: timer id → the job that will fire it. */
  timers(): string {
    return `${this.prefix}:timers-armed`;
  }
  /** A lock one instance holds for a while (the retention sweep). */
  lock(name: string): string {
    return `${this.prefix}:lock:${name}`;
  }
  /** The audit trail of one Bimer ticket (by its id), and the protocol → id index. */
  audit(ticketId: string): string {
    return `${this.prefix}:audit:${ticketId}`;
  }
  auditProtocol(protocolo: string): string {
    return `${this.prefix}:audit-protocol:${protocolo}`;
  }
  /** When the person of this phone (E.164) last wrote: their WhatsApp window. */
  window(phone: string): string {
    return `${this.prefix}:wa-window:${phone}`;
  }
  sandbox(part: 'bimer' | 'karoo'): string {
    return `${this.prefix}:sandbox:${part}`;
  }
  /** The supervisors' teachings (issue 24): `items` (id → teaching), `audit`, `version`, `status`, `told:<id>`. */
  teach(part: 'items' | 'audit' | 'version' | 'status' | `told:${string}`): string {
    return `${this.prefix}:teach:${part}`;
  }
  rateLimit(): string {
    return `${this.prefix}:ratelimit:`;
  }
}

/** BullMQ custom ids cannot contain ':'; this keeps them readable and collision-free. */
export function jobId(...parts: string[]): string {
  return parts.map((p) => p.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/\|/g, '%7C')).join('|');
}
