import { expect } from 'vitest';
import type { BimerOp, BimerOpResult } from '../../src/domain/bimer-ops.js';
import type { Effect } from '../../src/domain/effects.js';
import type { FlowContext } from '../../src/flows/context.js';
import { FlowDriver } from './flow-driver.js';
import { plantaoContext } from './plantao-roster.js';

/**
 * A chat played as a table, as pure functions (test/helpers/flow-driver.ts: no Redis, no HTTP,
 * the timers fired by moving the clock). Each row is a moment: what the contact or the technician
 * writes then (if anything) and what the bot must do between the previous row and this one: the
 * messages it sends to the chat (words they hold) and whether it closes the chat. The roster:
 * test/helpers/plantao-roster.ts (Friday 20/11 a holiday, then Saturday and Sunday shifts).
 */

export interface Row {
  /** Local time (-03:00) of the row: the clock moves there first, firing what is due. */
  at: string;
  contact?: string;
  technician?: string;
  /** The messages the bot sends to the chat since the previous row: the words each holds (in order). */
  sends?: string[][];
  /** Words none of those messages holds. */
  lacks?: string[];
  closes?: boolean;
}

export interface ChatTable {
  department: string;
  kind?: 'customer' | 'partner';
  /** The contact's profile name as Karoo gives it (the event's default otherwise). */
  contactName?: string;
  rows: Row[];
}

export const noReseller = (op: BimerOp): BimerOpResult => (op.op === 'lookupReseller' ? { customer: null, reseller: null } : { done: true });

export const CHAT = 'ch_plantao_1';

/** Plays the table; returns every effect, in order. */
export function playChat({ department, kind = 'customer', contactName, rows }: ChatTable, bimer: (op: BimerOp) => BimerOpResult | Error = noReseller, ctx: FlowContext = plantaoContext()): Effect[] {
  const first = rows[0] as Row;
  const driver = new FlowDriver(ctx, new Date(`${first.at}-03:00`), bimer);
  const all: Effect[] = [];
  for (const row of rows) {
    const effects = driver.advanceTo(`${row.at}-03:00`);
    const who = { chatId: CHAT, department, kind, login: null, phone: '+5511988776655' } as const;
    if (row.contact) {
      effects.push(
        ...driver.say({ ...who, author: 'contact', text: row.contact }, (raw) => {
          if (contactName !== undefined) (raw.chat as { contact: { name: string } }).contact.name = contactName;
        }),
      );
    }
    if (row.technician) {
      effects.push(
        ...driver.say({ ...who, author: 'agent', text: row.technician }, (raw) => {
          (raw.chat as { agent: unknown }).agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
        }),
      );
    }
    all.push(...effects);
    const sent = effects.flatMap((e) => (e.type === 'karoo.sendMessage' && e.chatId === CHAT ? [e.text] : []));
    const closed = effects.some((e) => e.type === 'karoo.closeChat' && e.chatId === CHAT);
    const label = `${row.at} ${row.contact ?? row.technician ?? '(time passes)'}`;
    expect(sent, label).toHaveLength(row.sends?.length ?? 0);
    (row.sends ?? []).forEach((words, i) => {
      for (const w of words) expect(sent[i], label).toContain(w);
    });
    for (const w of row.lacks ?? []) for (const text of sent) expect(text, label).not.toContain(w);
    expect(closed, label).toBe(row.closes ?? false);
  }
  return all;
}
