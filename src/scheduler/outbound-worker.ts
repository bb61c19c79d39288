import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { KarooError, type KarooApi } from '../karoo-client/karoo-client.js';
import { retryInPlace } from '../util/retry.js';
import { retryDelay, WORKER_LIVENESS, type BackoffSettings } from './backoff.js';
import { logFailures, runInBackground } from './effect-worker.js';
import { OutboundQueue, type OutboundJobData } from './outbound-queue.js';
import type { ResultSink } from './results.js';

export interface OutboundWorkerOptions {
  /** Told of each failed attempt retried in place (GET /metrics counts them). */
  onRetry?: () => void;
  maxAttempts: number;
  backoff: BackoffSettings;
  logger: Logger;
}

/**
 * Runs the queued Karoo calls, one partition at a time per worker. A retryable failure (5xx,
 * 429, timeout, reset) is retried here, after the backoff or Karoo's Retry-After, holding the
 * partition: the chat's next message waits behind it instead of overtaking it. A final error
 * (404, other 4xx) or the last attempt ends the job in the failed set, visible to ops.
 */
export class OutboundWorker {
  readonly workers: Worker<OutboundJobData>[];
  /** Cuts a retry wait short at shutdown: the call goes back to the head of its partition. */
  private readonly stopping = new AbortController();

  constructor(connection: Redis, prefix: string, partitions: number, karoo: KarooApi, sink: ResultSink, private readonly options: OutboundWorkerOptions) {
    this.workers = Array.from({ length: partitions }, (_, i) => {
      const worker = new Worker<OutboundJobData>(OutboundQueue.queueName(i), (job, token) => this.run(job, token, karoo, sink), {
        connection,
        prefix,
        concurrency: 1,
        autorun: false,
        ...WORKER_LIVENESS,
      });
      logFailures(worker, options.logger, 'karoo');
      return worker;
    });
  }

  private async run(job: Job<OutboundJobData>, token: string | undefined, karoo: KarooApi, sink: ResultSink): Promise<unknown> {
    const route = job.data.onResult;
    try {
      // The result is handed to the asking stream inside the attempt: if that fails, the call
      // (idempotent) is tried again, then the hand-over.
      return await retryInPlace(async () => {
        const result = await call(karoo, job.data);
        if (route) await sink(route, job.data.key, { ok: true, result: result ?? null }, job.data.cause);
        return result;
      }, {
        attempts: this.options.maxAttempts,
        retryable: (err) => !(err instanceof KarooError && err.kind === 'final'),
        delayMs: (attempt, err) => retryDelay(attempt, err, this.options.backoff),
        onRetry: async (attempt, err, delay) => {
          const message = err instanceof Error ? err.message : String(err);
          this.options.logger.warn({ jobId: job.id, attempt, delayMs: delay, err: message }, 'karoo call failed; retrying in place (the chat waits)');
          this.options.onRetry?.();
          await job.updateProgress({ attempt, lastError: message, retryInMs: delay }).catch(() => undefined);
        },
        signal: this.stopping.signal,
      });
    } catch (err) {
      if (this.stopping.signal.aborted && err instanceof Error && err.name === 'AbortError') {
        // Shutting down mid-wait: hand the call back, first in line, to whoever runs next.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      const message = err instanceof Error ? err.message : String(err);
      if (route) await sink(route, job.data.key, { ok: false, error: message }, job.data.cause);
      throw new UnrecoverableError(message);
    }
  }

  async start(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    for (const w of this.workers) runInBackground(w, this.options.logger);
  }

  running(): boolean {
    return this.workers.every((w) => w.isRunning());
  }

  async close(force = false): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.workers.map((w) => w.close(force)));
  }
}

async function call(karoo: KarooApi, data: OutboundJobData): Promise<unknown> {
  const { effect, idempotencyKey } = data;
  switch (effect.type) {
    case 'karoo.sendMessage':
      return karoo.sendMessage(effect.chatId, effect.text, idempotencyKey);
    case 'karoo.closeChat':
      return karoo.closeChat(effect.chatId, effect.reason, idempotencyKey);
    case 'karoo.proactive':
      return karoo.sendProactive(effect.to, effect.department, effect.text, idempotencyKey);
  }
}
