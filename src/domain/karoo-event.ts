import type { DeliveryError, DeliveryState } from './whatsapp.js';

/**
 * An event from Karoo Chat as the bot understands it (docs/contracts/karoo-chat.md §1): what
 * the flows read. The webhook's schema (`intake/karoo-event-schema.ts`) reads the wire body into this shape;
 * a phone is already E.164 here, or null.
 */

export interface KarooContact {
  id: string;
  kind: 'customer' | 'partner' | 'agent';
  name: string | null;
  /** E.164, or null when the contact has none or it is no valid number. */
  phone: string | null;
  login: string | null;
  crmCode: string | null;
}

export interface KarooAgent {
  id: string;
  login: string;
  name: string | null;
}

export interface KarooChat {
  id: string;
  number: number | null;
  /** Open: a new Karoo department does not make events bounce. */
  department: string;
  contact: KarooContact;
  agent: KarooAgent | null;
}

export interface KarooMessage {
  id: string;
  author: 'contact' | 'agent' | 'bot' | 'system';
  text: string;
}

export interface KarooTransfer {
  toAgentLogin: string | null;
  toDepartment: string | null;
}

/** A message's delivery (`message.status`, docs/contracts/karoo-chat.md §4). */
export interface KarooStatus {
  messageId: string;
  state: DeliveryState;
  /** Set when `failed`: why (an unknown code reads as `undeliverable`). */
  error: { code: DeliveryError; message: string | null } | null;
}

export interface KarooEvent {
  id: string;
  /** `message.created`, `chat.opened`, `chat.closed`, `chat.transferred`, `message.status`; others are ignored. */
  type: string;
  occurredAt: string;
  chat: KarooChat;
  /** Present on `message.created`. */
  message?: KarooMessage;
  /** Present on `chat.transferred`. */
  transfer?: KarooTransfer;
  /** Present on `message.status`. */
  status?: KarooStatus;
}
