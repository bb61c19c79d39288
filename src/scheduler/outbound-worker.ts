import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { KarooError, type KarooApi } from '../bot/karoo-client.js';
import { retryDelay, type BackoffSettings } from './backoff.js';
import { OUTBOUND_QUEUE, type OutboundJobData } from './outbound-queue.js';

/** Runs queued Karoo calls. Retryable failures come back with backoff; final ones stop. */
export class OutboundWorker {
  readonly worker: Worker<OutboundJobData>;

  constructor(
    connection: Redis,
    prefix: string,
    karoo: KarooApi,
    options: { concurrency: number; backoff: BackoffSettings; logger: Logger },
  ) {
    const { logger } = options;
    this.worker = new Worker<OutboundJobData>(OUTBOUND_QUEUE, (job) => this.run(karoo, job), {
      connection,
      prefix,
      concurrency: options.concurrency,
      autorun: false,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) =>
          retryDelay(attemptsMade, err, options.backoff),
      },
    });
    this.worker.on('failed', (job, err) => {
      const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      logger[final ? 'error' : 'warn'](
        { jobId: job?.id, attempt: job?.attemptsMade, err: err.message },
        final ? 'karoo call failed for good; kept in the failed set' : 'karoo call failed; will retry',
      );
    });
    this.worker.on('error', (err) => logger.error({ err: err.message }, 'outbound worker error'));
  }

  start(): void {
    void this.worker.run();
  }

  private async run(karoo: KarooApi, job: Job<OutboundJobData>): Promise<unknown> {
    const { effect, idempotencyKey } = job.data;
    try {
      switch (effect.type) {
        case 'karoo.sendMessage':
          return await karoo.sendMessage(effect.chatId, effect.text, idempotencyKey);
        case 'karoo.closeChat':
          return await karoo.closeChat(effect.chatId, effect.reason, idempotencyKey);
        case 'karoo.proactive':
          return await karoo.sendProactive(effect.to, effect.department, effect.text, idempotencyKey);
      }
    } catch (err) {
      if (err instanceof KarooError && err.kind === 'final') throw new UnrecoverableError(err.message);
      throw err;
    }
  }

  async close(force = false): Promise<void> {
    await this.worker.close(force);
  }
}
