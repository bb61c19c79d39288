import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { BimerApi } from './bimer-client/types.js';
import { systemClock, type AdjustableClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { KarooApi } from './karoo-client/karoo-client.js';
import { loggerOptions } from './logger.js';
import bot from './plugins/bot.js';
import errors from './plugins/errors.js';
import security from './plugins/security.js';
import flowContext from './plugins/flow-context.js';
import learning from './plugins/learning.js';
import language from './plugins/language.js';
import metrics from './plugins/metrics.js';
import queues from './plugins/queues.js';
import redis from './plugins/redis.js';
import retention from './plugins/retention.js';
import sandbox from './plugins/sandbox.js';
import workers from './plugins/workers.js';
import type { ItemObserver } from './processor/event-processor.js';
import adminRoutes from './routes/admin.js';
import healthRoutes from './routes/health.js';
import metricsRoutes from './routes/metrics.js';
import painelRoutes from './routes/painel.js';
import sandboxStandIns from './routes/sandbox-standins.js';
import simulatorRoutes from './routes/simulator.js';
import webhookRoutes from './routes/webhook.js';
import { SandboxClock } from './sandbox/sandbox-clock.js';

export type { BotRuntime } from './plugins/bot.js';

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

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
    /** The same logger as `log`, with pino's own type (the workers and file sources take it). */
    logger: Logger;
  }
}

/**
 * The whole bot as a Fastify instance: one plugin per concern that decorates the app
 * (src/plugins/, each named, with its dependencies), then the route groups (src/routes/). `server.ts` only listens and closes it; tests call `inject()` on it.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const sandboxClock: AdjustableClock | null = config.sandbox ? ((options.clock as AdjustableClock | undefined) ?? new SandboxClock()) : null;
  const logger = options.logger ?? pino(loggerOptions(config.LOG_LEVEL));
  // Typed as Fastify's logger so the instance keeps Fastify's default types.
  const fastifyLogger: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance: fastifyLogger,
    // Per-request lines only at debug: the webhook logs its own outcome.
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace' }),
    // Fastify's default limit; the webhook route sets its own 64 KiB.
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  app.decorate('config', config);
  app.decorate('clock', sandboxClock ?? options.clock ?? systemClock);
  app.decorate('logger', logger);

  await app.register(errors); //        one error answer for every route
  await app.register(security); //      login throttling, security headers, same-origin writes
  await app.register(language); //      the knowledge base and the trained language layer (files first)
  await app.register(redis); //         the request and queue connections (closed last)
  await app.register(queues); //        events, outbound, Bimer, timers
  await app.register(metrics); //       the Prometheus registry
  await app.register(flowContext); //   calendar, roster, language, routine settings
  await app.register(learning); //      the supervisors' teachings, learned in the background
  await app.register(workers, { karoo: options.karoo, bimer: options.bimer, onEventApplied: options.onEventApplied }); // processor and effect workers
  await app.register(retention); //     the hourly retention sweep
  await app.register(bot); //           the running bot in one object
  await app.register(sandbox, { clock: sandboxClock }); // the stand-ins' memory, the reset (sandbox mode)

  // The routes (src/routes/), each group in its own scope with its own login.
  await app.register(webhookRoutes); // POST /webhooks/karoo
  await app.register(healthRoutes); //  /healthz, /readyz
  await app.register(metricsRoutes); // GET /metrics
  await app.register(adminRoutes); //   /admin: bull-board, reloads, the learning loop, audit, erasure
  await app.register(painelRoutes); //  /painel: the supervisors' page
  await app.register(sandboxStandIns); // /sandbox/karoo, /sandbox/bimer (sandbox mode)
  await app.register(simulatorRoutes); // /sandbox: the simulator page and its API (sandbox mode)
  return app;
}
