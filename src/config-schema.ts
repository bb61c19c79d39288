import Holidays from 'date-holidays';
import { z } from 'zod';
import { parseBusinessHours } from './calendar/business-calendar.js';
import { accepts } from './util/validation.js';

/**
 * The environment the bot reads, validated once at start (zod): every variable, its default and
 * its bounds. The names PORT, REDIS_URL, KAROO_* and BIMER_* are fixed by the contracts.
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

/** The states date-holidays knows for Brazil: an unknown one would silently add no holiday. */
const STATES = new Set(Object.keys(new Holidays().getStates('BR') ?? {}));

/** `YYYY-MM-DD` or `MM-DD` naming a day that exists (a yearly 02-29 is a day in leap years). */
function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.length === 5 ? [2024, ...value.split('-').map(Number)] : value.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 0) - 1, d ?? 0));
  return date.getUTCFullYear() === y && date.getUTCMonth() === (m ?? 0) - 1 && date.getUTCDate() === d;
}

const envSchema = z.object({
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
  /** Accepted webhooks per second above which the workers yield to the intake (0: never). */
  INTAKE_YIELD_RATE: int(1000, 0),
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
    .superRefine((spec, ctx) => {
      try {
        parseBusinessHours(spec);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `${(err as Error).message}; it must look like mon-fri=08:00-18:00,sat=08:00-12:00` });
      }
    }),
  HOLIDAY_STATE: optionalString.pipe(
    z
      .string()
      .refine((uf) => STATES.has(uf), `must be a Brazilian state (UF) in capitals: ${[...STATES].join(', ')}`)
      .optional(),
  ),
  // An unknown type ("feriado") or none at all would make every national holiday a business day.
  HOLIDAY_TYPES: list('public').pipe(
    z
      .array(z.enum(['public', 'bank', 'school', 'optional', 'observance'], { message: 'must be among public, bank, school, optional, observance' }))
      .refine((types) => types.includes('public'), 'must include public: without it the national holidays would be business days'),
  ),
  EXTRA_HOLIDAYS: list('').pipe(
    z.array(
      z
        .string()
        .regex(/^(\d{4}-)?\d{2}-\d{2}$/, 'must list dates as YYYY-MM-DD or MM-DD')
        .refine(isCalendarDate, 'must list days that exist (YYYY-MM-DD or MM-DD; 02-29 only as MM-DD or in a leap year)'),
    ),
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

/**
 * The bot's own times of day against the business hours: a check-in or a reminder at an hour the
 * business is closed on an open day would reach the implanter after hours (or never be due).
 */
export const configSchema = envSchema.superRefine((env, ctx) => {
  let hours: ReturnType<typeof parseBusinessHours>;
  try {
    hours = parseBusinessHours(env.BUSINESS_HOURS);
  } catch {
    return; // refused above, with its own message
  }
  const open = Object.values(hours);
  for (const name of ['MONITORING_CHECKIN_TIME', 'MONITORING_REMINDER_TIME'] as const) {
    const at = env[name];
    if (open.some((day) => at < day.start || at >= day.end)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `is ${at}, outside the business hours of an open day (BUSINESS_HOURS=${env.BUSINESS_HOURS}): the implanter would be asked after hours. Fix: a time within the hours of every open day.` });
    }
  }
});

/** The variables as validated, flat. */
export type EnvSettings = z.infer<typeof configSchema>;
