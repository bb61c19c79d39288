import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { sendForm, type TemplateSend } from '../domain/whatsapp.js';
import { KarooError, type KarooApi } from '../karoo-client/karoo-client.js';
import { retryInPlace } from '../util/retry.js';
import { retryDelay, WORKER_LIVENESS, type BackoffSettings } from './backoff.js';
import { logFailures, runInBackground } from './effect-worker.js';
import { OutboundQueue, type OutboundJobData } from './outbound-queue.js';
import type { ResultSink } from './result-sink.js';

export interface OutboundWorkerOptions {
  /** Told of each failed attempt retried in place (GET /metrics counts them). */
  onRetry?: () => void;
  /** Told of each message to a phone: how it went (text, template, or not sent: the window was closed and it had no template). */
  onPhoneSend?: (form: 'text' | 'template' | 'not_sent') => void;
  /** Told when Karoo refuses a template (not approved, or parameters it refuses): ops must act. */
  onTemplateRefused?: (template: string) => void;
  /** WhatsApp's window per phone, read at the moment of sending. */
  windows: { isOpen(phone: string, now: Date): Promise<boolean> };
  clock: Clock;
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
        const result = await this.call(karoo, job.data);
        if (route && route.only !== 'failure') await sink(route, job.data.key, { ok: true, result: result ?? null }, job.data.cause);
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
      const code = err instanceof KarooError ? err.code : undefined;
      if (route) await sink(route, job.data.key, { ok: false, error: message, ...(code ? { code } : {}) }, job.data.cause);
      // Not sent because the window was closed and the message had no template: WhatsApp's rule, not a failure to keep for ops.
      if (err instanceof NotSent) return { notSent: err.code };
      if (code === 'template_not_approved' && job.data.effect.type === 'karoo.proactive') {
        const template = job.data.effect.template?.name ?? '(none)';
        this.options.logger.error({ jobId: job.id, template, err: message }, `Karoo refused the WhatsApp template "${template}": register it (approved) in Karoo for this department, or fix KAROO_*_TEMPLATE`);
        this.options.onTemplateRefused?.(template);
      }
      throw new UnrecoverableError(message);
    }
  }

  /** One attempt of a call. A message to a phone takes its form from WhatsApp's window at this moment. */
  private async call(karoo: KarooApi, data: OutboundJobData): Promise<unknown> {
    const { effect, idempotencyKey } = data;
    const now = this.options.clock.now();
    switch (effect.type) {
      case 'karoo.closeChat':
        return karoo.closeChat(effect.chatId, effect.reason, idempotencyKey);
      case 'karoo.sendMessage':
        if (!effect.phone) return karoo.sendMessage(effect.chatId, effect.text, idempotencyKey); // an agent's chat: no window
        if (!(await this.options.windows.isOpen(effect.phone, now))) throw this.notSent();
        try {
          return this.sent('text', await karoo.sendMessage(effect.chatId, effect.text, idempotencyKey));
        } catch (err) {
          // Karoo says the window is closed (a message the bot never saw, clock skew): a chat's text has no template.
          throw isOutsideWindow(err) ? this.notSent() : err;
        }
      case 'karoo.proactive': {
        const { to, department, template } = effect;
        if ('login' in to) return karoo.sendProactive(to, department, { text: effect.text }, idempotencyKey);
        // The template's own key: a retry after a refused text never sends the template twice.
        const asTemplate = async (t: TemplateSend) => this.sent('template', await karoo.sendProactive(to, department, { template: t }, `${idempotencyKey}:template`));
        const form = sendForm(!effect.templateOnly && (await this.options.windows.isOpen(to.phone, now)), template !== undefined);
        if (form === 'none') throw this.notSent();
        if (form === 'template' && template) return asTemplate(template);
        try {
          return this.sent('text', await karoo.sendProactive(to, department, { text: effect.text }, idempotencyKey));
        } catch (err) {
          // Refused as outside the window (a message the bot never saw, clock skew): once as the template, never the same text again.
          if (isOutsideWindow(err) && template) return asTemplate(template);
          throw isOutsideWindow(err) ? this.notSent() : err;
        }
      }
    }
  }

  /** A message to a phone went out: counted by form, and the form said in the result. */
  private sent<T extends object>(form: 'text' | 'template', result: T): T & { form: 'text' | 'template' } {
    this.options.onPhoneSend?.(form);
    return { ...result, form };
  }

  private notSent(): NotSent {
    this.options.onPhoneSend?.('not_sent');
    return new NotSent();
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

function isOutsideWindow(err: unknown): boolean {
  return err instanceof KarooError && !(err instanceof NotSent) && err.code === 'outside_window';
}

/** A message to a phone whose WhatsApp window is closed, with no template to send instead: not sent (§4). */
class NotSent extends KarooError {
  constructor() {
    super("not sent: the person's WhatsApp window is closed (24 hours since their last message) and this message has no template", 'final', undefined, 'outside_window', undefined);
  }
}
