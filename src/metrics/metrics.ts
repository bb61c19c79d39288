import type { Job, Queue, Worker } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DownstreamError } from '../errors/downstream-error.js';

/**
 * The bot's Prometheus metrics (issue 15), in a registry of their own, every name prefixed
 * `karoo_bot_`. Counters and histograms are fed by the edges as things happen (the webhook
 * route, the workers, the timers, the processor's `metric` effects); the gauges read Redis
 * when scraped (`setGauges`). docs/OPERATIONS.md lists them with alert rules.
 */

export const PREFIX = 'karoo_bot_';

/** `events-03`, `karoo-outbound-01` → `events`, `karoo-outbound`: partitions are summed. */
export const queueBase = (name: string): string => name.replace(/-\d+$/, '');

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

export class BotMetrics {
  readonly registry = new Registry();
  readonly webhooks = new Counter({ name: `${PREFIX}webhooks_total`, help: 'Karoo webhooks received, by outcome.', labelNames: ['outcome'], registers: [this.registry] });
  readonly queueJobs = new Gauge({ name: `${PREFIX}queue_jobs`, help: 'Jobs per queue and state (partitions summed), read at scrape.', labelNames: ['queue', 'state'], registers: [this.registry] });
  readonly jobWait = new Histogram({ name: `${PREFIX}job_wait_seconds`, help: 'From when a job could run to when a worker took it.', labelNames: ['queue'], buckets: SECONDS, registers: [this.registry] });
  readonly jobRun = new Histogram({ name: `${PREFIX}job_run_seconds`, help: "One attempt's run time.", labelNames: ['queue'], buckets: SECONDS, registers: [this.registry] });
  readonly retries = new Counter({ name: `${PREFIX}job_retries_total`, help: 'Failed attempts that will be retried.', labelNames: ['queue'], registers: [this.registry] });
  readonly failed = new Counter({ name: `${PREFIX}jobs_failed_total`, help: 'Jobs that failed for good (kept in the failed set).', labelNames: ['queue'], registers: [this.registry] });
  readonly timerLateness = new Histogram({ name: `${PREFIX}timer_lateness_seconds`, help: 'How late a timer fired against its due time.', buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600], registers: [this.registry] });
  readonly downstream = new Histogram({ name: `${PREFIX}downstream_request_seconds`, help: 'Karoo and Bimer calls, by operation and outcome.', labelNames: ['system', 'operation', 'outcome'], buckets: SECONDS, registers: [this.registry] });
  readonly faq = new Counter({ name: `${PREFIX}faq_questions_total`, help: "Agents' questions to the FAQ, by outcome (unknown: \"não sei\").", labelNames: ['outcome'], registers: [this.registry] });
  readonly cyclesOpen = new Gauge({ name: `${PREFIX}monitoring_cycles_open`, help: 'Monitoring cycles (2266) not yet with supervision, by week.', labelNames: ['week'], registers: [this.registry] });
  readonly whatsappSends = new Counter({ name: `${PREFIX}whatsapp_sends_total`, help: 'Messages to a phone, by form: text (inside the 24-hour window), template (outside it), not_sent (outside it, no template).', labelNames: ['form'], registers: [this.registry] });
  readonly templateRefusals = new Counter({ name: `${PREFIX}whatsapp_template_refusals_total`, help: 'Templates Karoo refused (template_not_approved): the template must be registered and approved.', labelNames: ['template'], registers: [this.registry] });
  readonly plantaoOpen = new Gauge({ name: `${PREFIX}plantao_chats_open`, help: 'On-call chats open in a running shift.', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    for (const outcome of ['answered', 'options', 'unknown']) this.faq.inc({ outcome }, 0);
  }

  /** Wait and run times, retries and final failures of a BullMQ worker's jobs. */
  watchWorker(worker: Worker): void {
    const queue = queueBase(worker.name);
    const timings = (job: Job | undefined) => {
      if (!job?.processedOn) return;
      const ready = job.timestamp + (job.opts.delay ?? 0);
      this.jobWait.observe({ queue }, Math.max(0, job.processedOn - ready) / 1000);
      if (job.finishedOn) this.jobRun.observe({ queue }, Math.max(0, job.finishedOn - job.processedOn) / 1000);
    };
    worker.on('completed', (job) => timings(job));
    worker.on('failed', (job, err) => {
      timings(job);
      const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      (final ? this.failed : this.retries).inc({ queue });
    });
  }

  /**
   * The same client with every method timed, by outcome (the error's reading of the status:
   * retryable, final, auth; anything else thrown counts as retryable).
   */
  instrument<T extends object>(system: 'karoo' | 'bimer', api: T, now: () => number = () => performance.now()): T {
    const histogram = this.downstream;
    return new Proxy(api, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return async (...args: unknown[]) => {
          const start = now();
          const labels = { system, operation: property };
          try {
            const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
            histogram.observe({ ...labels, outcome: 'ok' }, (now() - start) / 1000);
            return result;
          } catch (err) {
            const outcome = err instanceof DownstreamError ? err.kind : 'retryable';
            histogram.observe({ ...labels, outcome }, (now() - start) / 1000);
            throw err;
          }
        };
      },
    });
  }

  /** The queue depths by state, partitions summed. */
  async setQueueDepths(queues: readonly Queue[]): Promise<void> {
    const states = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
    const totals = new Map<string, Record<string, number>>();
    const counts = await Promise.all(queues.map(async (q) => [queueBase(q.name), await q.getJobCounts(...states)] as const));
    for (const [queue, c] of counts) {
      const sum = totals.get(queue) ?? {};
      for (const s of states) sum[s] = (sum[s] ?? 0) + (c[s] ?? 0);
      totals.set(queue, sum);
    }
    for (const [queue, sum] of totals) for (const s of states) this.queueJobs.set({ queue, state: s }, sum[s] ?? 0);
  }

  /** Accepted webhooks still in the intake streams, not yet queued by the pump: the `intake` queue, waiting. */
  setIntakeBacklog(entries: number): void {
    this.queueJobs.set({ queue: 'intake', state: 'waiting' }, entries);
  }
}
