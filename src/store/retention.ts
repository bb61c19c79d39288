import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { StreamKey } from '../domain/stream.js';
import { scriptCommand } from './connection.js';
import { type Keys } from './keys.js';
import type { EventQueues } from '../scheduler/event-queues.js';
import { readJsonObject } from '../util/json.js';
import { scanStates } from './scan-states.js';
import { DAY_MS as DAY } from '../domain/durations.js';

/**
 * The retention sweep (issue 15): what the bot keeps about people leaves Redis `RETENTION_DAYS`
 * after it stopped being of use, by the injected clock.
 *
 * - A chat's state, once quiet that long (and with no timer armed): deleted, unless it changed
 *   meanwhile (compare-and-delete).
 * - Finished monitorings and plantão shifts older than that: their streams get a
 *   `retention.sweep` item, and their own flows drop them (no write races a stream's flow).
 * - A monitoring owner entry whose monitoring is gone: deleted.
 * - The FAQ's unanswered questions older than that: trimmed.
 * - Jobs that failed for good longer ago: cleaned from their queues.
 *
 * Outboxes, dedupe entries and the audit trail expire by themselves (TTL). docs/OPERATIONS.md, "Audit, retention, erasure".
 */

export interface SweepReport {
  chats: number;
  streamsNotified: number;
  owners: number;
  faqQuestions: number;
  failedJobs: number;
}

// KEYS[1] a key (KEYS[2], a state's version, goes with it); ARGV[1] the value read: deleted only if nothing wrote it since.
const DELETE_IF_SAME = `if redis.call('GET', KEYS[1]) == ARGV[1] then if KEYS[2] then redis.call('DEL', KEYS[2]) end return redis.call('DEL', KEYS[1]) end return 0`;


export class RetentionSweeper {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly events: EventQueues,
    private readonly queues: () => Queue[],
    private readonly clock: Clock,
    private readonly retentionDays: number,
    private readonly logger: Logger,
  ) {
    this.deleteIfSame = scriptCommand(redis, 'karooBotDeleteIfSame', 1, DELETE_IF_SAME);
    this.deleteStateIfSame = scriptCommand(redis, 'karooBotDeleteStateIfSame', 2, DELETE_IF_SAME);
  }

  private readonly deleteIfSame: (key: string, value: string) => Promise<number>;
  private readonly deleteStateIfSame: (key: string, versionKey: string, value: string) => Promise<number>;

  async sweep(): Promise<SweepReport> {
    const now = this.clock.now();
    const cutoff = now.getTime() - this.retentionDays * DAY;
    const old = (iso: string | null | undefined): boolean => typeof iso === 'string' && Date.parse(iso) < cutoff;
    const report: SweepReport = { chats: 0, streamsNotified: 0, owners: 0, faqQuestions: 0, failedJobs: 0 };

    for (const { key, state, raw } of await scanStates(this.redis, this.keys, 'chat:*')) {
      if (state.kind !== 'chat' || state.wakeAt) continue;
      if (!old(state.updatedAt ?? state.lastActivityAt)) continue;
      report.chats += await this.deleteStateIfSame(key, this.keys.stateVersion(state.stream), raw);
    }

    // Finished cycles and old shifts are dropped by their own flows, told by a sweep item.
    const day = now.toISOString().slice(0, 10);
    const agents = await scanStates(this.redis, this.keys, 'agent:*');
    const qa = await scanStates(this.redis, this.keys, 'ops:qa');
    const due: StreamKey[] = [];
    for (const { state } of [...agents, ...qa]) {
      if (state.kind === 'agent' && Object.values(state.monitorings ?? {}).some((m) => m.phase === 'done' && old(m.createdAt))) due.push(state.stream);
      if (state.kind === 'qa' && Object.values(state.shifts).some((l) => old(l.end))) due.push(state.stream);
    }
    for (const stream of due) await this.events.enqueueInternal(stream, { id: `retention|${day}|${stream}`, type: 'forward', name: 'retention.sweep', data: {} }, now);
    report.streamsNotified = due.length;

    // Owner entries (customer code → the agent stream owning its monitoring) whose monitoring is
    // gone. The owner's state is read again just before: a monitoring created since the scan
    // above keeps its entry.
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(cursor, 'MATCH', this.keys.owner('*'), 'COUNT', 500);
      cursor = next;
      for (const key of batch) {
        const stream = await this.redis.get(key);
        const code = key.slice(this.keys.owner('').length);
        if (!stream) continue;
        const raw = await this.redis.get(this.keys.state(stream));
        const owner = raw ? (readJsonObject(raw) as { monitorings?: Record<string, { customer?: { code?: string } }> } | undefined) : undefined;
        const owns = Object.values(owner?.monitorings ?? {}).some((m) => m.customer?.code === code);
        if (!owns) report.owners += await this.deleteIfSame(key, stream);
      }
    } while (cursor !== '0');

    // The unanswered questions: newest first, so everything from the first old one on goes, from
    // the tail (a question pushed meanwhile lands at the head and stays).
    const list = this.keys.list('faq-unanswered');
    const items = await this.redis.lrange(list, 0, -1);
    const firstOld = items.findIndex((raw) => old((readJsonObject(raw) as { at?: string } | undefined)?.at));
    if (firstOld >= 0) {
      report.faqQuestions = items.length - firstOld;
      await this.redis.rpop(list, report.faqQuestions);
    }

    for (const queue of this.queues()) report.failedJobs += (await queue.clean(this.retentionDays * DAY, 1000, 'failed')).length;

    this.logger.info({ ...report, retentionDays: this.retentionDays }, 'retention sweep done');
    return report;
  }
}
