import type { TicketDraft } from './ticket-draft.js';

/**
 * The Bimer operations flows ask for (as `bimer` effects), and what each answers. The Bimer
 * adapter runs them (`bimer-client/operations.ts`); results are plain JSON, delivered back to
 * the asking stream.
 */
export type BimerOp =
  | { op: 'lookupClose'; customerCode: string; agentLogin: string }
  | { op: 'findTicketByProtocol'; customerCode: string; protocolo: string }
  | { op: 'createTicket'; ticket: TicketDraft }
  | { op: 'replaceText'; ticketId: string; text: string }
  | { op: 'delegate'; ticketId: string; userId: string; date: string; note: string }
  | { op: 'getUser'; userId: string }
  /** The customer's phones read again (the agent may have fixed the record since the close). */
  | { op: 'customerPhones'; customerCode: string }
  | { op: 'lookupReseller'; crmCode: string | null; phone: string | null }
  /** The customer's tickets opened since `since` (Bimer's local date-time), newest first: a hint for the technician. */
  | { op: 'recentTickets'; crmCode: string | null; phone: string | null; since: string };

export interface CustomerInfo {
  id: string;
  code: string;
  name: string;
  /** E.164: the mobile (WhatsApp) number of the record, else its first valid one; null when none is valid. */
  phone: string | null;
  /** The record's phones that could not be read, as typed in Bimer: what the agent is asked to fix. */
  invalidPhones?: string[];
  /** The record's other valid numbers (E.164), when the lookup gave them: tried when the first has no WhatsApp. */
  others?: string[];
  sellerId: string | null;
  resellerId: string | null;
}

export interface UserInfo {
  id: string;
  login: string;
  name: string;
  supervisorId: string | null;
}

export interface TicketRef {
  id: string;
  protocolo: string;
  /** Its type (`CodigoTipoAtendimento`), when Bimer's answer carried it: a ticket named by the agent is checked to be a contact's. */
  typeCode?: string | null;
}

export interface CustomerPhones {
  phone: string | null;
  invalidPhones?: string[];
  /** The record's other valid numbers (E.164, mobiles first): tried when the first one has no WhatsApp. */
  others?: string[];
}

export interface ResellerLookup {
  customer: { code: string; name: string } | null;
  /** `contact.phone` is E.164. */
  reseller: { name: string; contact: { name: string; phone: string } | null } | null;
  /** Bimer records whose phone could not be read (skipped): for the ops log, so someone fixes them. */
  invalidPhones?: { record: string; phone: string }[];
}

export interface RecentTickets {
  customer: { code: string; name: string } | null;
  tickets: { protocolo: string; typeCode: string | null; subject: string | null; openedAt: string | null; open: boolean; text: string }[];
}

/** What each operation answers. */
export interface BimerResults {
  lookupClose: { found: false } | { found: true; customer: CustomerInfo; agent: UserInfo };
  findTicketByProtocol: { found: false } | { found: true; ticket: TicketRef };
  createTicket: { found: true; ticket: TicketRef };
  replaceText: { done: true };
  delegate: { done: true };
  getUser: { found: false } | { found: true; user: UserInfo };
  customerPhones: { found: false } | { found: true; phones: CustomerPhones };
  lookupReseller: ResellerLookup;
  recentTickets: RecentTickets;
}

export type BimerOpName = BimerOp['op'];
export type BimerOpResult = BimerResults[BimerOpName];

/** Who held a ticket, and for when (a delegation's "before"). */
export interface TicketHand {
  user: string;
  date: string;
}

/**
 * What a queued Bimer call remembers across its attempts: the ticket's hand before a delegation's
 * first attempt (the Bimer adapter reads it; the queue only keeps it with the job).
 */
export interface AttemptMemo {
  before?: TicketHand | undefined;
  /** How many earlier attempts may have gone through: their answer was lost (a timeout, a reset, a gateway's 502 or 504). */
  uncertain?: number | undefined;
  remember(before: TicketHand, uncertain?: number): Promise<void>;
}

/** Runs one attempt of a Bimer operation (the Bimer adapter implements it; the queue calls it). */
export type RunBimerOp = (op: BimerOp, memo: AttemptMemo) => Promise<BimerOpResult>;
