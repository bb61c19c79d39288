import { formatPhone } from '../util/phone.js';

/**
 * Who an erasure is about (`erase.ts`), as the bot's stored values show them: their phones in any
 * text, their records (an object naming one of their chats, monitorings, codes or phones), and
 * the name fields of those records. Pure.
 */

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
   * Whether this object is someone else's record: it names a chat, phone or customer code, none of
   * them the person's. Its name fields are that other person's (another Maria Souza), never scrubbed.
   */
  private othersRecord(o: Record<string, unknown>): boolean {
    const other = (field: string, set: ReadonlySet<string>) => typeof o[field] === 'string' && o[field] !== '' && !set.has(o[field]);
    return other('chatId', this.chatIds) || other('phone', this.phones) || other('contactPhone', this.phones) || other('customerCode', this.codes) || other('crmCode', this.codes);
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
   * Whether a piece of the bot's work is surely the person's: one of their phones, a record of
   * theirs, a message to them; their full name found in some text is not (another Maria Souza
   * writes too). What only names them is scrubbed, never removed: a message of someone else's
   * must not be lost to an erasure.
   */
  identifies(value: unknown): boolean {
    return this.scrub(value, false).changed || this.messageTo(value);
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
    // Inside a record of theirs, their full name in a text goes too ("aguardando Maria Souza enviar o backup").
    const walk = (v: unknown, nameOfTheirs: boolean, inTheirs: boolean): unknown => {
      if (typeof v === 'string') {
        const out = nameOfTheirs && v !== ERASED ? ERASED : this.scrubText(v, work || inTheirs);
        if (out !== v) changed = true;
        return out;
      }
      if (Array.isArray(v)) return v.map((x) => walk(x, false, inTheirs));
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const mine = this.owns(o);
        // Another person's record keeps its name fields whole, whatever name they hold (an erasure by name would reach them).
        const others = !mine && this.othersRecord(o);
        return Object.fromEntries(
          Object.entries(o).map(([k, x]) => [k, others && NAME_FIELDS.has(k) && typeof x === 'string' ? x : walk(x, mine && NAME_FIELDS.has(k) && typeof x === 'string', inTheirs || mine)]),
        );
      }
      return v;
    };
    return { value: walk(value, false, false) as T, changed };
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

/** A stored value read as JSON (objects and arrays only), or undefined for plain text. */
export function parsed(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
