import type { BimerOp } from './bimer-ops.js';
import type { ProactiveRecipient } from './recipient.js';
import type { StreamKey } from './stream.js';
import type { TemplateSend } from './whatsapp.js';

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
  /**
   * Sends news to the stream that owns the customer's monitoring (found in the owner index).
   * `ifNone: 'expected'`: most customers have no monitoring, so finding no owner is no warning.
   */
  | { type: 'forwardToCustomerOwner'; customerCode: string; name: string; data: Record<string, unknown>; ifNone?: 'expected' }
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
