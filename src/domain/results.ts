import type { BimerOp, BimerResults } from './bimer-ops.js';
import type { InternalEvent } from './stream.js';

/**
 * The results of the edges' calls, typed by the tag they come back with. A flow sends a Bimer
 * operation with a tag (`Out.bimer` takes only the operation that tag answers: checked at compile
 * time) and reads the answer back with the same tag; no handler casts a result.
 */

/** Each tag and the Bimer operation it is the answer to. */
const BIMER_TAGS = {
  'close.lookup': 'lookupClose',
  'close.rspFind': 'findTicketByProtocol',
  'close.rspCreate': 'createTicket',
  'close.create2266': 'createTicket',
  'checkin.ticket': 'createTicket',
  'checkin.existing': 'findTicketByProtocol',
  'week.phones': 'customerPhones',
  'week.otherPhone': 'customerPhones',
  'seller.user': 'getUser',
  'supervisor.user': 'getUser',
  'mon.text': 'replaceText',
  'mon.delegate': 'delegate',
  'reseller.lookup': 'lookupReseller',
  'hardware.tickets': 'recentTickets',
} as const satisfies Record<string, BimerOp['op']>;
type BimerTags = typeof BIMER_TAGS;

/** Karoo calls whose answer a flow reads. */
export interface KarooResults {
  /** A proactive message: the chat Karoo opened for it, and whether it went as text or as the template. */
  'customer.followup': { chatId: string; id: string; form?: 'text' | 'template' };
  /** A chat message the bot sent (reported only when it could not be sent: WhatsApp's window). */
  'chat.said': { id: string };
  /** The notice to a reseller (reported only when it could not be sent). */
  'reseller.notice': { chatId: string; id: string };
}
const KAROO_TAGS: readonly (keyof KarooResults)[] = ['customer.followup', 'chat.said', 'reseller.notice'];

export type BimerTag = keyof BimerTags;
export type ResultTag = BimerTag | keyof KarooResults;
/** The operation a tag may be sent with. */
export type OpFor<T extends BimerTag> = Extract<BimerOp, { op: BimerTags[T] }>;
export type ResultFor<T extends ResultTag> = T extends BimerTag ? BimerResults[BimerTags[T]] : T extends keyof KarooResults ? KarooResults[T] : never;

/**
 * What the edges deliver to the asking stream after a call, untyped (the `data` of an
 * `effect.result` item); `outcomeOf` reads it back typed by the tag.
 * `code`: Karoo's error code when it gave one (`outside_window`, `template_not_approved`, …).
 */
export type DeliveredOutcome = { ok: true; result: unknown } | { ok: false; error: string; code?: string };

/** A delivered outcome read back by its tag. */
export type Outcome<T extends ResultTag> =
  | { ok: true; result: ResultFor<T>; context: Record<string, unknown> }
  /** `code`: the downstream's error code when it gave one (Karoo's `outside_window`, `template_not_approved`, …). */
  | { ok: false; error: string; code: string | null; context: Record<string, unknown> };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The outcome an `effect.result` item carries. Its payload is what the adapter answered to the
 * call sent with this tag (the edges deliver it unchanged, as JSON): the one place that relies on
 * that pairing, so the handlers read typed results.
 */
export function outcomeOf<T extends ResultTag>(ev: InternalEvent, _tag: T): Outcome<T> {
  const { context } = delivery(ev);
  if (ev.data.ok !== true) return { ok: false, error: typeof ev.data.error === 'string' ? ev.data.error : 'unknown error', code: typeof ev.data.code === 'string' ? ev.data.code : null, context };
  const result = (isRecord(ev.data.result) ? ev.data.result : {}) as ResultFor<T>;
  return { ok: true, result, context };
}

/** The tag of an `effect.result` item, when it is one a flow sent (a switch over it is checked for every tag). */
export function resultTag(ev: InternalEvent): ResultTag | null {
  if (ev.type !== 'effect.result') return null;
  const name = ev.name;
  return isBimerTag(name) ? name : (KAROO_TAGS.find((tag) => tag === name) ?? null);
}

function isBimerTag(name: string): name is BimerTag {
  return Object.hasOwn(BIMER_TAGS, name);
}

/** Whether a call worked, and the context it was sent with, whatever its tag. */
export function delivery(ev: InternalEvent): { ok: boolean; context: Record<string, unknown> } {
  return { ok: ev.data.ok === true, context: isRecord(ev.data.context) ? ev.data.context : {} };
}
