import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StreamState } from '../flows/router.js';
import { scanStates } from '../store/scan-states.js';
import { versionUnchanged } from '../store/stream-store.js';
import { scriptCommand, type Keys } from '../redis.js';
import { formatPhone } from '../util/phone.js';
import { readJsonObject } from '../util/json.js';

/**
 * Erasure on request (LGPD, issue 15): given a phone or a customer code, everything the bot
 * keeps about that person is removed or anonymised: the monitorings of that customer (name,
 * phone, parecer, replies; the monitoring stays, opted out, so the bot never writes to them
 * again and the indicators keep their count), the chats with that phone or linked to those
 * monitorings, every other stream state that mentions the name or phone (the plantão's QA
 * records, pending work, the last text a chat got), the outboxes, the unanswered FAQ
 * questions, and the queues' finished jobs and event streams that hold it. Bimer's and Karoo's
 * own records (and the sandbox's stand-ins of them) are never touched; logs already mask phones.
 */

export interface EraseTarget {
  /** E.164. */
  phone: string | null;
  customerCode: string | null;
}

export interface EraseReport {
  /** The customer codes and names found for the target (what was looked for besides the phone). */
  found: { customerCodes: string[]; names: number; phones: number };
  monitorings: number;
  chats: number;
  /** Other stream states that mentioned the person (QA records, pending work, …). */
  otherStates: number;
  outboxes: number;
  jobsRemoved: number;
  jobsScrubbed: number;
  listItems: number;
  streamEntries: number;
  otherKeys: number;
}

export const ERASED = '[removido]';

/** The fields that hold a person's name: in a record of the person, their value goes (whole). */
const NAME_FIELDS = new Set(['contactName', 'customerName', 'name', 'requester']);

/**
 * The person to erase, as the erasure recognises them in what the bot keeps: by their phones
 * (in any text: a phone identifies one person), and by their records: an object that names one
 * of their chats, monitorings, customer codes or phones is theirs, and the fields of it that hold
 * a name are removed whole. A name is never looked for as text: another Maria keeps hers, and a
 * person named like a field or a department changes no field.
 */
export class Person {
  private readonly phoneNeedles: RegExp[];
  private readonly nameNeedles: RegExp[];

  constructor(
    readonly codes: ReadonlySet<string>,
    readonly phones: ReadonlySet<string>,
    readonly monitoringIds: ReadonlySet<string>,
    readonly chatIds: ReadonlySet<string>,
    /**
     * Their full names (the customer's in Bimer, the contact's in Karoo): looked for as whole
     * words in the text of the bot's transient work only (queued jobs, outboxes, lists: messages
     * about them), never in a stream state; a name of one word, or shorter than 8 characters, never.
     */
    names: ReadonlySet<string> = new Set(),
  ) {
    const needles = (list: string[], flags: string) => [...new Set(list)].sort((a, b) => b.length - a.length).map((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(n)}(?![\\p{L}\\p{N}])`, flags));
    this.phoneNeedles = needles([...phones].flatMap(phoneForms).filter((n) => n.length >= 8), 'gu');
    this.nameNeedles = needles([...names].map((n) => n.trim()).filter((n) => n.length >= 8 && /\S\s+\S/.test(n)), 'giu');
  }

  get empty(): boolean {
    return this.codes.size === 0 && this.phones.size === 0 && this.monitoringIds.size === 0 && this.chatIds.size === 0;
  }

  /** The text with each of the person's phones, in any of its written forms (and in the bot's work, their full names), removed. */
  scrubText(text: string, names = false): string {
    let out = text;
    for (const n of names ? [...this.phoneNeedles, ...this.nameNeedles] : this.phoneNeedles) out = out.replace(n, ERASED);
    return out;
  }

  private holds(text: string, names: boolean): boolean {
    return this.scrubText(text, names) !== text;
  }

  /** Whether this object is a record of the person (one of its own fields says so, not what it holds). */
  private owns(o: Record<string, unknown>): boolean {
    const is = (field: string, set: ReadonlySet<string>) => typeof o[field] === 'string' && set.has(o[field]);
    return (
      is('chatId', this.chatIds) ||
      is('customerChatId', this.chatIds) ||
      is('monitoringId', this.monitoringIds) ||
      is('customerCode', this.codes) ||
      is('crmCode', this.codes) ||
      (is('code', this.codes) && typeof o.name === 'string') ||
      is('phone', this.phones) ||
      is('contactPhone', this.phones)
    );
  }

  /**
   * Whether a piece of the bot's work (an effect, a job's data, a list item) holds something of the
   * person (a phone, a full name, a name field of their record) or is a message to them. Ids alone
   * (a monitoring's timer, say) are not: that work goes on, as the monitoring does.
   */
  concerns(value: unknown): boolean {
    return this.scrub(value, true).changed || this.messageTo(value);
  }

  /**
   * A stored value (JSON, read as such, or plain text) without the person, as the bot's transient
   * work keeps it: the new text, or null when it held nothing of them.
   */
  cleanStored(text: string): string | null {
    const json = parsed(text);
    if (json === undefined) {
      const out = this.scrubText(text, true);
      return out === text ? null : out;
    }
    const { value, changed } = this.scrub(json, true);
    return changed ? JSON.stringify(value) : null;
  }

  messageTo(value: unknown): boolean {
    if (Array.isArray(value)) return value.some((v) => this.messageTo(v));
    if (!value || typeof value !== 'object') return false;
    const o = value as Record<string, unknown>;
    const to = o.to && typeof o.to === 'object' ? (o.to as Record<string, unknown>).phone : undefined;
    const mine = typeof o.type === 'string' && o.type.startsWith('karoo.') && ((typeof o.chatId === 'string' && this.chatIds.has(o.chatId)) || (typeof to === 'string' && this.phones.has(to)));
    return mine || Object.values(o).some((v) => this.messageTo(v));
  }

  /**
   * The value without the person: their phones out of every text, and in each of their records
   * the fields of that record that hold a name (a technician or implanter named inside it stays).
   */
  scrub<T>(value: T, work = false): { value: T; changed: boolean } {
    let changed = false;
    const walk = (v: unknown, nameOfTheirs: boolean): unknown => {
      if (typeof v === 'string') {
        const out = nameOfTheirs && v !== ERASED ? ERASED : this.scrubText(v, work);
        if (out !== v) changed = true;
        return out;
      }
      if (Array.isArray(v)) return v.map((x) => walk(x, false));
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const mine = this.owns(o);
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x, mine && NAME_FIELDS.has(k) && typeof x === 'string')]));
      }
      return v;
    };
    return { value: walk(value, false) as T, changed };
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a phone is written in what the bot keeps: E.164, digits, national digits, as people read it. */
function phoneForms(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  const formatted = formatPhone(e164);
  return [e164, digits, digits.startsWith('55') ? digits.slice(2) : digits, formatted, formatted.replace(/^\(\d+\)\s*/, '')];
}

// KEYS[1] a state, KEYS[2] its version; ARGV[1] the version read, ARGV[2] the new state, ARGV[3] its version: written only if no one wrote it since.
const SET_IF_VERSION = `${versionUnchanged('KEYS[1]', 'KEYS[2]')}
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3])
return 1`;

export class PrivacyEraser {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    /** The BullMQ key prefix (QUEUE_PREFIX): queues' keys are `<prefix>:<queue>:…`. */
    private readonly prefix: string,
    private readonly queues: () => Queue[],
    private readonly logger: Logger,
  ) {
    this.setIfVersionScript = scriptCommand(redis, 'karooBotSetIfVersion2', 2, SET_IF_VERSION);
  }

  private readonly setIfVersionScript: (key: string, versionKey: string, version: string, state: string, newVersion: string) => Promise<number>;

  private setIfVersion(key: string, version: number, state: StreamState): Promise<number> {
    return this.setIfVersionScript(key, this.keys.stateVersion(state.stream), String(version), JSON.stringify(state), String(state.version));
  }

  /**
   * Erases the person. Safe to repeat after a failure half-way: what identifies them (their
   * monitorings, their chats) is anonymised last, so a second run finds them again, and every
   * step leaves what it already erased as it is.
   */
  async erase(target: EraseTarget): Promise<EraseReport> {
    const report: EraseReport = { found: { customerCodes: [], names: 0, phones: 0 }, monitorings: 0, chats: 0, otherStates: 0, outboxes: 0, jobsRemoved: 0, jobsScrubbed: 0, listItems: 0, streamEntries: 0, otherKeys: 0 };
    const person = await this.find(target, report);
    if (person.empty) return report;

    // 1. WhatsApp's window of each of their phones (the phone is the key's name).
    for (const phone of person.phones) report.otherKeys += await this.redis.del(this.keys.window(phone));

    // 2. Everything else under the prefix (outboxes, jobs, lists, event logs), but the states and the sandbox's stand-ins of Karoo and Bimer.
    const byName = new Map(this.queues().map((q) => [q.name, q]));
    const skip = [this.keys.state(''), this.keys.stateVersion(''), this.keys.sandbox('bimer').replace(/bimer$/, '')];
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of batch) if (!skip.some((p) => key.startsWith(p))) await this.eraseKey(key, person, byName, report);
    } while (cursor !== '0');

    // 3. The stream states: the shared ones first, then their chats, then the agents (their monitorings) last.
    for (const pattern of ['ops:*', 'chat:*', 'agent:*']) {
      for (const { key, state } of await scanStates(this.redis, this.keys, pattern)) {
        await this.rewrite(key, state, (s) => this.anonymise(s, person, report));
      }
    }

    this.logger.info({ ...report, found: { codes: report.found.customerCodes.length, names: report.found.names, phones: report.found.phones } }, 'personal data erased on request');
    return report;
  }

  /** Who: the target's monitorings (their customer's code, phones, follow-up chats) and chats (by phone, or linked to those). */
  private async find(target: EraseTarget, report: EraseReport): Promise<Person> {
    const codes = new Set<string>(target.customerCode ? [target.customerCode] : []);
    const phones = new Set<string>(target.phone ? [target.phone] : []);
    const names = new Set<string>();
    const monitoringIds = new Set<string>();
    const chatIds = new Set<string>();
    for (const { state } of await scanStates(this.redis, this.keys, 'agent:*')) {
      if (state.kind !== 'agent') continue;
      for (const m of Object.values(state.monitorings ?? {})) {
        if (!codes.has(m.customer.code) && !(m.customer.phone && phones.has(m.customer.phone))) continue;
        codes.add(m.customer.code);
        if (m.customer.phone) phones.add(m.customer.phone);
        for (const other of m.followUp?.tried ?? []) phones.add(other);
        if (m.customer.name !== ERASED) names.add(m.customer.name);
        monitoringIds.add(m.id);
        if (m.customerChatId) chatIds.add(m.customerChatId);
      }
    }
    for (const { state } of await scanStates(this.redis, this.keys, 'chat:*')) {
      if (state.kind !== 'chat') continue;
      const mine =
        chatIds.has(state.chatId) ||
        (state.contactPhone && phones.has(state.contactPhone)) ||
        (state.monitoring && monitoringIds.has(state.monitoring.monitoringId)) ||
        (state.hardware && ((state.hardware.crmCode && codes.has(state.hardware.crmCode)) || (state.hardware.phone && phones.has(state.hardware.phone))));
      if (!mine) continue;
      chatIds.add(state.chatId);
      if (state.contactPhone) phones.add(state.contactPhone);
      if (state.contactName) names.add(state.contactName);
    }
    report.found = { customerCodes: [...codes].sort(), names: names.size, phones: phones.size };
    return new Person(codes, phones, monitoringIds, chatIds, names);
  }

  /** Reads, changes and writes a state, again if a flow wrote it meanwhile (compare the version). */
  private async rewrite(key: string, first: StreamState, change: (s: StreamState) => StreamState | null): Promise<void> {
    let state = first;
    for (let i = 0; i < 10; i++) {
      const next = change(structuredClone(state));
      if (!next) return;
      if ((await this.setIfVersion(key, state.version, { ...next, version: state.version + 1 })) === 1) return;
      const raw = await this.redis.get(key);
      const fresh = raw ? (readJsonObject(raw) as StreamState | undefined) : undefined;
      if (!fresh) return;
      state = fresh;
    }
    throw new Error(`could not erase from ${key}: it kept changing`);
  }

  /** The state without the person, or null when it holds nothing of them. Counts what it changed. */
  private anonymise(s: StreamState, person: Person, report: EraseReport): StreamState | null {
    let touched = false;
    if (s.kind === 'agent') {
      for (const m of Object.values(s.monitorings ?? {})) {
        if (!person.monitoringIds.has(m.id)) continue;
        m.customer = { ...m.customer, name: ERASED, phone: null };
        delete m.customer.invalidPhones;
        m.parecer = ERASED;
        if (m.customerReply) m.customerReply = { ...m.customerReply, text: ERASED };
        if (m.plantaoNotes) m.plantaoNotes = m.plantaoNotes.map((n) => ({ ...n, text: ERASED }));
        m.followUp = null;
        m.contactName = null;
        m.customerChatId = null;
        m.optOut = true; // never written to again: the person asked to be forgotten
        report.monitorings += 1;
        touched = true;
      }
    }
    if (s.kind === 'chat' && person.chatIds.has(s.chatId)) {
      const c = s;
      c.contactName = null;
      c.contactPhone = null;
      c.earlyReply = null;
      c.hardware = null;
      c.lastBotText = null;
      c.monitoring = null; // the link ends: the person asked to be forgotten
      if (c.plantao?.record) c.plantao.record = { ...c.plantao.record, contactName: null };
      report.chats += 1;
      touched = true;
    }
    const scrubbed = person.scrub(s);
    if (scrubbed.changed && !touched) report.otherStates += 1;
    return touched || scrubbed.changed ? scrubbed.value : null;
  }

  private async eraseKey(key: string, person: Person, queues: Map<string, Queue>, report: EraseReport): Promise<void> {
    const type = await this.redis.type(key);
    if (type === 'string') {
      const value = await this.redis.get(key);
      if (value === null) return;
      if (key.startsWith(this.keys.outbox(''))) {
        // The fact that the item was applied stays (so it is never applied twice); effects for the person go.
        const effects = parsed(value);
        if (effects === undefined || !person.concerns(effects)) return;
        await this.redis.set(key, '[]', 'KEEPTTL', 'XX');
        report.outboxes += 1;
        return;
      }
      const clean = person.cleanStored(value);
      if (clean === null) return;
      await this.redis.set(key, clean, 'KEEPTTL', 'XX');
      report.otherKeys += 1;
      return;
    }
    if (type === 'hash') return this.eraseHash(key, person, queues, report);
    if (type === 'list') {
      const items = await this.redis.lrange(key, 0, -1);
      for (const [i, item] of items.entries()) {
        const clean = person.cleanStored(item);
        if (clean === null) continue;
        await this.redis.lset(key, i, clean);
        report.listItems += 1;
      }
      return;
    }
    if (type === 'stream') {
      // BullMQ's event log of a queue: entries about the person go.
      const entries = (await this.redis.xrange(key, '-', '+')) as [string, string[]][];
      const ids = entries.filter(([, fields]) => fields.some((f) => person.concerns(parsed(f) ?? f))).map(([id]) => id);
      if (ids.length > 0) report.streamEntries += await this.redis.xdel(key, ...ids);
      return;
    }
    if (type === 'set' || type === 'zset') {
      const members = type === 'set' ? await this.redis.smembers(key) : await this.redis.zrange(key, 0, -1);
      const gone = members.filter((m) => person.concerns(parsed(m) ?? m));
      if (gone.length === 0) return;
      await (type === 'set' ? this.redis.srem(key, ...gone) : this.redis.zrem(key, ...gone));
      report.otherKeys += 1;
    }
  }

  /** A hash: a BullMQ job (its data parsed, not edited as text) is removed when it concerns the person, else scrubbed; any other hash scrubbed. */
  private async eraseHash(key: string, person: Person, queues: Map<string, Queue>, report: EraseReport): Promise<void> {
    const fields = await this.redis.hgetall(key);
    const cleaned: Record<string, string> = {};
    let concerns = false;
    for (const [f, v] of Object.entries(fields)) {
      const clean = person.cleanStored(v);
      if (clean !== null) cleaned[f] = clean;
      // Holding something of the person, or being a message to them, makes the job theirs.
      if (clean !== null || person.messageTo(parsed(v))) concerns = true;
    }
    if (!concerns) return;
    const [, queueName, ...rest] = key.slice(this.prefix.length).split(':');
    const queue = queueName ? queues.get(queueName) : undefined;
    if (queue && 'data' in fields && rest.length === 1 && rest[0]) {
      // A job: removed (finished ones, and those not sent yet, so nothing reaches the person), else scrubbed in place.
      const removed = await queue.remove(rest[0]).catch(() => 0);
      if (removed === 1) {
        report.jobsRemoved += 1;
        return;
      }
      report.jobsScrubbed += 1;
    } else {
      report.otherKeys += 1;
    }
    if (Object.keys(cleaned).length > 0) await this.redis.hset(key, cleaned);
  }
}

/** A stored value read as JSON (objects and arrays only), or undefined for plain text. */
function parsed(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
