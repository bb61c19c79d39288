import fp from 'fastify-plugin';
import { AuditLog } from '../audit/audit-log.js';
import { BimerClient } from '../bimer-client/bimer-client.js';
import { bimerRunner } from '../bimer-client/operations.js';
import { BimerError, type BimerApi } from '../bimer-client/types.js';
import type { Settings } from '../settings.js';
import type { Clock } from '../clock.js';
import { KarooClient, type KarooApi } from '../karoo-client/karoo-client.js';
import { WhatsAppWindows } from '../store/whatsapp-window.js';
import { EventProcessor, type ItemObserver } from '../processor/event-processor.js';
import { BimerWorker } from '../scheduler/bimer-queue.js';
import { EventWorkers } from '../scheduler/event-workers.js';
import { IntakePressure } from '../scheduler/intake-pressure.js';
import { IntakePump } from '../scheduler/intake-pump.js';
import { OutboundWorker } from '../scheduler/outbound-worker.js';
import { resultSink } from '../scheduler/result-sink.js';
import { MIN_OUTBOX_TTL_SECONDS, RedisStreamStore } from '../store/stream-store.js';

/**
 * The workers (when RUN_WORKERS is on): the stream processor behind the event queues, the
 * Karoo and Bimer effect workers, and the timers. They start when the app is ready and, when it
 * closes, drain before the HTTP server does, within SHUTDOWN_TIMEOUT_MS (unfinished jobs go back
 * to their queue). This is the composition root of the adapters: the only place the Karoo and
 * Bimer clients meet.
 */

export interface WorkersOptions {
  /** Replaces the HTTP Karoo client (some tests). */
  karoo?: KarooApi;
  /** Replaces the HTTP Bimer client. */
  bimer?: BimerApi;
  /** Called after each item is applied to its stream (metrics, audit, tests). */
  onEventApplied?: ItemObserver;
}

export interface BotWorkers {
  eventWorkers: EventWorkers | null;
  outboundWorker: OutboundWorker | null;
  bimerWorker: BimerWorker | null;
  /** Moves the accepted webhooks from the intake streams into the event queues (one instance at a time). */
  pump: IntakePump | null;
  /** The intake notes what it accepts here; the event workers yield to it in a burst (null: no workers here). */
  pressure: IntakePressure | null;
  /** Every worker runs (true when this instance runs none: RUN_WORKERS=false). */
  running(): boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    workers: BotWorkers;
  }
}

export default fp<WorkersOptions>(
  (app, opts, done) => {
    const { settings } = app.config;
    const { queues, redis } = settings;
    const { events, outbound, bimer, timers } = app.queues;
    if (!queues.runWorkers) {
      app.decorate('workers', { eventWorkers: null, outboundWorker: null, bimerWorker: null, pump: null, pressure: null, running: () => true });
      return done();
    }
    // Every Karoo and Bimer call is timed by outcome (GET /metrics).
    const karoo = app.metrics.instrument('karoo', opts.karoo ?? new KarooClient(settings.karoo));
    const bimerApi = app.metrics.instrument('bimer', opts.bimer ?? bimerFromSettings(settings.bimer, app.clock, (message) => app.log.warn(message)));
    // An applied event is remembered a day past the webhook's dedupe window (see the webhook route).
    const outboxTtl = Math.max(MIN_OUTBOX_TTL_SECONDS, settings.webhook.dedupeTtlSeconds + 24 * 3600);
    const store = new RedisStreamStore(app.redis.request, app.redis.keys, outboxTtl);
    const sink = resultSink(events, app.clock);
    const windows = new WhatsAppWindows(app.redis.request, app.redis.keys);
    const processor = new EventProcessor(store, { outbound, bimer, timers, events, metrics: app.metrics, windows }, app.clock, () => app.flowContext.current(), app.logger, opts.onEventApplied);
    const pressure = new IntakePressure(queues.intakeYieldRate);
    const eventWorkers = new EventWorkers(app.redis.queue, redis.prefix, queues.partitions, processor, app.logger, pressure);
    const backoff = queues.backoff;
    const outboundWorker = new OutboundWorker(app.redis.queue, redis.prefix, queues.outboundConcurrency, karoo, sink, {
      maxAttempts: queues.outboundMaxAttempts,
      backoff,
      logger: app.logger,
      // Karoo calls are retried in place (the chat waits behind them): counted here, not by BullMQ.
      onRetry: () => app.metrics.retries.inc({ queue: 'karoo-outbound' }),
      onPhoneSend: (form) => app.metrics.whatsappSends.inc({ form }),
      onTemplateRefused: (template) => app.metrics.templateRefusals.inc({ template }),
      windows,
      clock: app.clock,
    });
    const audit = new AuditLog(app.redis.request, app.redis.keys, settings.retentionDays);
    const bimerWorker = new BimerWorker(app.redis.queue, redis.prefix, bimerRunner(bimerApi), sink, { concurrency: settings.bimer.concurrency, backoff, logger: app.logger }, { log: audit, clock: app.clock });
    const pump = new IntakePump(app.redis.queue, app.redis.keys, events, app.logger, pressure);
    for (const worker of [...eventWorkers.workers, ...outboundWorker.workers, bimerWorker.worker]) app.metrics.watchWorker(worker);
    app.decorate('workers', {
      eventWorkers,
      outboundWorker,
      bimerWorker,
      pump,
      pressure,
      running: () => pump.running() && eventWorkers.running() && outboundWorker.running() && bimerWorker.worker.isRunning() && timers.running(),
    });
    app.addHook('onReady', async () => {
      await Promise.all([
        eventWorkers.start(),
        outboundWorker.start(),
        bimerWorker.start(),
        timers.start(app.logger, (latenessMs) => app.metrics.timerLateness.observe(latenessMs / 1000)),
      ]);
      if (timers.worker) app.metrics.watchWorker(timers.worker);
      pump.start();
    });
    // preClose, not onClose: the workers drain before the HTTP server closes. Fastify closes the
    // server before any onClose hook, and a connection busy at that instant is kept once idle
    // (keep-alive); in sandbox mode the workers' own calls to the stand-ins on this port would
    // hold the close that long.
    app.addHook('preClose', async () => {
      // Stop taking jobs and let the active ones finish, within a bound (the pump first: what it
      // has not queued stays in its stream for the next pump).
      await pump.close();
      const drain = Promise.all([eventWorkers.close(), outboundWorker.close(), bimerWorker.close(), timers.stop()]);
      const bounded = await Promise.race([
        drain.then(() => true),
        new Promise<false>((resolve) => setTimeout(resolve, queues.shutdownTimeoutMs, false).unref()),
      ]);
      if (!bounded) {
        app.log.warn({ timeoutMs: queues.shutdownTimeoutMs }, 'shutdown bound reached; unfinished jobs go back to the queue');
        await Promise.all([eventWorkers.close(true), outboundWorker.close(true), bimerWorker.close(true), timers.stop(true)]);
      }
    });
    done();
  },
  { name: 'workers', fastify: '5.x', dependencies: ['redis', 'queues', 'flow-context', 'metrics'] },
);

/** The HTTP Bimer client, or, when Bimer is not configured, one that refuses every call (logged). */
function bimerFromSettings(bimer: Settings['bimer'], clock: Clock, warn: (message: string) => void): BimerApi {
  if (bimer.login) {
    return new BimerClient({ ...bimer.login, requestsPerSecond: bimer.requestsPerSecond, timeoutMs: bimer.timeoutMs, readRetries: bimer.readRetries }, clock);
  }
  warn('Bimer is not configured (BIMER_API_URL, BIMER_CLIENT_ID, BIMER_CLIENT_SECRET, BIMER_USERNAME, BIMER_PASSWORD): monitoring steps will fail');
  const refuse = () => Promise.reject(new BimerError('Bimer não está configurado neste bot', 'final', undefined, []));
  return {
    findPeopleByPhone: refuse,
    getPersonByCode: refuse,
    getPerson: refuse,
    getUserByLogin: refuse,
    getUser: refuse,
    findTicketsByExternalKey: refuse,
    listCustomerTickets: refuse,
    getTicket: refuse,
    createTicket: refuse,
    replaceTicketText: refuse,
    delegateTicket: refuse,
  };
}
