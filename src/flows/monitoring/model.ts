import type { DeliveryState } from '../../domain/whatsapp.js';
import type { CustomerInfo, UserInfo } from '../../domain/bimer-ops.js';
import { fold } from '../../util/text.js';

/** The post-implantation monitoring (ticket 2266) of one customer, owned by its implanter. */

export type WeekNo = 1 | 2 | 3;

/** A week number read back from a timer's or a result's data (JSON): 1, 2 or 3, else 1. */
export function weekNo(value: unknown): WeekNo {
  const n = Number(value);
  return n === 2 || n === 3 ? n : 1;
}

export const WEEK_LABEL: Record<WeekNo, string> = { 1: 'primeira semana', 2: 'segunda semana', 3: 'terceira semana' };
export const WEEK_ORDINAL: Record<WeekNo, string> = { 1: '1ª', 2: '2ª', 3: '3ª' };

// The specific ticket types and their names live in the domain (the configuration's checks read them too).
export { CODE_NAMES, DEMAND_CODES } from '../../domain/ticket-codes.js';

export interface WeekRecord {
  /** What follows the label on the week's line of the 2266. */
  note: string;
  scenario: 'A' | 'B' | 'C';
  code: string | null;
  protocolo: string | null;
  /** When the week was recorded, and when it was due (the supervisors' indicators; older states have neither). */
  at?: string;
  dueAt?: string;
}

export type Phase =
  /** waiting for the week's due date */
  | 'scheduled'
  /** the customer got the follow-up; waiting for their answer (or the window to end) */
  | 'customer_wait'
  /** the agent was asked how the week's contact went */
  | 'agent_checkin'
  /** the bot is writing the week in Bimer */
  | 'recording'
  /** scenario B: the 2266 is with the salesperson */
  | 'seller_wait'
  /** after week 3: with the supervisor */
  | 'done';

export interface CustomerReply {
  kind: 'ok' | 'issue' | 'none';
  text: string;
  at: string;
  /** The answer came while a plantão shift had the chat (the plantão answered it, not the bot for the implanter). */
  during?: 'plantao';
}

/** The week's follow-up to the customer, and how far it got on WhatsApp (Karoo's `message.status`). */
export interface FollowUp {
  week: WeekNo;
  /** The number it went to (E.164). */
  phone: string;
  /** Karoo's id of the message, once Karoo took it. */
  messageId: string | null;
  form: 'text' | 'template' | null;
  /** null: on its way, or taken by Karoo with no status yet. */
  state: DeliveryState | null;
  /** Why it did not reach the customer: the delivery error, or Karoo's refusal. */
  error: string | null;
  at: string;
  /** The numbers tried this week: one without WhatsApp makes the bot try the next valid one, once. */
  tried: string[];
  /** When the customer first answered it (in its chat, after it went out): kept once the week is recorded. */
  answeredAt?: string;
}

/** What the customer wrote to the plantão in the monitoring's chat, shown to the implanter at the next check-in. */
export interface PlantaoNote {
  at: string;
  text: string;
  kind: 'ok' | 'issue';
  /** Written out of hours with no shift on (relayed to the implanter at the next business opening, recalled at the check-in); else to the plantão. */
  during?: 'after-hours';
  /** Already shown to the implanter, in the check-in or a reminder. */
  told?: true;
  /** Written out of hours and relayed to the implanter at the next business opening (still recalled at the check-in). */
  relayed?: true;
}
/** How many of those a monitoring keeps (the latest). */
/**
 * Week 1 already went to the salesperson once and came back (scenario B): a second "não" closes the
 * week as it stands, no second hand-over (`scenarioB`), and the reminders say so.
 */
export function backFromSeller(m: Pick<Monitoring, 'sellerHandOverAt' | 'noSellerAt' | 'weeks'>): boolean {
  return Boolean(m.sellerHandOverAt ?? m.noSellerAt) && m.weeks[1]?.scenario === 'B';
}

export const PLANTAO_NOTES = 5;

/** Keeps what the customer wrote for the next check-in (the latest `PLANTAO_NOTES`). */
export function keepPlantaoNote(m: Pick<Monitoring, 'plantaoNotes'>, note: PlantaoNote): void {
  // Words only: "123 456 789" (a remote-access id given to the technician) tells the implanter nothing (found by an outside tester).
  if (!/\p{L}/u.test(note.text)) return;
  m.plantaoNotes = [...(m.plantaoNotes ?? []), note].slice(-PLANTAO_NOTES);
}

/** The notes have been shown to the implanter: a reminder repeats none of them. */
export function plantaoNotesTold(m: Pick<Monitoring, 'plantaoNotes'>): void {
  if (m.plantaoNotes) m.plantaoNotes = m.plantaoNotes.map((n) => ({ ...n, told: true }));
}

/** Words of a customer's name that tell it apart ("padaria", "quente"), not its joints ("da", "e"): three letters or more. */
export const nameWords = (name: string): string[] => fold(name).split(/[^a-z0-9]+/).filter((w) => w.length > 2);

/**
 * The one monitoring whose customer's name a message says ("…da padaria pão quente"): the most
 * words of a name said, and no other name as many. Null when none is said, or two tie.
 */
export function namedIn<T extends Pick<Monitoring, 'customer'>>(monitorings: T[], text: string): T | null {
  const said = new Set(fold(text).split(/[^a-z0-9]+/));
  const scored = monitorings.map((m) => ({ m, score: nameWords(m.customer.name).filter((w) => said.has(w)).length }));
  const best = Math.max(0, ...scored.map((x) => x.score));
  const named = scored.filter((x) => x.score === best && best > 0);
  return named.length === 1 ? (named[0]?.m ?? null) : null;
}

export interface Monitoring {
  id: string;
  customer: CustomerInfo;
  agent: UserInfo;
  parecer: string;
  rsp: { id: string | null; protocolo: string } | null;
  ticket: { id: string; protocolo: string };
  createdAt: string;
  week: WeekNo;
  dueAt: string;
  phase: Phase;
  weeks: Partial<Record<WeekNo, WeekRecord>>;
  customerChatId: string | null;
  customerReply: CustomerReply | null;
  optOut: boolean;
  /** When the customer asked to stop the messages (the last follow-up shows as answered so). */
  optOutAt?: string;
  reminders: number;
  seller: { id: string; login: string | null; name: string | null } | null;
  /** A week-3 demand left open after the hand-over. */
  openDemand: { code: string; protocolo: string } | null;
  /** The week's follow-up and its delivery (the last one sent). */
  followUp?: FollowUp | null;
  /** The contact's name as Karoo gave it when they wrote (the template's `{{1}}`). */
  contactName?: string | null;
  /** The customer's messages to the plantão since the last week was recorded. */
  plantaoNotes?: PlantaoNote[];
  /**
   * The plantão left the customer's chat for the next business day since the last week was recorded (the technician's
   * `#pendente` reason, or `unanswered`: nobody answered before the shift ended): the implanter is told at the next
   * opening, and the week's automatic "tudo certo?" is not sent.
   */
  plantaoPending?: { at: string; reason: string; unanswered?: true; relayed?: true } | null;
  /** When a week 1 without contact handed the 2266 to the salesperson (kept after their return). */
  sellerHandOverAt?: string;
  /** When a week 1 without contact found no salesperson in Bimer (the implanter asked to tell supervision instead). */
  noSellerAt?: string;
  /** What the salesperson reported back (the week-1 check-in that follows tells the implanter). */
  sellerReturn?: { note: string; at: string } | null;
  /**
   * The agent asked for this week's check-in before its due date ("monitoramento do cliente 123"
   * the day of the close): the follow-up was not sent; a cancel puts the week back on its date.
   */
  early?: boolean;
  /**
   * Numbers WhatsApp said reach nobody for good (`not_on_whatsapp`, `blocked`), with the error and
   * the week it was learnt: later weeks write to the record's next number instead, or ask the
   * implanter to call. A message from that number takes it off.
   */
  deadPhones?: Record<string, { error: string; week: WeekNo }>;
  /**
   * When the customer's data was erased from the bot on request (LGPD): no more automatic messages
   * (`optOut` is set too, but nobody asked for that), and the 2266's text in Bimer, whose parecer
   * the bot no longer holds, is left as it is: the implanter adds each week's line by hand.
   */
  erasedAt?: string;
}

/**
 * The monitored customer as the help desk reads it in the bot's messages: "Padaria Pão Quente (000123)";
 * after an erasure (LGPD) the code alone, said plainly (found by an outside tester: the supervisor read
 * "[removido] (000123)").
 */
export function customerRef(m: Pick<Monitoring, 'customer' | 'erasedAt'>): string {
  return m.erasedAt ? `cliente ${m.customer.code} (nome apagado a pedido do titular)` : `${m.customer.name} (${m.customer.code})`;
}

/** The record's first number WhatsApp has not said reaches nobody (the main one, then the others), or null. */
export function livePhone(m: Pick<Monitoring, 'customer' | 'deadPhones'>): string | null {
  const dead = m.deadPhones ?? {};
  return [m.customer.phone, ...(m.customer.others ?? [])].find((p): p is string => typeof p === 'string' && !dead[p]) ?? null;
}

export function text2266(parecer: string, weeks: Partial<Record<WeekNo, WeekRecord>>): string {
  const lines = ['monitoramento', `P: ${parecer}`];
  for (const w of [1, 2, 3] as WeekNo[]) {
    const record = weeks[w];
    lines.push(record ? `(x) ${WEEK_LABEL[w]} — ${record.note}` : `( ) ${WEEK_LABEL[w]}`);
  }
  return lines.join('\n');
}

/** What a protocol already is in this monitoring ("o RSP", "o 2266", "o atendimento da 1ª semana"), or null when none of its tickets. */
export function protocolOfMonitoring(m: Monitoring, protocolo: string): string | null {
  if (m.rsp?.protocolo === protocolo) return 'o RSP da implantação';
  if (m.ticket.protocolo === protocolo) return 'o próprio 2266';
  const week = ([1, 2, 3] as const).find((w) => m.weeks[w]?.protocolo === protocolo);
  return week ? `o atendimento da ${WEEK_ORDINAL[week]} semana` : null;
}

export function protocolsSoFar(m: Monitoring): string[] {
  const list: string[] = [];
  if (m.rsp) list.push(`RSP ${m.rsp.protocolo}`);
  list.push(`2266 ${m.ticket.protocolo}`);
  for (const w of [1, 2, 3] as WeekNo[]) {
    const r = m.weeks[w];
    if (r?.protocolo) list.push(`${WEEK_ORDINAL[w]} semana ${r.code ?? ''} ${r.protocolo}`.replace(/\s+/g, ' '));
  }
  return list;
}

export function monitoringId(customerCode: string, localDate: string): string {
  return `${customerCode}-${localDate}`;
}

export function externalKey2266(customerCode: string, localDate: string): string {
  return `karoo-bot:2266:${customerCode}:${localDate}`;
}
