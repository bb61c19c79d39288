import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ResultRoute } from '../domain/effects.js';
import { retryDelay, WORKER_LIVENESS, type BackoffSettings } from './backoff.js';
import { runWithResult, type ResultSink } from './result-sink.js';

export interface EffectJob {
  key: string;
  onResult?: ResultRoute | undefined;
}

export interface EffectWorkerOptions {
  concurrency: number;
  backoff: BackoffSettings;
  logger: Logger;
}

/**
 * Runs the jobs of one effect queue (Karoo calls, Bimer calls): one attempt per job run,
 * retries with backoff (or the server's Retry-After), final errors stop at once, and the
 * outcome goes back to the stream that asked.
 */
export class EffectWorker<T extends EffectJob> {
  readonly worker: Worker<T>;
  private readonly logger: Logger;

  constructor(
    queueName: string,
    connection: Redis,
    prefix: string,
    sink: ResultSink,
    run: (job: Job<T>) => Promise<unknown>,
    isFinal: (err: unknown, attempt: number) => boolean,
    options: EffectWorkerOptions,
  ) {
    this.worker = new Worker<T>(queueName, (job) => runWithResult(job, sink, () => run(job), isFinal), {
      connection,
      prefix,
      concurrency: options.concurrency,
      autorun: false,
      ...WORKER_LIVENESS,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => retryDelay(attemptsMade, err, options.backoff),
      },
    });
    logFailures(this.worker, options.logger, queueName);
    this.logger = options.logger;
  }

  /** Starts the loop once the worker's connections are up (a close right after start stays clean). */
  async start(): Promise<void> {
    await this.worker.waitUntilReady();
    runInBackground(this.worker, this.logger);
  }

  async close(force = false): Promise<void> {
    await this.worker.close(force);
  }
}

/** Starts a worker's loop; a loop that stops on an error (Redis gone at shutdown, say) is logged. */
export function runInBackground(worker: Worker, logger: Logger): void {
  worker.run().catch((err: unknown) => {
    logger.warn({ queue: worker.name, err: err instanceof Error ? err.message : String(err) }, 'worker loop stopped');
  });
}

/** Logs each failed attempt: a warning while it will be retried, an error when it stops. */
export function logFailures(worker: Worker, logger: Logger, what: string): void {
  worker.on('failed', (job, err) => {
    const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    logger[final ? 'error' : 'warn'](
      { jobId: job?.id, attempt: job?.attemptsMade, err: err.message },
      final ? `${what} job failed for good; kept in the failed set` : `${what} job failed; will retry`,
    );
  });
  worker.on('error', (err) => logger.error({ err: err.message }, `${what} worker error`));
}
