import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { InternalEvent, StreamItem, StreamKey } from '../domain/stream.js';
import { jobId } from '../store/keys.js';
import { initPartitions, partitionName, partitionOf, partitionQueues } from './partitions.js';

export interface EventJobData {
  stream: StreamKey;
  item: StreamItem;
  receivedAt: string;
}

/**
 * Everything that happens to a stream (Karoo events, timers, results, forwarded news),
 * partitioned by stream. Every partition is a BullMQ queue with a *global* concurrency of 1,
 * so across all worker processes one partition runs one job at a time, in arrival (FIFO)
 * order: a stream's items are applied one by one and in order, while streams in other
 * partitions run in parallel. All processes must agree on the partition count.
 */
export class EventQueues {
  readonly queues: Queue<EventJobData>[];

  constructor(
    connection: Redis,
    prefix: string,
    readonly partitions: number,
  ) {
    this.queues = partitionQueues<EventJobData>('events', partitions, connection, prefix, {
      // Ordering is kept by retrying inside the processor; see EventWorkers.
      attempts: 1,
      // A done job is kept for bull-board only (the item's outbox keeps an event from being applied
      // twice): 1,000 a partition, not 50,000, which a storm filled with 1.2 KB each (800,000 jobs, 1 GB).
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
  }

  static queueName(partition: number): string {
    return partitionName('events', partition);
  }

  partitionOf(stream: string): number {
    return partitionOf(stream, this.partitions);
  }

  async init(): Promise<void> {
    await initPartitions(this.queues);
  }

  /**
   * Queues the webhooks the pump took from one partition's intake stream, in their order, in one
   * round trip (each job id derived from the event id: one already queued is not added again).
   */
  async enqueueAccepted(partition: number, accepted: readonly { eventId: string; name: string; data: EventJobData }[]): Promise<void> {
    const queue = this.queues[partition] as Queue<EventJobData>;
    // One job alone (the usual case at a steady rate) is added without addBulk's pipeline and transaction.
    const [only] = accepted;
    if (accepted.length === 1 && only) await queue.add(only.name, only.data, { jobId: jobId('evt', only.eventId) });
    else await queue.addBulk(accepted.map(({ eventId, name, data }) => ({ name, data, opts: { jobId: jobId('evt', eventId) } })));
  }

  /** Enqueues news the bot tells a stream; the event's deterministic id makes it idempotent. */
  async enqueueInternal(stream: StreamKey, event: InternalEvent, receivedAt: Date): Promise<void> {
    await this.add(stream, { kind: 'internal', event }, jobId('int', event.id), receivedAt, `${event.type}:${event.name}`);
  }

  private async add(stream: StreamKey, item: StreamItem, id: string, receivedAt: Date, name: string): Promise<void> {
    const queue = this.queues[this.partitionOf(stream)] as Queue<EventJobData>;
    await queue.add(name, { stream, item, receivedAt: receivedAt.toISOString() }, { jobId: id });
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
