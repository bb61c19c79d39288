import type { Redis } from 'ioredis';
import type { LearningStatus, Teaching, TeachingAudit } from '../domain/teaching.js';
import type { Keys } from './keys.js';
import { readJsonObject } from '../util/json.js';

/**
 * The supervisors' teachings in Redis (issue 24), the only store every instance shares: each
 * teaching under its id, its audit line and the version every instance watches, written in one
 * MULTI (a teaching is saved whole or not at all). Why Redis and not kb/faq.yaml: the file is
 * part of a deploy (read-only in a container, one copy per instance), while a teaching must reach
 * every instance at once and survive a restart; `GET /admin/nlu/taught` exports them for a
 * maintainer to fold into the base and the training data.
 */
export class TeachingStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Every teaching, oldest first (the undone ones too, marked). */
  async all(): Promise<Teaching[]> {
    const raw = await this.redis.hvals(this.keys.teach('items'));
    return raw
      .map((r) => readJsonObject(r) as Teaching | undefined)
      .filter((t): t is Teaching => typeof t?.id === 'string' && Array.isArray(t.questions))
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<Teaching | null> {
    const raw = await this.redis.hget(this.keys.teach('items'), id);
    return raw ? ((readJsonObject(raw) as Teaching | undefined) ?? null) : null;
  }

  /**
   * Claims a group of questions for one teaching: two supervisors sending the form for the same
   * group at once (each page read before the other saved) would both teach it, perhaps opposite
   * answers. The first claim wins for a minute, long past any race; the second is told.
   */
  async claimGroup(groupId: string, teachingId: string): Promise<boolean> {
    return (await this.redis.set(this.keys.teach(`claim:${groupId}`), teachingId, 'EX', 60, 'NX')) === 'OK';
  }

  /** Saves a teaching with its audit line; returns the new version (every instance retrains to it). */
  async add(teaching: Teaching, what: string): Promise<number> {
    return this.write([[teaching, { at: teaching.at, by: teaching.by, action: 'taught', teachingId: teaching.id, what }]]);
  }

  /**
   * Marks a teaching undone (kept, for the audit); returns the new version, or null when there is
   * nothing to undo. A new answer undone takes with it the phrasings taught on it since, each with
   * its audit line: without their answer they would teach nothing and still look in force.
   */
  async undo(id: string, by: string, at: string, what: string): Promise<number | null> {
    const teaching = await this.get(id);
    if (!teaching || teaching.undone) return null;
    const entryId = teaching.kind === 'entry' ? teaching.entry.id : null;
    const dependents = entryId ? (await this.all()).filter((t) => !t.undone && t.kind === 'phrasing' && t.entryId === entryId) : [];
    return this.write([
      [{ ...teaching, undone: { at, by } }, { at, by, action: 'undone', teachingId: id, what }],
      ...dependents.map((t): [Teaching, TeachingAudit] => [{ ...t, undone: { at, by } }, { at, by, action: 'undone', teachingId: t.id, what: `${what} com a resposta “${entryId}”` }]),
    ]);
  }

  /** Teachings and their audit lines, saved in one MULTI with the version they make. */
  private async write(changes: [Teaching, TeachingAudit][]): Promise<number> {
    const multi = this.redis.multi();
    for (const [teaching, audit] of changes) multi.hset(this.keys.teach('items'), teaching.id, JSON.stringify(teaching)).lpush(this.keys.teach('audit'), JSON.stringify(audit));
    const result = await multi.ltrim(this.keys.teach('audit'), 0, 999).incr(this.keys.teach('version')).exec();
    const failed = result?.find(([err]) => err);
    if (!result || failed) throw failed?.[0] ?? new Error('the teaching was not saved (the transaction was discarded)');
    return Number(result.at(-1)?.[1]);
  }

  /** The audit, newest first. */
  async audit(limit = 50): Promise<TeachingAudit[]> {
    const raw = await this.redis.lrange(this.keys.teach('audit'), 0, limit - 1);
    return raw.map((r) => readJsonObject(r) as TeachingAudit | undefined).filter((a): a is TeachingAudit => typeof a?.teachingId === 'string');
  }

  async version(): Promise<number> {
    return Number((await this.redis.get(this.keys.teach('version'))) ?? 0);
  }

  async status(): Promise<LearningStatus | null> {
    const raw = await this.redis.get(this.keys.teach('status'));
    return raw ? ((readJsonObject(raw) as LearningStatus | undefined) ?? null) : null;
  }

  /** Where the training stands; an older version never overwrites a newer one's status. */
  async setStatus(status: LearningStatus): Promise<void> {
    const current = await this.status();
    if (current && current.version > status.version) return;
    await this.redis.set(this.keys.teach('status'), JSON.stringify(status));
  }

  /** A claim whose telling failed, given back (the next learning tells them). */
  async releaseTelling(id: string): Promise<void> {
    await this.redis.del(this.keys.teach(`told:${id}`));
  }

  /** True for the first instance that claims telling the agents about a teaching (they are told once). */
  async claimTelling(id: string): Promise<boolean> {
    return (await this.redis.set(this.keys.teach(`told:${id}`), '1', 'NX')) === 'OK';
  }
}
