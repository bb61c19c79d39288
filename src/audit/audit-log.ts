import type { Redis } from 'ioredis';
import type { BimerOp, BimerOpResult } from '../domain/bimer-ops.js';
import type { Cause } from '../domain/stream.js';
import type { Keys } from '../store/keys.js';
import { readJsonObject } from '../util/json.js';

/**
 * The audit trail (issue 15): for every Bimer ticket the bot touched, what it did (created it,
 * replaced its text, delegated it, to whom, for when), when, and because of which event (the
 * agent's or customer's message, or the timer, that set the work off; see `Cause`). Written by
 * the Bimer worker once a write went through, one entry per effect (a retry writes the same
 * entry again, not a second one), kept `RETENTION_DAYS`. No customer words are kept: a text is
 * told by its length and lines.
 */

export type AuditAction = 'create' | 'replaceText' | 'delegate';

export interface AuditEntry {
  at: string;
  action: AuditAction;
  ticketId: string;
  protocolo: string | null;
  /** What was done, as an auditor reads it. */
  summary: string;
  details: Record<string, string | number | null>;
  cause: Cause | null;
  /** The effect's key (item id and index): the same effect is one entry. */
  effect: string;
}

const textFacts = (text: string) => ({ textLength: text.length, lines: text.split('\n').length });

/** The entry a write leaves, or null for a read (a protocol lookup only feeds the index). */
export function auditEntry(op: BimerOp, result: BimerOpResult, cause: Cause | null, at: Date, effect: string): AuditEntry | null {
  const base = { at: at.toISOString(), cause, effect };
  if (op.op === 'createTicket' && 'ticket' in result) {
    const t = op.ticket;
    return {
      ...base,
      action: 'create',
      ticketId: result.ticket.id,
      protocolo: result.ticket.protocolo,
      summary: `created a ${t.typeCode} ticket delegated to user ${t.responsibleUserId} for ${t.dueAt}${t.linkedTicketId ? `, linked to ticket ${t.linkedTicketId}` : ''}`,
      details: { type: t.typeCode, subject: t.subject, delegatedTo: t.responsibleUserId, for: t.dueAt, linkedTo: t.linkedTicketId, externalKey: t.externalKey, ...textFacts(t.text) },
    };
  }
  if (op.op === 'replaceText') {
    const facts = textFacts(op.text);
    return { ...base, action: 'replaceText', ticketId: op.ticketId, protocolo: null, summary: `replaced the text (${facts.lines} lines, ${facts.textLength} characters)`, details: facts };
  }
  if (op.op === 'delegate') {
    return { ...base, action: 'delegate', ticketId: op.ticketId, protocolo: null, summary: `delegated to user ${op.userId} for ${op.date}`, details: { to: op.userId, for: op.date, note: op.note } };
  }
  return null;
}

export class AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly retentionDays: number,
  ) {}

  private get ttl(): number {
    return this.retentionDays * 24 * 3600;
  }

  /** What a Bimer call that went through leaves in the trail (and in the protocol index). */
  async recordCall(op: BimerOp, result: BimerOpResult, cause: Cause | null, at: Date, effect: string): Promise<void> {
    const tx = this.redis.multi();
    const entry = auditEntry(op, result, cause, at, effect);
    if (entry) {
      const key = this.keys.audit(entry.ticketId);
      tx.hsetnx(key, effect, JSON.stringify(entry)).expire(key, this.ttl);
    }
    const ref = op.op === 'createTicket' || op.op === 'findTicketByProtocol' ? ('ticket' in result ? result.ticket : null) : null;
    if (ref) tx.set(this.keys.auditProtocol(ref.protocolo), ref.id, 'EX', this.ttl);
    if (entry || ref) await tx.exec();
  }

  /** The trail of a protocol, oldest first; null when the bot never touched that ticket (or it expired). */
  async trail(protocolo: string): Promise<{ ticketId: string; entries: AuditEntry[] } | null> {
    const ticketId = await this.redis.get(this.keys.auditProtocol(protocolo));
    if (!ticketId) return null;
    const entries = (await this.redis.hvals(this.keys.audit(ticketId))).flatMap((raw) => {
      const e = readJsonObject(raw) as AuditEntry | undefined;
      return e?.action ? [{ ...e, protocolo: e.protocolo ?? protocolo }] : [];
    });
    entries.sort((a, b) => a.at.localeCompare(b.at) || a.effect.localeCompare(b.effect));
    return { ticketId, entries };
  }
}
