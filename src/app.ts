import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { adminPlugin } from './admin.js';
import { BimerClient } from './bimer-client/bimer-client.js';
import { BimerError, type BimerApi } from './bimer-client/types.js';
import { EventProcessor, type ItemObserver } from './processor/event-processor.js';
import { KarooClient, type KarooApi } from './karoo-client/karoo-client.js';
import { WebhookDedupe } from './bot/webhook-dedupe.js';
import { webhookRoute } from './bot/webhook-route.js';
import { WebhookVerifier } from './bot/webhook-signature.js';
import { systemClock, type AdjustableClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { loggerOptions } from './logger.js';
import { createRedis, Keys } from './redis.js';
import { EventQueues } from './scheduler/event-queues.js';
import { EventWorkers } from './scheduler/event-workers.js';
import { OutboundQueue } from './scheduler/outbound-queue.js';
import { OutboundWorker } from './scheduler/outbound-worker.js';
import { BusinessCalendar, parseBusinessHours } from './calendar/business-calendar.js';
import type { FlowContext } from './flows/types.js';
import { BimerQueue, BimerWorker } from './scheduler/bimer-queue.js';
import { resultSink } from './scheduler/results.js';
import { Timers } from './scheduler/timers.js';
import { buildLanguage } from './nlu/build.js';
import { KnowledgeBaseSource } from './faq/knowledge-base.js';
import { Roster, type RosterData } from './roster/roster.js';
import { SandboxClock } from './sandbox/sandbox-clock.js';
import { sandboxPlugin, SandboxStore } from './sandbox/sandbox-plugin.js';
import { sandboxRoster } from './sandbox/sandbox-roster.js';
import { simulatorPlugin } from './sandbox/simulator.js';
import { RosterSource } from './roster/roster-source.js';
import { RedisStreamStore } from './store/stream-store.js';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  /** Replaces the HTTP Karoo client (some tests). */
  karoo?: KarooApi;
  /** Replaces the HTTP Bimer client. */
  bimer?: BimerApi;
  logger?: Logger;
  /** Called after each item is applied to its stream (metrics, audit, tests). */
  onEventApplied?: ItemObserver;
}

export interface BotRuntime {
  config: Config;
  clock: Clock;
  redis: Redis;
  keys: Keys;
  events: EventQueues;
  outbound: OutboundQueue;
  bimer: BimerQueue;
  timers: Timers;
  /** The flow context in force (calendar, roster, settings); it changes when the roster is reloaded. */
  context: () => FlowContext;
  roster: RosterSource;
  eventWorkers: EventWorkers | null;
  outboundWorker: OutboundWorker | null;
  bimerWorker: BimerWorker | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    bot: BotRuntime;
    /** The sandbox's Karoo and Bimer, when the bot runs in sandbox mode. */
    sandbox: SandboxStore | null;
  }
}

/**
 * Builds the whole bot as a Fastify instance: webhook intake, workers, ops routes. `server.ts`
 * only listens and closes it; tests call `inject()` on it.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const sandboxClock: AdjustableClock | null = config.sandbox ? ((options.clock as AdjustableClock | undefined) ?? new SandboxClock()) : null;
  const clock = sandboxClock ?? options.clock ?? systemClock;
  const logger = options.logger ?? pino(loggerOptions(config.LOG_LEVEL));

  const fastifyLogger: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance: fastifyLogger,
    // Per-request lines only at debug: the webhook logs its own outcome.
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace' }),
    // Fastify's default limit; the webhook route sets its own 64 KiB.
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });

  // Files first: an invalid knowledge base stops the start before any connection is opened.
  const knowledgeBase = new KnowledgeBaseSource(config.FAQ_FILE, logger);
  const kbLoaded = knowledgeBase.reload();
  if (!kbLoaded.ok) throw new Error(`the knowledge base ${config.FAQ_FILE} is invalid: ${kbLoaded.error}`);
  const language = (() => {
    try {
      return buildLanguage(config.NLU_DATA_DIR, knowledgeBase.current(), config.NLU_MODEL_FILE || undefined);
    } catch (err) {
      throw new Error(`the language data in ${config.NLU_DATA_DIR} is invalid: ${(err as Error).message}`, { cause: err });
    }
  })();
  logger.info(
    { agent: language.corpus.agent.length, customer: language.corpus.customer.length, faq: language.corpus.faq.length, ms: language.ms, source: language.source },
    language.source === 'trained' ? 'language layer trained' : `language layer loaded (${language.source})`,
  );
  if (language.fileProblem) logger.warn({ problem: language.fileProblem }, 'the trained language model is not kept between starts (the bot trains it at each start)');
  const roster = new RosterSource(config.ROSTER_FILE, logger);
  if (config.ROSTER_FILE) roster.reload();

  const sentinel = { sentinels: config.REDIS_SENTINELS, name: config.REDIS_SENTINEL_MASTER };
  const requestRedis = createRedis(config.REDIS_URL, 'request', {}, sentinel);
  const queueRedis = createRedis(config.REDIS_URL, 'queue', {}, sentinel);
  for (const [name, client] of [
    ['request', requestRedis],
    ['queue', queueRedis],
  ] as const) {
    client.on('error', (err: Error) => logger.warn({ err: err.message, connection: name }, 'redis connection error'));
  }

  const keys = new Keys(config.QUEUE_PREFIX);
  const events = new EventQueues(queueRedis, config.QUEUE_PREFIX, config.EVENT_PARTITIONS);
  const outbound = new OutboundQueue(queueRedis, config.QUEUE_PREFIX, config.OUTBOUND_CONCURRENCY);
  const karoo =
    options.karoo ??
    new KarooClient({ baseUrl: config.KAROO_API_URL, token: config.KAROO_API_TOKEN, timeoutMs: config.KAROO_TIMEOUT_MS });

  const bimerApi = options.bimer ?? bimerFromConfig(config, clock, logger);
  const bimer = new BimerQueue(queueRedis, config.QUEUE_PREFIX, { maxAttempts: config.BIMER_MAX_ATTEMPTS });
  const timers = new Timers(queueRedis, config.QUEUE_PREFIX, requestRedis, keys, clock, events);
  const flowContext: FlowContext = {
    ...calendarAndRoster(config, roster.current()),
    faq: language.faq,
    nlu: language.nlu,
    plantao: {
      idleMinutes: config.PLANTAO_IDLE_MINUTES,
      partnerIdleMinutes: config.PLANTAO_PARTNER_IDLE_MINUTES,
      closeAfterMinutes: config.PLANTAO_CLOSE_AFTER_MINUTES,
      noticeMinutes: config.PLANTAO_NOTICE_MINUTES,
      escalationLeadMinutes: config.PLANTAO_ESCALATION_LEAD_MINUTES,
    },
    monitoring: {
      intervalDays: config.MONITORING_INTERVAL_DAYS,
      checkinTime: config.MONITORING_CHECKIN_TIME,
      moveToBusinessDay: config.MONITORING_MOVE_TO_BUSINESS_DAY,
      okCode: config.MONITORING_OK_CODE,
      rspType: config.MONITORING_RSP_TYPE,
      customerDepartment: config.MONITORING_CUSTOMER_DEPARTMENT,
      reminderTime: config.MONITORING_REMINDER_TIME,
      sellerReminderDays: config.MONITORING_SELLER_REMINDER_DAYS,
      maxReminders: config.MONITORING_MAX_REMINDERS,
    },
  };

  let eventWorkers: EventWorkers | null = null;
  let outboundWorker: OutboundWorker | null = null;
  let bimerWorker: BimerWorker | null = null;
  if (config.RUN_WORKERS) {
    const store = new RedisStreamStore(requestRedis, keys);
    const sink = resultSink(events, clock);
    const processor = new EventProcessor(store, { outbound, bimer, timers, events }, clock, () => flowContext, logger, options.onEventApplied);
    eventWorkers = new EventWorkers(queueRedis, config.QUEUE_PREFIX, config.EVENT_PARTITIONS, processor, logger);
    outboundWorker = new OutboundWorker(queueRedis, config.QUEUE_PREFIX, config.OUTBOUND_CONCURRENCY, karoo, sink, {
      maxAttempts: config.OUTBOUND_MAX_ATTEMPTS,
      backoff: { baseMs: config.OUTBOUND_BACKOFF_BASE_MS, maxMs: config.OUTBOUND_BACKOFF_MAX_MS },
      logger,
    });
    bimerWorker = new BimerWorker(queueRedis, config.QUEUE_PREFIX, bimerApi, sink, {
      concurrency: config.BIMER_CONCURRENCY,
      backoff: { baseMs: config.OUTBOUND_BACKOFF_BASE_MS, maxMs: config.OUTBOUND_BACKOFF_MAX_MS },
      logger,
    });
  }

  app.decorate('bot', {
    config,
    clock,
    redis: requestRedis,
    keys,
    events,
    outbound,
    bimer,
    timers,
    context: () => flowContext,
    roster,
    eventWorkers,
    outboundWorker,
    bimerWorker,
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return reply.code(status).send({ error: { code: error.code ?? 'bad_request', message: error.message } });
    }
    request.log.error({ err: error.message }, 'request failed');
    // Nothing was accepted: Karoo will redeliver.
    return reply
      .code(503)
      .header('retry-after', '5')
      .send({ error: { code: 'unavailable', message: 'Temporarily unable to accept the event; retry later.' } });
  });

  await app.register(rateLimit, {
    global: false,
    redis: requestRedis,
    nameSpace: keys.rateLimit(),
    skipOnError: true,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `Too many requests; retry in ${context.after}.` },
    }),
  });

  // In a scope of its own: the webhook reads JSON as raw text (for the signature), the other
  // routes (bull-board, the sandbox) keep Fastify's JSON parser.
  await app.register((scope, _opts, done) => {
    webhookRoute(scope, {
      verifier: new WebhookVerifier(config.KAROO_WEBHOOK_SECRET),
      clock,
      dedupe: new WebhookDedupe(requestRedis, keys, config.WEBHOOK_DEDUPE_TTL_HOURS * 3600),
      events,
      rateLimit: { max: config.RATE_LIMIT_MAX, timeWindow: config.RATE_LIMIT_WINDOW_MS },
    });
    done();
  });

  app.get('/healthz', (_request, reply) => reply.send({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const checks = {
      redis: await requestRedis
        .ping()
        .then((r) => r === 'PONG')
        .catch(() => false),
      workers:
        !config.RUN_WORKERS ||
        Boolean(eventWorkers?.running() && outboundWorker?.running() && bimerWorker?.worker.isRunning() && timers.running()),
    };
    const ready = checks.redis && checks.workers;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });

  roster.onChange((data) => Object.assign(flowContext, calendarAndRoster(config, data)));
  knowledgeBase.onChange((entries) => {
    // The classifiers learn from the base's questions too: retrained (a second or two) with it.
    try {
      const next = buildLanguage(config.NLU_DATA_DIR, entries, config.NLU_MODEL_FILE || undefined);
      Object.assign(flowContext, { faq: next.faq, nlu: next.nlu });
      logger.info({ entries: entries.length, ms: next.ms, source: next.source }, 'language layer rebuilt for the new knowledge base');
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'the new knowledge base does not fit the language data: the previous one stays in force');
    }
  });
  let sandbox: SandboxStore | null = null;
  if (config.sandbox) {
    sandbox = new SandboxStore(requestRedis, keys);
    await app.register(sandboxPlugin, { store: sandbox, now: () => clock.now() });
    await app.register(simulatorPlugin, {
      store: sandbox,
      clock: sandboxClock as AdjustableClock,
      timers,
      context: () => flowContext,
      secret: config.KAROO_WEBHOOK_SECRET[0] as string,
    });
    if (!config.ROSTER_FILE) roster.set(sandboxRoster(flowContext.calendar, clock.now()));
    logger.warn(
      { karoo: config.KAROO_API_URL, bimer: config.BIMER_API_URL },
      'SANDBOX MODE: Karoo and Bimer are the local stand-ins under /sandbox; nothing reaches a real customer. Never run this in production (set SANDBOX=false and the real credentials).',
    );
  }
  app.decorate('sandbox', sandbox);

  await app.register(adminPlugin, {
    config,
    roster,
    knowledgeBase,
    queues: [...events.queues, ...outbound.queues, bimer.queue, timers.queue],
    redis: requestRedis,
    keys,
    nlu: () => flowContext.nlu,
  });

  app.addHook('onReady', async () => {
    await Promise.all([events.init(), outbound.init()]);
    await Promise.all([eventWorkers?.start(), outboundWorker?.start(), bimerWorker?.start(), config.RUN_WORKERS ? timers.start(logger) : undefined]);
    roster.watch();
    knowledgeBase.watch();
    logger.info(
      { partitions: config.EVENT_PARTITIONS, workers: config.RUN_WORKERS },
      'karoo-bot ready: webhook intake and workers running',
    );
  });

  app.addHook('onClose', async () => {
    roster.close();
    knowledgeBase.close();
    // Stop taking jobs and let the active ones finish, within a bound; then close Redis.
    const drain = Promise.all([eventWorkers?.close(), outboundWorker?.close(), bimerWorker?.close(), timers.stop()]);
    const bounded = await Promise.race([
      drain.then(() => true),
      new Promise<false>((resolve) => setTimeout(resolve, config.SHUTDOWN_TIMEOUT_MS, false).unref()),
    ]);
    if (!bounded) {
      logger.warn({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown bound reached; unfinished jobs go back to the queue');
      await Promise.all([eventWorkers?.close(true), outboundWorker?.close(true), bimerWorker?.close(true), timers.stop(true)]);
    }
    await Promise.all([events.close(), outbound.close(), bimer.close(), timers.close()]);
    await Promise.all([requestRedis.quit().catch(() => undefined), queueRedis.quit().catch(() => undefined)]);
  });

  return app;
}

/** The HTTP Bimer client, or, when Bimer is not configured, one that refuses every call (logged). */
function bimerFromConfig(config: Config, clock: Clock, logger: Logger): BimerApi {
  const { BIMER_API_URL, BIMER_CLIENT_ID, BIMER_CLIENT_SECRET, BIMER_USERNAME, BIMER_PASSWORD } = config;
  if (BIMER_API_URL && BIMER_CLIENT_ID && BIMER_CLIENT_SECRET && BIMER_USERNAME && BIMER_PASSWORD) {
    return new BimerClient(
      {
        baseUrl: BIMER_API_URL,
        clientId: BIMER_CLIENT_ID,
        clientSecret: BIMER_CLIENT_SECRET,
        username: BIMER_USERNAME,
        password: BIMER_PASSWORD,
        requestsPerSecond: config.BIMER_RPS,
        timeoutMs: config.BIMER_TIMEOUT_MS,
        readRetries: config.BIMER_READ_RETRIES,
      },
      clock,
    );
  }
  logger.warn('Bimer is not configured (BIMER_API_URL, BIMER_CLIENT_ID, BIMER_CLIENT_SECRET, BIMER_USERNAME, BIMER_PASSWORD): monitoring steps will fail');
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

/** The business calendar (environment, plus the roster's hours and extra holidays) and the roster. */
function calendarAndRoster(config: Config, data: RosterData): { calendar: BusinessCalendar; roster: Roster } {
  const calendar = new BusinessCalendar({
    timeZone: config.TZ_BUSINESS,
    hours: parseBusinessHours(data.businessHours ?? config.BUSINESS_HOURS),
    state: config.HOLIDAY_STATE,
    extraHolidays: [...config.EXTRA_HOLIDAYS, ...data.extraHolidays],
    holidayTypes: config.HOLIDAY_TYPES,
  });
  return { calendar, roster: new Roster(data, (date, time) => calendar.at(date, time)) };
}
