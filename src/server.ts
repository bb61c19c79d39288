import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, readEnvFile } from './config.js';

/**
 * Thin entry: read the configuration (the environment, over the `.env` file of the working
 * directory, or the file ENV_FILE names; `ENV_FILE=` empty reads none), build the app, listen,
 * and close gracefully.
 */
/** Where Redis was looked for, without its password: said when the start fails for want of it. */
let redisWhere: string | null = null;

async function main(): Promise<void> {
  let config;
  let app;
  try {
    const envFile = process.env.ENV_FILE ?? '.env';
    config = loadConfig(process.env, envFile ? readEnvFile(envFile, process.env.ENV_FILE !== undefined) : undefined);
    redisWhere = config.REDIS_URL.replace(/\/\/[^@/]*@/, '//***@');
    // A file the configuration names (the roster, the knowledge base, the language data) that cannot be used is refused the same way.
    app = await buildApp({ config });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`karoo-bot cannot start. ${err.message}\nSee README.md, section "Configuration".\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }

  closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS + 5_000, logger: app.log }, async ({ signal, err }) => {
    if (err) app.log.error({ err: err.message }, 'closing after an unexpected error');
    else app.log.info({ signal }, 'shutting down: no new requests, draining active jobs');
    await app.close();
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  // Said only now that the server really listens (npm start's wrapper used to say it before).
  const base = `http://${config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST}:${config.PORT}`;
  process.stderr.write(`karoo-bot: listening on ${base} (webhook: POST /webhooks/karoo)\n`);
  if (config.sandbox) process.stderr.write(`karoo-bot: SANDBOX — open the simulator at ${base}/sandbox (queues: /admin/queues)\n`);
}

/** Redis unreachable, in ioredis's words: the start says where it looked and what to check (an outside tester got only "max retries per request"). */
const NO_REDIS = /maxRetriesPerRequest|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|Connection is closed|connect ETIMEDOUT/;

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  const check = `check that Redis is running there (npm start starts a local one on LOCAL_REDIS_PORT) and that REDIS_URL is right.`;
  const hint = !redisWhere
    ? ''
    : NO_REDIS.test(message)
      ? `\nRedis did not answer at REDIS_URL=${redisWhere}: ${check}`
      : /hook timed out/.test(message)
        ? `\nThe start waited in vain; most often it is Redis that did not answer at REDIS_URL=${redisWhere}: ${check}`
        : '';
  process.stderr.write(`karoo-bot failed to start: ${message}${hint}\n`);
  process.exit(1);
});
