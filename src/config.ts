import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseEnv } from 'node:util';
import { configSchema, type EnvSettings } from './config-schema.js';
import { CODE_NAMES, TECHNICAL_DEMANDS } from './domain/ticket-codes.js';
import { settingsOf, type Settings } from './settings.js';

/**
 * Configuration comes only from environment variables, validated once at start.
 * The names PORT, REDIS_URL, KAROO_* and BIMER_* follow the contracts in docs/contracts/.
 */

export type Config = EnvSettings & {
  /** Karoo and Bimer are the local stand-ins under /sandbox (never by accident in production). */
  sandbox: boolean;
  settings: Settings;
};


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

/** Reads a `.env` file (Node's own dotenv parser); undefined when there is none, unless it was named (`required`: ENV_FILE). */
export function readEnvFile(path: string, required = false): EnvFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !required) return undefined;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ConfigError([`ENV_FILE=${path} (from the environment) names a file that does not exist. Fix: correct the path, or leave ENV_FILE empty to read no file.`]);
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
  if (src.isSet('SUPERVISOR_USER') && src.value('SUPERVISOR_USER') === src.value('ADMIN_USER')) {
    const same = src.value('SUPERVISOR_PASSWORD') === src.value('ADMIN_PASSWORD') ? 'the same login as' : 'the same user name as';
    problems.push(`SUPERVISOR_USER is ${same} ADMIN_USER (${src.describe(['SUPERVISOR_USER', 'ADMIN_USER'])}): the supervisors' page and the ops routes need separate logins, and a browser keeps one login per user name. Fix: give the supervisors their own user name.`);
  }
  const okCode = src.value('MONITORING_OK_CODE') || '000029';
  const rspType = src.value('MONITORING_RSP_TYPE') || '000030';
  if (TECHNICAL_DEMANDS.includes(okCode)) {
    problems.push(`MONITORING_OK_CODE=${okCode} (from ${src.from('MONITORING_OK_CODE')}) is the demand type "${CODE_NAMES[okCode]}": a contact with no demand ("apenas ok") would be counted as a demand in the indicators. Fix: use the code for contacts and attempts with no technical demand (000029, the default).`);
  }
  const rspClash =
    rspType === '2266' ? 'the monitoring ticket itself (2266)' : rspType === okCode ? `the code of contacts with no demand (MONITORING_OK_CODE=${okCode})` : TECHNICAL_DEMANDS.includes(rspType) ? `the demand type "${CODE_NAMES[rspType]}"` : null;
  if (rspClash) {
    problems.push(`MONITORING_RSP_TYPE=${rspType} (from ${src.from('MONITORING_RSP_TYPE')}) is ${rspClash}: every implantation close would open that ticket as its RSP, and the indicators would count the RSP as something it is not. Fix: use the RSP's own ticket type (000030, the default).`);
  }
  const base = Number(src.value('OUTBOUND_BACKOFF_BASE_MS') || 1000);
  const max = Number(src.value('OUTBOUND_BACKOFF_MAX_MS') || 600_000);
  if (base > max) {
    problems.push(`OUTBOUND_BACKOFF_BASE_MS=${base} is longer than OUTBOUND_BACKOFF_MAX_MS=${max} (${src.describe(['OUTBOUND_BACKOFF_BASE_MS', 'OUTBOUND_BACKOFF_MAX_MS'].filter((n) => src.isSet(n)))}): the first retry would wait longer than the longest. Fix: make the base the smaller one.`);
  }
  return problems;
}

/**
 * The files a setting names that are not there (ROSTER_FILE, FAQ_FILE, NLU_DATA_DIR), said with
 * the settings' other problems: a missing file is found in the same round as a bad value. What a
 * file holds is checked when it is read (a roster with a bad line stops the start then).
 */
function missingFiles(src: Sources): string[] {
  return (['ROSTER_FILE', 'FAQ_FILE', 'NLU_DATA_DIR'] as const)
    .filter((name) => src.isSet(name) && !existsSync(src.value(name)))
    .map((name) => `${name}=${src.value(name)} (from ${src.from(name)}) names ${name === 'NLU_DATA_DIR' ? 'a folder' : 'a file'} that does not exist. Fix: correct the path${name === 'ROSTER_FILE' ? ', or leave ROSTER_FILE empty (no plantão shifts; the sandbox generates a roster)' : ''}.`);
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
  // (a PORT that is no number is refused on its own: the stand-ins' URLs do not repeat the error)
  const port = /^\d{1,5}$/.test(env.PORT?.trim() ?? '') ? env.PORT?.trim() : '3000';
  const base = `http://127.0.0.1:${port}/sandbox`;
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
  const conflicts = [...contradictions(sources), ...missingFiles(sources)];
  const { env, sandbox } = withSandbox(sources.env);
  const result = configSchema.safeParse(env);
  if (!result.success || conflicts.length > 0) {
    if (result.success) throw new ConfigError(conflicts);
    // A SANDBOX that is none of its values says so alone: the Karoo and Bimer settings a sandbox
    // would have made are not asked for on top of it.
    const sandboxRefused = result.error.issues.some((issue) => issue.path[0] === 'SANDBOX');
    const problems = result.error.issues
      .filter((issue) => !(sandboxRefused && CREDENTIALS.some((n) => n === issue.path[0]) && !sources.isSet(String(issue.path[0]))))
      .map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const missing = issue.code === 'invalid_type' && env[name] === undefined;
        const top = String(issue.path[0] ?? '');
        const where = given[top] !== undefined ? ' (from the environment)' : file?.values[top] !== undefined ? ` (from ${file.name})` : '';
        return missing ? `${name} is required` : `${name}${where} ${issue.message}`;
      });
    // Every problem at once: a contradiction and a bad value are fixed in the same edit. (A setting
    // missing because of the contradiction, a sandbox half made, says nothing the contradiction does not.)
    throw new ConfigError([...conflicts, ...(conflicts.length > 0 ? problems.filter((p) => !p.endsWith(' is required')) : problems)]);
  }
  return { ...result.data, sandbox, settings: settingsOf(result.data) };
}
