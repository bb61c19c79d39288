import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { parseBusinessHours } from './calendar/business-calendar.js';
import type { QaSettings } from './flows/plantao/qa-report.js';
import type { MonitoringSettings, PlantaoSettings, TemplateSettings } from './flows/types.js';
import { accepts } from './util/validation.js';

/**
 * Configuration comes only from environment variables, validated once at start.
 * The names PORT, REDIS_URL, KAROO_* and BIMER_* are fixed by the contracts in shared/contracts.
 */

const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const webhookSecret = z
  .string({ error: 'is required (whsec_<base64 key>)' })
  .trim()
  .min(1, 'is required (whsec_<base64 key>)')
  .transform((v) => v.split(/[\s,]+/).filter(Boolean))
  .refine(
    (list) => list.every((s) => /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(s)),
    'must be one or more whsec_<base64 key> secrets separated by spaces',
  );

const time = (def: string) => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:mm').default(def);
/** A WhatsApp template's name as Meta allows it (lower case, digits, `_`); empty: no template. */
const templateName = (def: string) =>
  z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{0,512}$/, 'must be a WhatsApp template name (lower case letters, digits and _), or empty for none')
    .default(def)
    .transform((v) => v || null);

const list = (def: string) =>
  z
    .string()
    .default(def)
    .transform((v) => v.split(/[\s,]+/).filter(Boolean));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().default('0.0.0.0'),
  PORT: int(3000, 0, 65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).default('kb'),
  /** Redis Sentinel: `host:port` list; then REDIS_URL gives only the password, db and TLS. */
  REDIS_SENTINELS: list('').pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'must list sentinels as host:port'))),
  REDIS_SENTINEL_MASTER: z.string().min(1).default('mymaster'),

  SANDBOX: z.enum(['auto', 'true', 'false']).default('auto'),
  KAROO_WEBHOOK_SECRET: webhookSecret,
  KAROO_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  KAROO_API_TOKEN: z.string({ error: 'is required' }).min(1, 'is required'),
  KAROO_TIMEOUT_MS: int(5000, 100, 120_000),
  /** WhatsApp templates (registered and approved in Karoo), sent to a phone outside the 24-hour window; empty: none. */
  KAROO_FOLLOWUP_TEMPLATE: templateName('acompanhamento_semanal'),
  KAROO_RESELLER_TEMPLATE: templateName('aviso_revenda'),
  KAROO_TEMPLATE_LANGUAGE: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a language code such as pt_BR').default('pt_BR'),

  WEBHOOK_DEDUPE_TTL_HOURS: int(72, 72, 24 * 90),
  RATE_LIMIT_MAX: int(5000, 1),
  RATE_LIMIT_WINDOW_MS: int(1000, 100),

  EVENT_PARTITIONS: int(16, 1, 1024),
  OUTBOUND_CONCURRENCY: int(8, 1, 256),
  OUTBOUND_MAX_ATTEMPTS: int(20, 1, 1000),
  OUTBOUND_BACKOFF_BASE_MS: int(1000, 1),
  OUTBOUND_BACKOFF_MAX_MS: int(10 * 60_000, 1),
  RUN_WORKERS: bool(true),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 100),

  ADMIN_USER: optionalString,
  ADMIN_PASSWORD: optionalString,
  /** Bearer token of GET /metrics (the ops login is accepted too); with neither, /metrics is off. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters (e.g. openssl rand -hex 24)').optional()),
  SUPERVISOR_USER: optionalString,
  SUPERVISOR_PASSWORD: optionalString,

  BIMER_API_URL: optionalString.pipe(z.url({ error: 'must be an http(s) URL' }).optional()),
  BIMER_CLIENT_ID: optionalString,
  BIMER_CLIENT_SECRET: optionalString,
  BIMER_USERNAME: optionalString,
  BIMER_PASSWORD: optionalString,
  BIMER_RPS: z.coerce.number().positive().max(1000).default(5),
  BIMER_TIMEOUT_MS: int(10_000, 100, 120_000),
  BIMER_READ_RETRIES: int(3, 0, 10),
  BIMER_MAX_ATTEMPTS: int(30, 1, 1000),
  BIMER_CONCURRENCY: int(4, 1, 64),

  BUSINESS_HOURS: z
    .string()
    .default('mon-fri=08:00-18:00')
    .refine(accepts(parseBusinessHours), 'must look like mon-fri=08:00-18:00,sat=08:00-12:00'),
  HOLIDAY_STATE: optionalString.pipe(z.string().regex(/^[A-Z]{2}$/, 'must be a state (UF) such as RJ').optional()),
  HOLIDAY_TYPES: list('public'),
  EXTRA_HOLIDAYS: list('').pipe(
    z.array(z.string().regex(/^(\d{4}-)?\d{2}-\d{2}$/, 'must list dates as YYYY-MM-DD or MM-DD')),
  ),

  MONITORING_INTERVAL_DAYS: int(7, 1, 60),
  MONITORING_CHECKIN_TIME: time('08:00'),
  MONITORING_MOVE_TO_BUSINESS_DAY: bool(true),
  MONITORING_OK_CODE: z.string().regex(/^\d{6}$/, 'must be a 6-digit ticket type').default('000029'),
  MONITORING_RSP_TYPE: z.string().min(1).default('000030'),
  MONITORING_CUSTOMER_DEPARTMENT: z.string().min(1).default('implantacao'),
  MONITORING_REMINDER_TIME: time('08:00'),
  MONITORING_SELLER_REMINDER_DAYS: int(2, 1, 30),
  MONITORING_MAX_REMINDERS: int(5, 1, 50),

  ROSTER_FILE: optionalString,
  FAQ_FILE: z.string().min(1).default('kb/faq.yaml'),
  NLU_DATA_DIR: z.string().min(1).default('data/nlu/train'),
  /** Where the trained classifiers are kept between starts (empty: nowhere, train at each start). */
  NLU_MODEL_FILE: z.string().default('var/nlu-model.json'),
  PLANTAO_IDLE_MINUTES: int(30, 1, 240),
  PLANTAO_PARTNER_IDLE_MINUTES: int(20, 15, 30),
  PLANTAO_CLOSE_AFTER_MINUTES: int(20, 15, 30),
  PLANTAO_NOTICE_MINUTES: int(30, 1, 240),
  PLANTAO_ESCALATION_LEAD_MINUTES: int(0, 0, 24 * 60),
  PLANTAO_HARDWARE_HINT_DAYS: int(30, 1, 365),
  /** QA flags a contact left waiting this long for a technician on the plantão. */
  QA_CUSTOMER_WAIT_MINUTES: int(20, 1, 24 * 60),
  /** QA flags a technician text found in this many chats of one plantão as a pasted (canned) phrase. */
  QA_CANNED_MIN_CHATS: int(3, 2, 100),
  /** How people reach the bot's pages (the QA report links to /painel); default http://localhost:PORT. */
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  /** Days the figures derived from finished cycles and plantão chats are kept. */
  RETENTION_DAYS: int(90, 7, 3650),

  TZ_BUSINESS: z
    .string()
    .default('America/Sao_Paulo')
    .refine(
      accepts((tz) => new Intl.DateTimeFormat('en', { timeZone: tz })),
      'must be an IANA time zone such as America/Sao_Paulo',
    ),
});

type Flat = z.infer<typeof configSchema>;

/** The settings grouped by what uses them: each plugin reads its group, none remaps variables. */
export interface Settings {
  redis: { url: string; sentinels: string[]; sentinelMaster: string; prefix: string };
  karoo: { baseUrl: string; token: string; timeoutMs: number };
  /** `login` is null when Bimer is not configured (every Bimer step then fails with a clear message). */
  bimer: {
    login: { baseUrl: string; clientId: string; clientSecret: string; username: string; password: string } | null;
    requestsPerSecond: number;
    timeoutMs: number;
    readRetries: number;
    maxAttempts: number;
    concurrency: number;
  };
  webhook: { secrets: string[]; dedupeTtlSeconds: number; rateLimit: { max: number; timeWindow: number } };
  queues: {
    partitions: number;
    outboundConcurrency: number;
    outboundMaxAttempts: number;
    backoff: { baseMs: number; maxMs: number };
    runWorkers: boolean;
    shutdownTimeoutMs: number;
  };
  calendar: { timeZone: string; hours: string; state: string | undefined; holidayTypes: string[]; extraHolidays: string[] };
  monitoring: MonitoringSettings;
  plantao: PlantaoSettings;
  templates: TemplateSettings;
  qa: QaSettings;
  retentionDays: number;
  files: { roster: string | undefined; faq: string; nluData: string; nluModel: string | undefined };
  /** Null when the ops routes are closed (no ADMIN_USER/ADMIN_PASSWORD). */
  admin: { user: string; password: string } | null;
  /** GET /metrics's bearer token; null: only the ops login opens it (and with no ops login it is off). */
  metricsToken: string | null;
  /** Null when the supervisors' page is closed (no SUPERVISOR_USER/SUPERVISOR_PASSWORD). */
  supervisor: { user: string; password: string } | null;
}

export type Config = Flat & {
  /** Karoo and Bimer are the local stand-ins under /sandbox (never by accident in production). */
  sandbox: boolean;
  settings: Settings;
};

function group(c: Flat): Settings {
  const { BIMER_API_URL: baseUrl, BIMER_CLIENT_ID: clientId, BIMER_CLIENT_SECRET: clientSecret, BIMER_USERNAME: username, BIMER_PASSWORD: password } = c;
  return {
    redis: { url: c.REDIS_URL, sentinels: c.REDIS_SENTINELS, sentinelMaster: c.REDIS_SENTINEL_MASTER, prefix: c.QUEUE_PREFIX },
    karoo: { baseUrl: c.KAROO_API_URL, token: c.KAROO_API_TOKEN, timeoutMs: c.KAROO_TIMEOUT_MS },
    bimer: {
      login: baseUrl && clientId && clientSecret && username && password ? { baseUrl, clientId, clientSecret, username, password } : null,
      requestsPerSecond: c.BIMER_RPS,
      timeoutMs: c.BIMER_TIMEOUT_MS,
      readRetries: c.BIMER_READ_RETRIES,
      maxAttempts: c.BIMER_MAX_ATTEMPTS,
      concurrency: c.BIMER_CONCURRENCY,
    },
    webhook: {
      secrets: c.KAROO_WEBHOOK_SECRET,
      dedupeTtlSeconds: c.WEBHOOK_DEDUPE_TTL_HOURS * 3600,
      rateLimit: { max: c.RATE_LIMIT_MAX, timeWindow: c.RATE_LIMIT_WINDOW_MS },
    },
    queues: {
      partitions: c.EVENT_PARTITIONS,
      outboundConcurrency: c.OUTBOUND_CONCURRENCY,
      outboundMaxAttempts: c.OUTBOUND_MAX_ATTEMPTS,
      backoff: { baseMs: c.OUTBOUND_BACKOFF_BASE_MS, maxMs: c.OUTBOUND_BACKOFF_MAX_MS },
      runWorkers: c.RUN_WORKERS,
      shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    },
    calendar: { timeZone: c.TZ_BUSINESS, hours: c.BUSINESS_HOURS, state: c.HOLIDAY_STATE, holidayTypes: c.HOLIDAY_TYPES, extraHolidays: c.EXTRA_HOLIDAYS },
    monitoring: {
      intervalDays: c.MONITORING_INTERVAL_DAYS,
      checkinTime: c.MONITORING_CHECKIN_TIME,
      moveToBusinessDay: c.MONITORING_MOVE_TO_BUSINESS_DAY,
      okCode: c.MONITORING_OK_CODE,
      rspType: c.MONITORING_RSP_TYPE,
      customerDepartment: c.MONITORING_CUSTOMER_DEPARTMENT,
      reminderTime: c.MONITORING_REMINDER_TIME,
      sellerReminderDays: c.MONITORING_SELLER_REMINDER_DAYS,
      maxReminders: c.MONITORING_MAX_REMINDERS,
    },
    plantao: {
      idleMinutes: c.PLANTAO_IDLE_MINUTES,
      partnerIdleMinutes: c.PLANTAO_PARTNER_IDLE_MINUTES,
      closeAfterMinutes: c.PLANTAO_CLOSE_AFTER_MINUTES,
      noticeMinutes: c.PLANTAO_NOTICE_MINUTES,
      escalationLeadMinutes: c.PLANTAO_ESCALATION_LEAD_MINUTES,
      hardwareHintDays: c.PLANTAO_HARDWARE_HINT_DAYS,
    },
    templates: { language: c.KAROO_TEMPLATE_LANGUAGE, followUp: c.KAROO_FOLLOWUP_TEMPLATE, reseller: c.KAROO_RESELLER_TEMPLATE },
    qa: { customerWaitMinutes: c.QA_CUSTOMER_WAIT_MINUTES, cannedMinChats: c.QA_CANNED_MIN_CHATS, pageUrl: `${(c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '')}/painel` },
    retentionDays: c.RETENTION_DAYS,
    files: { roster: c.ROSTER_FILE, faq: c.FAQ_FILE, nluData: c.NLU_DATA_DIR, nluModel: c.NLU_MODEL_FILE || undefined },
    admin: c.ADMIN_USER && c.ADMIN_PASSWORD ? { user: c.ADMIN_USER, password: c.ADMIN_PASSWORD } : null,
    metricsToken: c.METRICS_TOKEN ?? null,
    supervisor: c.SUPERVISOR_USER && c.SUPERVISOR_PASSWORD ? { user: c.SUPERVISOR_USER, password: c.SUPERVISOR_PASSWORD } : null,
  };
}

/** The shortest password the ops and supervisors' logins may have. */
const MIN_PASSWORD = 12;

/** The sandbox's webhook secret when none is given: public on purpose, the sandbox holds no real data. */
export const SANDBOX_WEBHOOK_SECRET = 'whsec_a2Fyb28tYm90LXNhbmRib3gtc2VjcmV0LWtleQ==';
export const SANDBOX_KAROO_TOKEN = 'sandbox-karoo-token';
export const SANDBOX_BIMER_USER = 'sandbox';

const KAROO_CREDENTIALS = ['KAROO_API_URL', 'KAROO_API_TOKEN'] as const;
const BIMER_CREDENTIALS = ['BIMER_API_URL', 'BIMER_CLIENT_ID', 'BIMER_CLIENT_SECRET', 'BIMER_USERNAME', 'BIMER_PASSWORD'] as const;
const CREDENTIALS = [...KAROO_CREDENTIALS, ...BIMER_CREDENTIALS];

/** The `.env` file the bot read, if any: its values lose to the environment's. */
export interface EnvFile {
  name: string;
  values: Record<string, string>;
}

/** Reads a `.env` file (Node's own dotenv parser); undefined when there is none. */
export function readEnvFile(path: string): EnvFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError([`${path} cannot be read: ${(err as Error).message}`]);
  }
  return { name: basename(path), values: parseEnv(text) as Record<string, string> };
}

/** The variables as the bot sees them, and where each came from (for messages that say so). */
class Sources {
  readonly env: NodeJS.ProcessEnv;
  constructor(
    private readonly given: NodeJS.ProcessEnv,
    private readonly file: EnvFile | undefined,
  ) {
    this.env = { ...file?.values, ...given };
  }
  isSet(name: string): boolean {
    return Boolean(this.env[name]?.trim());
  }
  value(name: string): string {
    return (this.env[name] ?? '').trim();
  }
  from(name: string): string {
    return this.given[name] !== undefined || !this.file ? 'the environment' : this.file.name;
  }
  /** `A, B (from the environment), C (from .env)`: names grouped by where they came from. */
  describe(names: readonly string[]): string {
    const groups = new Map<string, string[]>();
    for (const n of names) groups.set(this.from(n), [...(groups.get(this.from(n)) ?? []), n]);
    return [...groups].map(([from, list]) => `${list.join(', ')} (from ${from})`).join(', ');
  }
}

/**
 * Settings that contradict each other. Each is refused with what was set, where, and the fix:
 * the bot never picks one side silently (a sandbox that swallows a real deployment answers 2xx
 * and reaches nobody).
 */
function contradictions(src: Sources): string[] {
  const problems: string[] = [];
  const sandbox = src.value('SANDBOX');
  const real = CREDENTIALS.filter((n) => src.isSet(n));
  if (sandbox === 'true' && real.length > 0) {
    problems.push(
      `SANDBOX=true (from ${src.from('SANDBOX')}) makes Karoo and Bimer the bot's own stand-ins, but real ones are configured too: ${src.describe(real)}. ` +
        `The bot would answer Karoo with 2xx and nothing would reach Karoo or Bimer. Fix: to use them, set SANDBOX=false (or remove SANDBOX from ${src.from('SANDBOX')}); to stay in the sandbox, unset ${real.join(', ')}.`,
    );
  }
  if (sandbox === 'true' && src.value('NODE_ENV') === 'production') {
    problems.push(
      `SANDBOX=true (from ${src.from('SANDBOX')}) with NODE_ENV=production (from ${src.from('NODE_ENV')}): a production bot never talks to stand-ins. ` +
        'Fix: for production set SANDBOX=false and the real Karoo and Bimer variables; to try the sandbox set NODE_ENV=development (or leave it unset).',
    );
  }
  if (sandbox !== 'true') {
    const bimer = BIMER_CREDENTIALS.filter((n) => src.isSet(n));
    const missing = BIMER_CREDENTIALS.filter((n) => !src.isSet(n));
    if (bimer.length > 0 && missing.length > 0) {
      problems.push(`${src.describe(bimer)} ${bimer.length === 1 ? 'is' : 'are'} set but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not: Bimer needs all five. Fix: set ${missing.join(', ')}, or unset all of them (every Bimer step then fails with a clear message).`);
    }
  }
  if (src.isSet('ADMIN_USER') !== src.isSet('ADMIN_PASSWORD')) {
    const [set, unset] = src.isSet('ADMIN_USER') ? ['ADMIN_USER', 'ADMIN_PASSWORD'] : ['ADMIN_PASSWORD', 'ADMIN_USER'];
    problems.push(`ADMIN_USER and ADMIN_PASSWORD must be set together (or both left empty): ${src.describe([set])} is set, ${unset} is not.`);
  }
  if (src.isSet('SUPERVISOR_USER') !== src.isSet('SUPERVISOR_PASSWORD')) {
    const [set, unset] = src.isSet('SUPERVISOR_USER') ? ['SUPERVISOR_USER', 'SUPERVISOR_PASSWORD'] : ['SUPERVISOR_PASSWORD', 'SUPERVISOR_USER'];
    problems.push(`SUPERVISOR_USER and SUPERVISOR_PASSWORD must be set together (or both left empty): ${src.describe([set])} is set, ${unset} is not.`);
  }
  for (const name of ['ADMIN_PASSWORD', 'SUPERVISOR_PASSWORD'] as const) {
    const length = Array.from(src.value(name) ?? '').length;
    if (src.isSet(name) && length < MIN_PASSWORD) {
      problems.push(`${src.describe([name])} has ${length} characters: a login's password needs at least ${MIN_PASSWORD} (guessing a short one is cheap). Fix: e.g. \`openssl rand -base64 18\`.`);
    }
  }
  if (src.isSet('SUPERVISOR_USER') && src.value('SUPERVISOR_USER') === src.value('ADMIN_USER') && src.value('SUPERVISOR_PASSWORD') === src.value('ADMIN_PASSWORD')) {
    problems.push(`SUPERVISOR_USER and SUPERVISOR_PASSWORD are the same login as ADMIN_USER and ADMIN_PASSWORD (${src.describe(['SUPERVISOR_USER', 'ADMIN_USER'])}): the supervisors' page and the ops routes need separate logins. Fix: give the supervisors their own.`);
  }
  const base = Number(src.value('OUTBOUND_BACKOFF_BASE_MS') || 1000);
  const max = Number(src.value('OUTBOUND_BACKOFF_MAX_MS') || 600_000);
  if (base > max) {
    problems.push(`OUTBOUND_BACKOFF_BASE_MS=${base} is longer than OUTBOUND_BACKOFF_MAX_MS=${max} (${src.describe(['OUTBOUND_BACKOFF_BASE_MS', 'OUTBOUND_BACKOFF_MAX_MS'].filter((n) => src.isSet(n)))}): the first retry would wait longer than the longest. Fix: make the base the smaller one.`);
  }
  return problems;
}

/**
 * Sandbox when SANDBOX=true, or SANDBOX=auto (the default) with no Karoo/Bimer credential at all
 * outside production. In the sandbox the bot talks to its own stand-ins over HTTP.
 */
function withSandbox(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; sandbox: boolean } {
  const flag = (env.SANDBOX ?? 'auto').trim();
  const none = CREDENTIALS.every((name) => !env[name]?.trim());
  const sandbox = flag === 'true' || (flag === 'auto' && none && (env.NODE_ENV ?? 'production') !== 'production');
  if (!sandbox) return { env, sandbox };
  const base = `http://127.0.0.1:${env.PORT?.trim() || '3000'}/sandbox`;
  return {
    sandbox,
    env: {
      ...env,
      // A sandbox is never production (SANDBOX=true with NODE_ENV=production is refused above).
      NODE_ENV: env.NODE_ENV?.trim() || 'development',
      // Its clock control and stand-ins answer anyone: on this machine only, unless HOST says otherwise.
      HOST: env.HOST?.trim() || '127.0.0.1',
      KAROO_WEBHOOK_SECRET: env.KAROO_WEBHOOK_SECRET?.trim() || SANDBOX_WEBHOOK_SECRET,
      KAROO_API_URL: `${base}/karoo`,
      KAROO_API_TOKEN: SANDBOX_KAROO_TOKEN,
      BIMER_API_URL: `${base}/bimer`,
      BIMER_CLIENT_ID: SANDBOX_BIMER_USER,
      BIMER_CLIENT_SECRET: SANDBOX_BIMER_USER,
      BIMER_USERNAME: SANDBOX_BIMER_USER,
      BIMER_PASSWORD: SANDBOX_BIMER_USER,
    },
  };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment (and the `.env` file read by the caller, whose values the environment
 * overrides); throws ConfigError listing every missing, invalid or contradictory variable.
 */
export function loadConfig(given: NodeJS.ProcessEnv = process.env, file?: EnvFile): Config {
  const sources = new Sources(given, file);
  const conflicts = contradictions(sources);
  if (conflicts.length > 0) throw new ConfigError(conflicts);
  const { env, sandbox } = withSandbox(sources.env);
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const missing = issue.code === 'invalid_type' && env[name] === undefined;
      const where = env[name] !== undefined && file && given[name] === undefined ? ` (from ${file.name})` : '';
      return missing ? `${name} is required` : `${name}${where} ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  return { ...result.data, sandbox, settings: group(result.data) };
}
