import type { KarooEvent } from '../bot/karoo-event.js';
import type { ProactiveRecipient } from '../bot/karoo-client.js';

/**
 * What a flow asks the edges to do. Flows never perform I/O: they return effects, and the
 * scheduler runs each one through BullMQ with a deterministic id and idempotency key.
 */
export type Effect =
  | { type: 'karoo.sendMessage'; chatId: string; text: string }
  | { type: 'karoo.closeChat'; chatId: string; reason: string }
  | { type: 'karoo.proactive'; to: ProactiveRecipient; department: string; text: string };

/** Per-chat state kept in Redis. `version` grows by one on every stored change. */
export interface ChatState {
  version: number;
  chatId: string;
  lastActivityAt: string | null;
  lastContactMessageAt: string | null;
}

export interface FlowResult<S> {
  state: S;
  effects: Effect[];
}

/** Settings a flow may read; a plain object so flows stay pure and testable. */
export type FlowConfig = Record<string, never>;

export type Flow<S> = (state: S, event: KarooEvent, now: Date, config: FlowConfig) => FlowResult<S>;

export function initialChatState(chatId: string): ChatState {
  return { version: 0, chatId, lastActivityAt: null, lastContactMessageAt: null };
}
