import type { KarooEvent } from '../domain/karoo-event.js';
import type { ProactiveRecipient } from '../domain/recipient.js';
import type { TemplateSend } from '../domain/whatsapp.js';
import type { BimerOp } from '../domain/bimer-ops.js';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { FaqIndex } from '../faq/faq-index.js';
import type { LanguageModel } from '../nlu/language-model.js';
import type { Roster } from '../roster/roster.js';
import type { QaSettings } from './plantao/qa-report.js';

/**
 * A stream is the unit of ordering and of state: `chat:<chatId>` for a customer or partner
 * chat, `agent:<login>` for an agent's conversation with the bot and the monitorings they own,
 * `ops:pending` for the plantão's pending work waiting to be handed over, `ops:qa` for the
 * plantão's chats as QA reviews them.
 * Everything that happens to a stream (Karoo events, timers, results of effects, events
 * forwarded by other streams) is applied one at a time, in order, by a pure flow.
 */
export type StreamKey = `chat:${string}` | `agent:${string}` | `ops:${string}`;

/**
 * What set off a chain of work, as the audit trail tells it: an agent's or a customer's message,
 * a timer. A Bimer call's result and forwarded news carry the cause of the item that asked for
 * them, so a ticket written three steps after an agent's message still names that message.
 * The edges fill it in; flows never read it.
 */
export interface Cause {
  /** `internal`: news or a result that carried no cause (queued before the audit trail existed). */
  kind: 'agent-message' | 'customer-message' | 'technician-message' | 'karoo-event' | 'timer' | 'internal';
  /** The Karoo event id, or the timer's id. */
  id: string;
  /** The stream it happened in. */
  stream: StreamKey;
  /** When the bot applied it (ISO). */
  at: string;
}

/** Something the bot itself tells a stream. `id` is deterministic, so re-delivery is harmless. */
export interface InternalEvent {
  id: string;
  type: 'timer' | 'effect.result' | 'forward';
  /** timer: which one; effect.result: the tag the effect carried; forward: the kind of news */
  name: string;
  data: Record<string, unknown>;
  /** What the work this event continues started from (results and forwards; the audit trail). */
  cause?: Cause;
}

export type StreamItem = { kind: 'karoo'; event: KarooEvent } | { kind: 'internal'; event: InternalEvent };

/** Where the result of an effect is delivered, as an `effect.result` event with this tag. */
export interface ResultRoute {
  stream: StreamKey;
  tag: string;
  context?: Record<string, unknown>;
  /** Only when the call did not go through (a chat's messages: the stream adapts to what was not sent). */
  only?: 'failure';
}

/**
 * What a flow asks the edges to do. Flows never perform I/O: they return effects, and the
 * processor runs each one through BullMQ with a deterministic id and idempotency key.
 */
export type Effect =
  /** `phone`: the chat's contact is that phone, so WhatsApp's 24-hour window applies (no text outside it). */
  | { type: 'karoo.sendMessage'; chatId: string; text: string; phone?: string | null; onResult?: ResultRoute }
  | { type: 'karoo.closeChat'; chatId: string; reason: string; onResult?: ResultRoute }
  /**
   * To a phone: `text` inside the window, `template` outside it (no template: not sent outside it);
   * `templateOnly`: the text was refused as outside the window, so only the template may go.
   */
  | { type: 'karoo.proactive'; to: ProactiveRecipient; department: string; text: string; template?: TemplateSend; templateOnly?: boolean; onResult?: ResultRoute }
  /** A person wrote from this phone (E.164) at `at`: their WhatsApp window opens or is renewed. */
  | { type: 'whatsapp.window'; phone: string; at: string }
  | { type: 'bimer'; op: BimerOp; onResult?: ResultRoute }
  /** (Re)arms a timer: a later `set` with the same id replaces it. */
  | { type: 'timer.set'; stream: StreamKey; timerId: string; dueAt: string; data: Record<string, unknown> }
  | { type: 'timer.cancel'; timerId: string }
  /** Sends news to another stream (a customer's reply to the monitoring's owner, say). */
  | { type: 'forward'; stream: StreamKey; name: string; data: Record<string, unknown> }
  /** Sends news to the stream that owns the customer's monitoring (found in the owner index). */
  | { type: 'forwardToCustomerOwner'; customerCode: string; name: string; data: Record<string, unknown> }
  /** Records which stream owns a customer's monitoring. */
  | { type: 'owner.set'; customerCode: string; stream: StreamKey }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; data?: Record<string, unknown> }
  /** Appends to a capped list kept for people (e.g. questions the FAQ could not answer). */
  | { type: 'record'; list: 'faq-unanswered'; value: Record<string, unknown> }
  /** Counts something people watch on the ops dashboard (GET /metrics): how the FAQ answered a question. */
  | { type: 'metric'; name: 'faq.question'; outcome: 'answered' | 'options' | 'unknown' };

export interface FlowResult<S> {
  state: S;
  effects: Effect[];
}

export interface MonitoringSettings {
  /** Days between check-ins (7). */
  intervalDays: number;
  /** Local time of a check-in on its due day (08:00). */
  checkinTime: string;
  /** Move a due date that falls on a weekend/holiday to the next business day. */
  moveToBusinessDay: boolean;
  /** Code of a successful contact with no technical demand ("apenas ok"). */
  okCode: string;
  /** Ticket type of the RSP when the bot registers it. */
  rspType: string;
  /** Karoo department of the proactive follow-up to the customer. */
  customerDepartment: string;
  /** Remind an unanswered check-in at this local time on the next business day. */
  reminderTime: string;
  /** Business days between reminders while waiting for the salesperson (scenario B). */
  sellerReminderDays: number;
  /** Reminders sent before the bot stops insisting (and logs it for supervision). */
  maxReminders: number;
}

export interface PlantaoSettings {
  /** Minutes of silence before the check-in in an implantation chat, and between check-ins (30). */
  idleMinutes: number;
  /** Minutes of silence before the check-in in a partner chat (15–30). */
  partnerIdleMinutes: number;
  /** Minutes of silence after "tudo ok" before the chat is closed (15–30). */
  closeAfterMinutes: number;
  /** Minutes before the end of the shift for the notice (30). */
  noticeMinutes: number;
  /** Minutes before the next business opening to deliver the pending-work summary (0 = at opening). */
  escalationLeadMinutes: number;
  /** How many days back the customer's tickets go in the technician's hint on a hardware problem (30). */
  hardwareHintDays: number;
}

/** The WhatsApp templates the bot sends outside the 24-hour window (null: none; such a message is not sent then). */
export interface TemplateSettings {
  language: string;
  /** The weekly follow-up to the customer (`KAROO_FOLLOWUP_TEMPLATE`). */
  followUp: string | null;
  /** The notice to a reseller that one of its customers called the plantão (`KAROO_RESELLER_TEMPLATE`). */
  reseller: string | null;
}

/** Everything a flow may read besides state and event: plain settings, a pure calendar, the roster. */
export interface FlowContext {
  calendar: BusinessCalendar;
  monitoring: MonitoringSettings;
  roster: Roster;
  plantao: PlantaoSettings;
  /** WhatsApp templates, for sends to a phone outside the 24-hour window. */
  templates: TemplateSettings;
  faq: FaqIndex;
  /** The language layer: what agents, customers and partners mean (trained at start). */
  nlu: LanguageModel;
  /** The plantão's QA review: its thresholds and the page its report links to. */
  qa: QaSettings;
  /** Days the figures derived from finished cycles and plantão chats are kept (`RETENTION_DAYS`). */
  retentionDays: number;
}

