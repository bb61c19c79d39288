import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Cause } from '../domain/stream.js';
import type { Effect, ResultRoute } from '../domain/effects.js';
import { jobId } from '../store/keys.js';
import { initPartitions, partitionName, partitionOf, partitionQueues } from './partitions.js';

export type OutboundEffect = Extract<Effect, { type: `karoo.${string}` }>;

export interface OutboundJobData {
  effect: OutboundEffect;
  /** The effect's stable key: job id, result id and (prefixed) Idempotency-Key. */
  key: string;
  /** Sent as Idempotency-Key on every attempt, so Karoo delivers the message once. */
  idempotencyKey: string;
  onResult?: ResultRoute | undefined;
  /** What set the work off (the audit trail; handed back with the result). */
  cause?: Cause | undefined;
}

export const OUTBOUND_QUEUE = 'karoo-outbound';

/** Where a call goes: the chat, or the person a proactive message is for. */
export function recipientOf(effect: OutboundEffect): string {
  if (effect.type === 'karoo.proactive') return 'login' in effect.to ? `login:${effect.to.login}` : `phone:${effect.to.phone}`;
  return `chat:${effect.chatId}`;
}

/**
 * Every call the bot makes to Karoo goes through these queues: an outage delays, never loses.
 * Like the event queues they are partitioned by recipient with a global concurrency of 1, and
 * a failing call is retried in place (see OutboundWorker), so a chat's messages reach Karoo in
 * the order the bot wrote them, even across retries, while other chats go on in parallel.
 * All processes must agree on the partition count (OUTBOUND_CONCURRENCY).
 */
export class OutboundQueue {
  readonly queues: Queue<OutboundJobData>[];

  constructor(connection: Redis, prefix: string, readonly partitions: number, retentionDays = 90) {
    this.queues = partitionQueues<OutboundJobData>(OUTBOUND_QUEUE, partitions, connection, prefix, {
      attempts: 1,
      removeOnComplete: { age: 24 * 3600, count: 50_000 },
      // Failed sends stay visible (bull-board) and can be retried by ops, for RETENTION_DAYS.
      removeOnFail: { age: retentionDays * 24 * 3600 },
    });
  }

  static queueName(partition: number): string {
    return partitionName(OUTBOUND_QUEUE, partition);
  }

  async init(): Promise<void> {
    await initPartitions(this.queues);
  }

  /** `key` must be stable for the same logical send: it names the job and the idempotency key. */
  async enqueue(effect: OutboundEffect, key: string, cause?: Cause): Promise<void> {
    const queue = this.queues[partitionOf(recipientOf(effect), this.partitions)] as Queue<OutboundJobData>;
    await queue.add(effect.type, { effect, key, idempotencyKey: `karoo-bot:${key}`, onResult: effect.onResult, ...(cause ? { cause } : {}) }, { jobId: jobId('out', key) });
  }

  /** Jobs in the given states across every partition (ops views and tests). */
  async jobs(...states: ('completed' | 'failed' | 'wait' | 'active' | 'delayed')[]) {
    return (await Promise.all(this.queues.map((q) => q.getJobs(states)))).flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
