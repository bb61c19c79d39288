import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Effect, ResultRoute } from '../flows/types.js';
import { jobId } from '../redis.js';

export type OutboundEffect = Extract<Effect, { type: `karoo.${string}` }>;

export interface OutboundJobData {
  effect: OutboundEffect;
  /** The effect's stable key: job id, result id and (prefixed) Idempotency-Key. */
  key: string;
  /** Sent as Idempotency-Key on every attempt, so Karoo delivers the message once. */
  idempotencyKey: string;
  onResult?: ResultRoute | undefined;
}

export const OUTBOUND_QUEUE = 'karoo-outbound';

/** Every call the bot makes to Karoo goes through this queue: an outage delays, never loses. */
export class OutboundQueue {
  readonly queue: Queue<OutboundJobData>;

  constructor(connection: Redis, prefix: string, policy: { maxAttempts: number }) {
    this.queue = new Queue<OutboundJobData>(OUTBOUND_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: policy.maxAttempts,
        backoff: { type: 'karoo' },
        removeOnComplete: { age: 24 * 3600, count: 50_000 },
        // Failed sends stay visible (bull-board) and can be retried by ops.
        removeOnFail: false,
      },
    });
  }

  /** `key` must be stable for the same logical send: it names the job and the idempotency key. */
  async enqueue(effect: OutboundEffect, key: string): Promise<void> {
    await this.queue.add(
      effect.type,
      { effect, key, idempotencyKey: `karoo-bot:${key}`, onResult: effect.onResult },
      { jobId: jobId('out', key) },
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
