import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { StreamKey } from '../flows/types.js';
import { jobId, type Keys } from '../redis.js';
import type { EventQueues } from './event-queues.js';
import { logFailures, runInBackground } from './effect-worker.js';

export const TIMERS_QUEUE = 'timers';

export interface TimerJobData {
  stream: StreamKey;
  timerId: string;
  dueAt: string;
  data: Record<string, unknown>;
}

/**
 * Timers are BullMQ delayed jobs. A timer id names the logical timer; the job id adds its
 * due time, and a Redis pointer keeps the live one, so re-arming replaces and cancelling
 * removes it. When due, a timer becomes a `timer` item of its stream; flows ignore a timer
 * that no longer matches their state, so a late or duplicate fire is harmless.
 */
export class Timers {
  readonly queue: Queue<TimerJobData>;
  private worker: Worker<TimerJobData> | null = null;

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly clock: Clock,
    private readonly events: EventQueues,
  ) {
    this.queue = new Queue<TimerJobData>(TIMERS_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: false },
    });
  }

  async set(stream: StreamKey, timerId: string, dueAt: string, data: Record<string, unknown>): Promise<void> {
    const due = Date.parse(dueAt);
    const id = jobId('tmr', timerId, String(due));
    await this.queue.add('timer', { stream, timerId, dueAt, data }, { jobId: id, delay: Math.max(0, due - this.clock.now().getTime()) });
    const previous = await this.redis.getset(this.keys.timer(timerId), id);
    if (previous && previous !== id) await this.queue.remove(previous).catch(() => 0);
  }

  async cancel(timerId: string): Promise<void> {
    const previous = await this.redis.getdel(this.keys.timer(timerId));
    if (previous) await this.queue.remove(previous).catch(() => 0);
  }

  async start(logger: Logger): Promise<void> {
    this.worker = new Worker<TimerJobData>(
      TIMERS_QUEUE,
      async (job) => {
        const { stream, timerId, dueAt, data } = job.data;
        await this.events.enqueueInternal(stream, { id: `timer|${timerId}|${dueAt}`, type: 'timer', name: timerId, data: { ...data, dueAt } }, this.clock.now());
      },
      { connection: this.connection, prefix: this.prefix, concurrency: 4, autorun: false },
    );
    logFailures(this.worker, logger, 'timer');
    await this.worker.waitUntilReady();
    runInBackground(this.worker, logger);
  }

  running(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  /**
   * Fires every timer due by the injected clock now. Production timers fire by themselves;
   * tests and the sandbox, whose clock jumps, call this after moving the clock.
   */
  async fireDue(): Promise<number> {
    const now = this.clock.now().getTime();
    const delayed = await this.queue.getDelayed();
    const due = delayed.filter((j) => Date.parse(j.data.dueAt) <= now);
    await Promise.all(due.map((j) => j.promote()));
    return due.length;
  }

  /** Stops firing timers (waits for the ones being fired). */
  async stop(force = false): Promise<void> {
    await this.worker?.close(force);
  }

  async close(force = false): Promise<void> {
    await this.stop(force);
    await this.queue.close();
  }
}
