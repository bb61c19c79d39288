import type { EnvSettings } from './config-schema.js';
import type { QaSettings } from './domain/settings.js';
import type { MonitoringSettings, PlantaoSettings, TemplateSettings } from './domain/settings.js';

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
    /** Accepted webhooks per second above which the event workers yield to the intake (0: never). */
    intakeYieldRate: number;
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

/** The validated variables grouped into `Settings`. */
export function settingsOf(c: EnvSettings): Settings {
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
      intakeYieldRate: c.INTAKE_YIELD_RATE,
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
