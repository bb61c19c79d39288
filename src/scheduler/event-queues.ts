import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { KarooEvent } from '../bot/karoo-event.js';
import { jobId } from '../redis.js';

export interface EventJobData {
  event: KarooEvent;
  receivedAt: string;
}

/**
 * Inbound events, partitioned by chat. Every partition is a BullMQ queue with a *global*
 * concurrency of 1, so across all worker processes one partition runs one job at a time,
 * in arrival (FIFO) order: events of one chat are applied one by one and in order, while
 * chats in other partitions run in parallel. All processes must agree on the partition count.
 */
export class EventQueues {
  readonly queues: Queue<EventJobData>[];

  constructor(
    connection: Redis,
    private readonly prefix: string,
    readonly partitions: number,
  ) {
    this.queues = Array.from(
      { length: partitions },
      (_, i) =>
        new Queue<EventJobData>(EventQueues.queueName(i), {
          connection,
          prefix,
          defaultJobOptions: {
            // Ordering is kept by retrying inside the processor; see EventWorkers.
            attempts: 1,
            removeOnComplete: { age: 3600, count: 50_000 },
            removeOnFail: { age: 30 * 24 * 3600 },
          },
        }),
    );
  }

  static queueName(partition: number): string {
    return `events-${String(partition).padStart(2, '0')}`;
  }

  /** FNV-1a over the chat id: stable across processes and restarts. */
  partitionOf(chatId: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < chatId.length; i++) {
      hash ^= chatId.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0) % this.partitions;
  }

  async init(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.setGlobalConcurrency(1)));
  }

  /**
   * Durably enqueues the event (the job id is derived from the event id, so a concurrent
   * duplicate delivery adds nothing). Resolves once Redis has the job.
   */
  async enqueue(event: KarooEvent, receivedAt: Date): Promise<void> {
    const queue = this.queues[this.partitionOf(event.chat.id)] as Queue<EventJobData>;
    await queue.add(event.type, { event, receivedAt: receivedAt.toISOString() }, { jobId: jobId('evt', event.id) });
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }

  describe(): string {
    return `${this.partitions} partitions under prefix ${this.prefix}`;
  }
}
