import type { KarooEvent } from './karoo-event.js';

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
