import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';
import { BimerMemory, type BimerSnapshot, type Rec } from './bimer-memory.js';
import type { Inbound } from './whatsapp-rules.js';

/**
 * What the sandbox's Karoo and Bimer remember (`routes/sandbox-standins.ts` serves them under
 * /sandbox), kept in the bot's own Redis: the Karoo calls the bot made, and Bimer's records.
 */

/**
 * The chat the sandbox opens for a proactive message to a phone: stable per phone and opaque, as
 * Karoo's own ids are (a phone inside an id would end up in the logs in clear).
 */
export function sandboxChatId(phone: string): string {
  return `ch_sbx_${createHash('sha256').update(phone.replace(/\D/g, '')).digest('hex').slice(0, 12)}`;
}

export interface KarooRecord {
  seq: number;
  at: string;
  kind: 'message' | 'close' | 'proactive' | 'inbound' | 'refused';
  chatId: string;
  text: string;
  to?: { login?: string; phone?: string };
  department?: string;
  /** An inbound message: the phone it came from (its WhatsApp window). */
  phone?: string;
  /** A template send: the template's name (the text is the template filled in). */
  template?: string;
  /** The message id Karoo gave (what a `message.status` names). */
  messageId?: string;
  /** A refused call: Karoo's error code. */
  code?: string;
  /** The delivery the simulator reported for it (`message.status`). */
  status?: string;
}

interface KarooSnapshot {
  records: KarooRecord[];
  answers: Record<string, Rec>;
}

export class SandboxStore {
  bimer = new BimerMemory();
  karoo: KarooSnapshot = { records: [], answers: {} };
  /** How far the simulator moved the sandbox's clock ahead of the real time (ms), kept across restarts. */
  clockOffsetMs = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async load(): Promise<void> {
    const [b, k, c] = await this.redis.mget(this.keys.sandbox('bimer'), this.keys.sandbox('karoo'), this.keys.sandbox('clock'));
    if (b) this.bimer = new BimerMemory(JSON.parse(b) as BimerSnapshot);
    if (k) this.karoo = JSON.parse(k) as KarooSnapshot;
    this.clockOffsetMs = Math.max(0, Number(c ?? 0) || 0);
  }

  /**
   * Keeps where the simulator moved the clock, so that a restart of the process goes on at the
   * simulated instant its timers were armed for, not back at the real time.
   */
  async saveClockOffset(ms: number): Promise<void> {
    this.clockOffsetMs = ms;
    await this.redis.set(this.keys.sandbox('clock'), String(ms));
  }

  /** Forgets every message and ticket: the seeded Bimer and an empty Karoo (the simulator's reset; their keys are gone from Redis). */
  clear(): void {
    this.bimer = new BimerMemory();
    this.karoo = { records: [], answers: {} };
    this.clockOffsetMs = 0;
  }

  async save(): Promise<void> {
    await this.redis.mset(this.keys.sandbox('bimer'), JSON.stringify(this.bimer.snapshot()), this.keys.sandbox('karoo'), JSON.stringify(this.karoo));
  }

  /** Messages the bot sent to a chat, or to a login / phone proactively. */
  karooFor(filter: (r: KarooRecord) => boolean): KarooRecord[] {
    return this.karoo.records.filter(filter);
  }

  /** The people's messages the sandbox saw: their WhatsApp windows. */
  inbounds(): Inbound[] {
    return this.karoo.records.flatMap((r) => (r.kind === 'inbound' && r.phone ? [{ phone: r.phone, chatId: r.chatId, at: r.at }] : []));
  }

  /** The phone of a chat's contact: who wrote in it, or whom the bot wrote to first; null: an agent's chat. */
  phoneOfChat(chatId: string): string | null {
    const { records } = this.karoo;
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i];
      if (r?.chatId !== chatId) continue;
      if (r.phone) return r.phone;
      if (r.to?.phone) return r.to.phone;
    }
    return null;
  }
}
