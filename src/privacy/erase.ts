import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StreamState } from '../flows/router.js';
import { scanStates } from '../store/scan-states.js';
import { decodeState, encodeState } from '../store/state-codec.js';
import { versionUnchanged } from '../store/stream-store.js';
import { scriptCommand } from '../store/connection.js';
import { type Keys } from '../store/keys.js';
import { ERASED, parsed, Person } from './person.js';

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
    /** The bot's clock (when a monitoring was erased). */
    private readonly now: () => Date = () => new Date(),
  ) {
    this.setIfVersionScript = scriptCommand(redis, 'karooBotSetIfVersion2', 2, SET_IF_VERSION);
  }

  private readonly setIfVersionScript: (key: string, versionKey: string, version: string, state: string, newVersion: string) => Promise<number>;

  private setIfVersion(key: string, version: number, state: StreamState): Promise<number> {
    return this.setIfVersionScript(key, this.keys.stateVersion(state.stream), String(version), encodeState(state), String(state.version));
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
        for (const other of [...(m.followUp?.tried ?? []), ...(m.customer.others ?? []), ...Object.keys(m.deadPhones ?? {})]) phones.add(other);
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
      const fresh = raw ? decodeState(raw) : undefined;
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
        delete m.customer.others; // their landline too (found by an outside tester)
        delete m.deadPhones; // the numbers WhatsApp said reach nobody are theirs as well
        m.parecer = ERASED;
        // The weeks' lines stay (the 2266's shape, the indicators), without the customer's words quoted on them.
        for (const w of [1, 2, 3] as const) {
          const week = m.weeks[w];
          if (week) week.note = withoutQuotes(week.note);
        }
        if (m.sellerReturn) m.sellerReturn = { ...m.sellerReturn, note: withoutQuotes(m.sellerReturn.note) };
        if (m.customerReply) m.customerReply = { ...m.customerReply, text: ERASED };
        if (m.plantaoNotes) m.plantaoNotes = m.plantaoNotes.map((n) => ({ ...n, text: ERASED }));
        // The technician's words on the problem left pending may name the person too.
        if (m.plantaoPending) m.plantaoPending = { ...m.plantaoPending, reason: ERASED };
        m.followUp = null;
        m.contactName = null;
        m.customerChatId = null;
        m.optOut = true; // never written to again: the person asked to be forgotten
        m.erasedAt ??= this.now().toISOString();
        report.monitorings += 1;
        touched = true;
      }
    }
    if (s.kind === 'chat' && person.chatIds.has(s.chatId)) {
      const c = s;
      c.contactName = null;
      c.speaker = null;
      c.contactPhone = null;
      c.earlyReply = null;
      c.hardware = null;
      c.lastBotText = null;
      delete c.recentBotTexts;
      c.monitoring = null; // the link ends: the person asked to be forgotten
      if (c.plantao?.record) c.plantao.record = { ...c.plantao.record, contactName: null };
      // Opted out: a shift under way sends that chat no more check-ins nor the end-of-shift notice.
      if (c.plantao) {
        c.plantao.optedOut = true;
        c.plantao.idleDueAt = null;
      }
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
      // BullMQ's event log of a queue, and the intake's streams of accepted events: entries surely
      // the person's go; one that only names them (another Maria Souza's message) stays, since an
      // accepted event must never be lost, and a stream entry cannot be edited in place.
      const entries = (await this.redis.xrange(key, '-', '+')) as [string, string[]][];
      const ids = entries.filter(([, fields]) => fields.some((f) => person.identifies(parsed(f) ?? f))).map(([id]) => id);
      if (ids.length > 0) report.streamEntries += await this.redis.xdel(key, ...ids);
      return;
    }
    if (type === 'set' || type === 'zset') {
      const members = type === 'set' ? await this.redis.smembers(key) : await this.redis.zrange(key, 0, -1);
      const gone = members.filter((m) => person.identifies(parsed(m) ?? m));
      if (gone.length === 0) return;
      await (type === 'set' ? this.redis.srem(key, ...gone) : this.redis.zrem(key, ...gone));
      report.otherKeys += 1;
    }
  }

  /** A hash: a BullMQ job (its data parsed, not edited as text) is removed when it concerns the person, else scrubbed; any other hash scrubbed. */
  private async eraseHash(key: string, person: Person, queues: Map<string, Queue>, report: EraseReport): Promise<void> {
    const fields = await this.redis.hgetall(key);
    const cleaned: Record<string, string> = {};
    let theirs = false;
    for (const [f, v] of Object.entries(fields)) {
      const clean = person.cleanStored(v);
      if (clean !== null) cleaned[f] = clean;
      // A phone of theirs, a record of theirs, or a message to them makes the job theirs; their name in a text does not.
      if (person.identifies(parsed(v) ?? v)) theirs = true;
    }
    if (!theirs && Object.keys(cleaned).length === 0) return;
    const [, queueName, ...rest] = key.slice(this.prefix.length).split(':');
    const queue = queueName ? queues.get(queueName) : undefined;
    const job = queue && 'data' in fields && rest.length === 1 && rest[0];
    if (!theirs) {
      // Only named in it (perhaps someone else of the same name): a finished job is scrubbed, work not done yet is left as it is.
      if (job && !('finishedOn' in fields)) return;
      await this.redis.hset(key, cleaned);
      if (job) report.jobsScrubbed += 1;
      else report.otherKeys += 1;
      return;
    }
    if (job && rest[0]) {
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

/** A line without what it quotes ("Cliente respondeu ao acompanhamento: “Tudo certo…”" keeps its frame, not the words). */
function withoutQuotes(text: string): string {
  return text.replace(/“[^”]*”|"[^"]*"/g, `“${ERASED}”`);
}
