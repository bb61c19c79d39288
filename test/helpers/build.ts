import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { inject } from 'vitest';
import { buildApp, type AppOptions } from '../../src/app.js';
import { signWebhook } from '../../src/intake/webhook-signature.js';
import { loadConfig, type Config } from '../../src/config.js';
import { testLogger } from './test-logs.js';

/** The secret of the Standard Webhooks specification's published test vector. */
export const TEST_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const KAROO_URL = 'http://karoo.test';
export const KAROO_TOKEN = 'test-karoo-token';

/** A valid configuration on the test Redis, with a key prefix of its own (tests run in parallel). */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: `t-${randomUUID().slice(0, 8)}`,
    KAROO_WEBHOOK_SECRET: TEST_SECRET,
    KAROO_API_URL: KAROO_URL,
    KAROO_API_TOKEN: KAROO_TOKEN,
    LOG_LEVEL: 'debug',
    EVENT_PARTITIONS: '4',
    OUTBOUND_CONCURRENCY: '4',
    OUTBOUND_BACKOFF_BASE_MS: '50',
    OUTBOUND_BACKOFF_MAX_MS: '2000',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...overrides,
  });
}

/** Builds the app (fastify/demo style) and makes it ready; close it in afterEach. */
export async function build(options: Partial<AppOptions> & { env?: Record<string, string> } = {}): Promise<FastifyInstance> {
  const { env, ...rest } = options;
  const app = await buildApp({ config: options.config ?? testConfig(env), logger: testLogger(), ...rest });
  await app.ready();
  return app;
}

let counter = 0;

export interface EventInput {
  id?: string;
  type?: string;
  chatId?: string;
  department?: string;
  kind?: 'customer' | 'partner' | 'agent';
  author?: 'contact' | 'agent' | 'bot' | 'system';
  text?: string;
  login?: string | null;
  phone?: string | null;
  /** The contact's profile name (a person's default otherwise). */
  name?: string | null;
}

/** A contract-shaped Karoo event (docs/contracts/karoo-chat.md §1). */
export function makeEvent(input: EventInput = {}): Record<string, unknown> {
  counter += 1;
  const kind = input.kind ?? 'agent';
  const type = input.type ?? 'message.created';
  return {
    id: input.id ?? `evt_${randomUUID()}`,
    type,
    occurredAt: '2026-11-21T13:05:00-03:00',
    chat: {
      id: input.chatId ?? `ch_${randomUUID().slice(0, 8)}`,
      number: 98765,
      department: input.department ?? 'bot',
      contact: {
        id: 'ct_91',
        kind,
        name: input.name === undefined ? (kind === 'agent' ? 'João Silva' : 'Maria Souza') : input.name,
        phone: input.phone === undefined ? '+5521999990000' : input.phone,
        login: input.login === undefined ? (kind === 'agent' ? 'joao.silva' : null) : input.login,
        crmCode: kind === 'customer' ? '000123' : null,
      },
      agent: null,
    },
    ...(type === 'message.created'
      ? { message: { id: `msg_${counter}`, author: input.author ?? 'contact', text: input.text ?? 'ping' } }
      : {}),
  };
}

export interface SignOptions {
  secret?: string;
  timestamp?: number;
  id?: string;
  now?: Date;
}

/** An inject() request signed the way Karoo signs it. */
export function signedRequest(body: string | Record<string, unknown>, options: SignOptions = {}): InjectOptions {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const id = options.id ?? (typeof body === 'object' ? String(body.id) : `evt_${randomUUID()}`);
  const timestamp = options.timestamp ?? Math.floor((options.now ?? new Date()).getTime() / 1000);
  return {
    method: 'POST',
    url: '/webhooks/karoo',
    headers: { 'content-type': 'application/json', ...signWebhook(options.secret ?? TEST_SECRET, id, timestamp, raw) },
    payload: raw,
  };
}

export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20 } = {},
): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
