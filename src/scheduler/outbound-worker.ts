import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { KarooError, type KarooApi } from '../bot/karoo-client.js';
import { retryDelay, type BackoffSettings } from './backoff.js';
import { OUTBOUND_QUEUE, type OutboundJobData } from './outbound-queue.js';
import { runWithResult, type ResultSink } from './results.js';

/** Runs queued Karoo calls. Retryable failures come back with backoff; final ones stop. */
export class OutboundWorker {
  readonly worker: Worker<OutboundJobData>;

  constructor(
    connection: Redis,
    prefix: string,
    karoo: KarooApi,
    sink: ResultSink,
    options: { concurrency: number; backoff: BackoffSettings; logger: Logger },
  ) {
    const { logger } = options;
    this.worker = new Worker<OutboundJobData>(
      OUTBOUND_QUEUE,
      (job) => runWithResult(job, sink, () => OutboundWorker.call(karoo, job), (err) => err instanceof KarooError && err.kind === 'final'),
      {
        connection,
        prefix,
        concurrency: options.concurrency,
        autorun: false,
        settings: {
          backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => retryDelay(attemptsMade, err, options.backoff),
        },
      },
    );
    logFailures(this.worker, logger, 'karoo call');
  }

  private static async call(karoo: KarooApi, job: Job<OutboundJobData>): Promise<unknown> {
    const { effect, idempotencyKey } = job.data;
    switch (effect.type) {
      case 'karoo.sendMessage':
        return karoo.sendMessage(effect.chatId, effect.text, idempotencyKey);
      case 'karoo.closeChat':
        return karoo.closeChat(effect.chatId, effect.reason, idempotencyKey);
      case 'karoo.proactive':
        return karoo.sendProactive(effect.to, effect.department, effect.text, idempotencyKey);
    }
  }

  start(): void {
    void this.worker.run();
  }

  async close(force = false): Promise<void> {
    await this.worker.close(force);
  }
}

/** Logs each failed attempt: a warning while it will be retried, an error when it stops. */
export function logFailures(worker: Worker, logger: Logger, what: string): void {
  worker.on('failed', (job, err) => {
    const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    logger[final ? 'error' : 'warn'](
      { jobId: job?.id, attempt: job?.attemptsMade, err: err.message },
      final ? `${what} failed for good; kept in the failed set` : `${what} failed; will retry`,
    );
  });
  worker.on('error', (err) => logger.error({ err: err.message }, `${what} worker error`));
}
