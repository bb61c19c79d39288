import { Redis, type RedisOptions } from 'ioredis';

/**
 * One place that opens Redis connections. BullMQ workers need `maxRetriesPerRequest: null`
 * (blocking commands must wait through a reconnect); request-path clients fail fast instead,
 * so the webhook can answer 503 and Karoo redelivers.
 */
export function createRedis(url: string, purpose: 'queue' | 'request', extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    lazyConnect: false,
    enableReadyCheck: true,
    connectionName: `karoo-bot:${purpose}`,
    maxRetriesPerRequest: purpose === 'queue' ? null : 2,
    enableAutoPipelining: purpose === 'request',
    ...extra,
  });
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
  sandbox(part: 'bimer' | 'karoo'): string {
    return `${this.prefix}:sandbox:${part}`;
  }
  rateLimit(): string {
    return `${this.prefix}:ratelimit:`;
  }
}

/** BullMQ custom ids cannot contain ':'; this keeps them readable and collision-free. */
export function jobId(...parts: string[]): string {
  return parts.map((p) => p.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/\|/g, '%7C')).join('|');
}
