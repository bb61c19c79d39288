import type { DeliveryError, DeliveryState } from '../domain/whatsapp.js';
import { str } from './phrases.js';
import type { InternalEvent, StreamKey } from '../domain/stream.js';

/**
 * The news a customer's chat and the agent who owns its monitoring send each other (`forward`
 * items), typed by name: `Effects.tell` sends only the data a name carries, and `newsOf` reads it
 * back field by field (never cast), with safe values for what an older version did not send.
 */

/** How a customer's message in a monitoring's chat reads for the monitoring. */
export type ReplyKind = 'ok' | 'issue' | 'optout';

/**
 * When the customer wrote, as the implanter should take it: `business` (relayed at once),
 * `after-hours` (no one on duty: seen at the next opening), `plantao` (an on-call shift took care
 * of it: only noted, shown at the next check-in).
 */
export type ReplyMoment = 'business' | 'after-hours' | 'plantao';

export interface News {
  /** The chat Karoo opened for a week's follow-up belongs to this monitoring (agent → chat). */
  'monitoring.link': { monitoringId: string; agentStream: StreamKey; agentName: string; customerName: string; sentAt: string };
  /** The monitoring's cycle ended (hand-over, opt-out, or unknown to its owner): the chat is an ordinary chat again (agent → chat). */
  'monitoring.unlink': { monitoringId: string; reason: 'done' | 'optout' | 'unknown' };
  /** The customer wrote in the monitoring's chat (chat → agent); `name`: the contact's name as Karoo gave it. */
  'customer.reply': { monitoringId: string; kind: ReplyKind; text: string; chatId: string; during: ReplyMoment; at: string; name?: string | null };
  /**
   * A customer wrote to the plantão in a chat no follow-up has linked yet (chat → the owner of
   * the customer's monitoring, if any): noted for the next check-in.
   */
  'customer.plantao': { customerCode: string; kind: 'ok' | 'issue'; text: string; chatId: string; at: string; name?: string | null; phone?: string | null; during?: 'after-hours'; optOut?: true };
  /**
   * A customer's chat was left for the next business day by the plantão (a technician's `#pendente` and its reason,
   * or nobody answered before the last shift ended: `unanswered`; `resolved`: the customer said it was solved after all): the monitoring's owner is told at the next opening (chat → agent, by
   * `monitoringId` when the chat is linked, else by the owner of the customer's monitoring).
   */
  'customer.pending': { monitoringId: string; customerCode: string; chatId: string; reason: string; at: string; unanswered?: true; resolved?: true };
  /**
   * A customer wrote on a business day, in the follow-ups' department, in a chat no follow-up has
   * linked (the follow-up's chat closed, and Karoo opened a new one): the owner links it when it is
   * the number the week's follow-up went to, still waiting for its answer (chat → agent).
   */
  'customer.elsewhere': { customerCode: string; chatId: string; phone: string };
  /** How far a message of the bot in the monitoring's chat got (chat → agent): the week's follow-up is one of them. */
  'followup.status': { monitoringId: string; messageId: string; state: DeliveryState; error: DeliveryError | null };
  /** A supervisor taught the assistant the answer to a question this agent asked (the learning plugin → agent). */
  'faq.taught': { question: string; answer: string };
}
export type NewsName = keyof News;

const oneOf = <T extends string>(v: unknown, options: readonly T[], fallback: T): T => options.find((o) => o === v) ?? fallback;

const readers: { [N in NewsName]: (d: Record<string, unknown>) => News[N] | null } = {
  'monitoring.link': (d) => {
    const agentStream = str(d.agentStream);
    if (!str(d.monitoringId) || !agentStream.startsWith('agent:')) return null;
    return { monitoringId: str(d.monitoringId), agentStream: `agent:${agentStream.slice('agent:'.length)}`, agentName: str(d.agentName), customerName: str(d.customerName), sentAt: str(d.sentAt) };
  },
  'monitoring.unlink': (d) => (str(d.monitoringId) ? { monitoringId: str(d.monitoringId), reason: oneOf(d.reason, ['done', 'optout', 'unknown'], 'done') } : null),
  'customer.reply': (d) =>
    str(d.monitoringId)
      ? {
          monitoringId: str(d.monitoringId),
          kind: oneOf(d.kind, ['ok', 'issue', 'optout'], 'issue'),
          text: str(d.text),
          chatId: str(d.chatId),
          during: oneOf(d.during, ['business', 'after-hours', 'plantao'], 'business'),
          at: str(d.at),
          name: str(d.name) || null,
        }
      : null,
  'customer.plantao': (d) =>
    str(d.customerCode) && str(d.text)
      ? {
          customerCode: str(d.customerCode),
          kind: oneOf(d.kind, ['ok', 'issue'], 'issue'),
          text: str(d.text),
          chatId: str(d.chatId),
          at: str(d.at),
          name: str(d.name) || null,
          phone: str(d.phone) || null,
          ...(d.during === 'after-hours' ? { during: 'after-hours' as const } : {}),
          ...(d.optOut === true ? { optOut: true as const } : {}),
        }
      : null,
  'customer.pending': (d) =>
    (str(d.monitoringId) || str(d.customerCode)) && (str(d.reason) || d.resolved === true)
      ? {
          monitoringId: str(d.monitoringId),
          customerCode: str(d.customerCode),
          chatId: str(d.chatId),
          reason: str(d.reason),
          at: str(d.at),
          ...(d.unanswered === true ? { unanswered: true as const } : {}),
          ...(d.resolved === true ? { resolved: true as const } : {}),
        }
      : null,
  'customer.elsewhere': (d) => (str(d.customerCode) && str(d.chatId) && str(d.phone) ? { customerCode: str(d.customerCode), chatId: str(d.chatId), phone: str(d.phone) } : null),
  'followup.status': (d) =>
    str(d.monitoringId) && str(d.messageId)
      ? {
          monitoringId: str(d.monitoringId),
          messageId: str(d.messageId),
          state: oneOf<DeliveryState>(d.state, ['sent', 'delivered', 'read', 'failed'], 'sent'),
          error: d.error === null || d.error === undefined ? null : oneOf<DeliveryError>(d.error, ['not_on_whatsapp', 'blocked', 'outside_window', 'undeliverable'], 'undeliverable'),
        }
      : null,
  'faq.taught': (d) => (str(d.question) && str(d.answer) ? { question: str(d.question), answer: str(d.answer) } : null),
};

/** The news an item carries when it is a forward of that name with the data it needs, else null. */
export function newsOf<N extends NewsName>(ev: InternalEvent, name: N): News[N] | null {
  if (ev.type !== 'forward' || ev.name !== name) return null;
  return readers[name](ev.data);
}
