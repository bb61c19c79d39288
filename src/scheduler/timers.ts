import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { StreamKey } from '../domain/stream.js';
import { jobId, type Keys } from '../store/keys.js';
import { scriptCommand } from '../store/connection.js';
import type { EventQueues } from './event-queues.js';
import { WORKER_LIVENESS } from './backoff.js';
import { logFailures, runInBackground } from './effect-worker.js';

export const TIMERS_QUEUE = 'timers';

// KEYS[1] the armed-timers hash; ARGV[1] timer id, ARGV[2] the due time of the job that fired.
const DROP_POINTER = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0`;

/** Short keys: every armed timer stores this (stream, timer id, due time in ms, extra data). */
export interface TimerJobData {
  s: StreamKey;
  t: string;
  d: number;
  x?: Record<string, unknown>;
}

/**
 * Timers are BullMQ delayed jobs. A timer id names the logical timer; the job id adds its
 * due time, and a Redis pointer keeps the live one, so re-arming replaces and cancelling
 * removes it. When due, a timer becomes a `timer` item of its stream; flows ignore a timer
 * that no longer matches their state, so a late or duplicate fire is harmless.
 */
type DropPointer = (hash: string, timerId: string, due36: string) => Promise<number>;

function timerJobId(timerId: string, due36: string): string {
  return jobId('t', timerId, due36);
}

export class Timers {
  readonly queue: Queue<TimerJobData>;
  private readonly dropPointer: DropPointer;
  /** The worker firing the timers, once started. */
  worker: Worker<TimerJobData> | null = null;

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly clock: Clock,
    private readonly events: EventQueues,
  ) {
    this.dropPointer = scriptCommand(redis, 'karooBotDropTimer', 1, DROP_POINTER);
    this.queue = new Queue<TimerJobData>(TIMERS_QUEUE, {
      connection,
      prefix,
      // Kept small: every armed timer stores these. A fired timer lives on as its stream's item.
      defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true },
    });
  }

  /**
   * Arms (or re-arms) a timer in two round trips: the new job and the pointer swap (one atomic
   * MULTI) go out together, then the job the pointer named before is removed. A crash in between
   * leaves at most a stale job, which fires into a state that no longer expects it and is ignored.
   */
  async set(stream: StreamKey, timerId: string, dueAt: string, data: Record<string, unknown>): Promise<void> {
    const due = Date.parse(dueAt);
    const id = timerJobId(timerId, due.toString(36));
    const { dueAt: _same, ...rest } = data;
    const payload: TimerJobData = Object.keys(rest).length > 0 ? { s: stream, t: timerId, d: due, x: rest } : { s: stream, t: timerId, d: due };
    // The pointer keeps only the due time (base 36): the job id follows from it.
    const [, previous] = await Promise.all([
      this.queue.add('timer', payload, { jobId: id, delay: Math.max(0, due - this.clock.now().getTime()) }),
      this.swapPointer(timerId, due.toString(36)),
    ]);
    if (previous && previous !== due.toString(36)) await this.queue.remove(timerJobId(timerId, previous)).catch(() => 0);
  }

  /** Cancels a timer in two round trips (pointer, then its job). */
  async cancel(timerId: string): Promise<void> {
    const previous = await this.swapPointer(timerId, null);
    if (previous) await this.queue.remove(timerJobId(timerId, previous)).catch(() => 0);
  }

  /** Sets (or, with null, deletes) a timer's pointer and returns the one it replaced, atomically. */
  private async swapPointer(timerId: string, due36: string | null): Promise<string | null> {
    const hash = this.keys.timers();
    const tx = this.redis.multi().hget(hash, timerId);
    const replies = await (due36 === null ? tx.hdel(hash, timerId) : tx.hset(hash, timerId, due36)).exec();
    return (replies?.[0]?.[1] as string | null | undefined) ?? null;
  }

  /** Starts firing timers; `onFired` hears how late each one fired (ms, by the injected clock). */
  async start(logger: Logger, onFired?: (latenessMs: number) => void): Promise<void> {
    this.worker = new Worker<TimerJobData>(
      TIMERS_QUEUE,
      async (job) => {
        const { s: stream, t: timerId, d, x: data } = job.data;
        const dueAt = new Date(d).toISOString();
        onFired?.(Math.max(0, this.clock.now().getTime() - d));
        await this.events.enqueueInternal(stream, { id: `timer|${timerId}|${dueAt}`, type: 'timer', name: timerId, data: { ...data, dueAt } }, this.clock.now());
        // The pointer is dropped once it names this job (a re-arm meanwhile keeps its own).
        await this.dropPointer(this.keys.timers(), timerId, d.toString(36));
      },
      { connection: this.connection, prefix: this.prefix, concurrency: 4, autorun: false, ...WORKER_LIVENESS },
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
    const due = delayed.filter((j) => j.data.d <= now);
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
