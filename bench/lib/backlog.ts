import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EventQueues } from '../../src/scheduler/event-queues.js';
import { Keys } from '../../src/store/keys.js';

/**
 * What a benched bot has accepted and not yet applied: the entries in its intake streams (the
 * pump holds them during a burst) and its event jobs not done (waiting, active, delayed, prioritized).
 */
export class Backlog {
  private readonly keys: Keys;
  private readonly queues: Queue[];

  constructor(
    private readonly redis: Redis,
    prefix: string,
    partitions = 16,
  ) {
    this.keys = new Keys(prefix);
    this.queues = Array.from({ length: partitions }, (_, p) => new Queue(EventQueues.queueName(p), { connection: redis, prefix }));
  }

  async count(): Promise<number> {
    const jobs = await Promise.all(this.queues.map((q) => q.getJobCounts('wait', 'active', 'delayed', 'prioritized')));
    const streamed = await Promise.all(this.queues.map((_, p) => this.redis.xlen(this.keys.intake(p))));
    return jobs.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0) + streamed.reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
