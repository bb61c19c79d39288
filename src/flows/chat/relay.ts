import type { KarooEvent } from '../../domain/karoo-event.js';
import { padCode } from '../../domain/ticket-codes.js';
import type { CustomerReading } from '../../nlu/language-model.js';
import { speaksOf } from '../../nlu/caveat.js';
import { asksWhoWrites } from '../../nlu/question-cues.js';
import { howIsItGoing, relayReply, whoWrites } from '../monitoring/messages.js';
import type { News, ReplyKind, ReplyMoment } from '../news.js';
import { tellOwner } from './delivery.js';
import { plantaoEvening } from './shift.js';
import { addressee, recentlySaid, liveLink, type ChatTurn } from './state.js';

/**
 * The monitoring's side of a customer's chat (docs/mission/monitoring-2266.md §2). The chat the
 * week's follow-up opened is linked to the monitoring; what the customer writes there goes to the
 * implanter who owns it, read as an "all fine", a problem, or a request to stop the messages:
 * - on a business day (or out of hours with no shift on) the bot answers in the implanter's name,
 *   since the follow-up was signed by them and they are told at once (out of hours: from the next
 *   opening, as the answer says);
 * - during a plantão shift of the chat's department the plantão takes the chat like any other, and
 *   the monitoring only notes the contact (the implanter sees it at the next check-in): nobody
 *   promises that someone off duty will help now;
 * - an opt-out stops the follow-ups and ends the link, as the hand-over to the supervisor and an
 *   erasure do; later messages are ordinary chat messages. Pure.
 */

/** The chat the follow-up opened belongs to this monitoring; an answer that came before the link is the reply. */
export function linked(t: ChatTurn, link: News['monitoring.link']): void {
  const { s } = t;
  s.monitoring = { monitoringId: link.monitoringId, agentStream: link.agentStream, agentName: link.agentName, customerName: link.customerName, optOut: false };
  tellOwner(t); // the follow-up's delivery may have been reported before the link
  const early = s.earlyReply;
  s.earlyReply = null;
  if (!early || Date.parse(early.at) < Date.parse(link.sentAt || early.at)) return;
  const reading = t.ctx.nlu.customer(early.text);
  const shift = t.ctx.roster.activeShift(s.department ?? '', new Date(early.at));
  relay(t, { text: early.text, name: early.name, at: early.at }, reading, momentOf(t, new Date(early.at), shift !== null, reading));
}

/** The cycle ended (or the owner no longer knows it): the chat is an ordinary chat from now on. */
export function unlinked(t: ChatTurn, news: News['monitoring.unlink']): void {
  if (t.s.monitoring?.monitoringId === news.monitoringId) t.s.monitoring = null;
}

/**
 * A customer's message in a linked chat, `inShift` when a plantão shift covers the chat now.
 * Returns whether the message is fully handled (the plantão goes on with it when not).
 */
export function customerInMonitoring(t: ChatTurn, event: KarooEvent, text: string, reading: CustomerReading, inShift: boolean): boolean {
  if (!liveLink(t.s) || event.chat.contact.kind !== 'customer') return false;
  const message = { text, name: event.chat.contact.name, at: t.now.toISOString() };
  // The evening of a plantão the customer wrote to is still the plantão's: it answers (the next
  // period; a thanks unanswered), never the implanter's voice. The implanter is told of a problem
  // (to read on the next business day); a thanks is only noted for the next check-in.
  if (!inShift && reading.intent !== 'customer.optout' && plantaoEvening(t, t.now)) {
    relay(t, message, reading, kindOf(reading) === 'issue' ? 'after-hours' : 'plantao', false);
    return false;
  }
  const moment = momentOf(t, t.now, inShift, reading);
  relay(t, message, reading, moment, moment !== 'plantao', inShift);
  return moment !== 'plantao';
}

/**
 * A customer's message, remembered while the chat is not (yet) linked: it may be the answer to a
 * follow-up. On a business day, in the follow-ups' department, the owner of the customer's
 * monitoring is asked to link the chat (a reply in a new chat, the follow-up's own one closed).
 */
export function keepEarlyReply(t: ChatTurn, event: KarooEvent, text: string): void {
  const { s, now, ctx, out } = t;
  if (s.monitoring || event.chat.contact.kind !== 'customer') return;
  s.earlyReply = { text, name: event.chat.contact.name, id: event.id, at: now.toISOString() };
  const code = customerCodeOf(t, event);
  if (!code || !s.contactPhone || s.department !== ctx.monitoring.customerDepartment || !ctx.calendar.isBusinessTime(now)) return;
  out.tellCustomerOwner(code, 'customer.elsewhere', { customerCode: code, chatId: s.chatId, phone: s.contactPhone });
}

/**
 * A customer's message out of hours with no plantão on (a weekday night), in a chat no follow-up
 * has linked yet: the owner of the customer's monitoring notes it for the next check-in, as an
 * evening after the plantão's. Karoo's customer code names the customer (no lookup runs then).
 */
export function noteEveningContact(t: ChatTurn, event: KarooEvent, message: { text: string; at: string; name: string | null }, reading: CustomerReading): void {
  if (event.chat.contact.kind !== 'customer' || t.ctx.calendar.isBusinessTime(t.now)) return;
  notePlantaoContact(t, message, reading, 'after-hours', customerCodeOf(t, event));
}

/** The customer's code: Karoo's, padded as Bimer's, else the one the plantão's lookup found. */
function customerCodeOf(t: ChatTurn, event: KarooEvent): string | null {
  const crm = event.chat.contact.crmCode;
  return crm == null ? (t.s.customerCode ?? null) : padCode(crm);
}

/**
 * A customer's message to the plantão in a chat no follow-up has linked (a monitored customer who
 * writes on the Saturday before the week's follow-up): the owner of the customer's monitoring, if
 * any, notes it for the next check-in, as it does with a linked chat's. Needs the customer's code,
 * which the plantão's first lookup finds (`reseller.ts`).
 */
export function notePlantaoContact(t: ChatTurn, message: { text: string; at: string; name: string | null }, reading: CustomerReading, during?: 'after-hours', code = t.s.customerCode): void {
  const { s, out } = t;
  if (liveLink(s) || !code || s.contactKind === 'partner') return;
  // No follow-up has gone to this chat: a request to stop the messages is noted as what it says, and
  // the monitoring stops its follow-ups only when it came from the number they go to (WhatsApp has one
  // conversation per number; a colleague's "parem de mandar" is theirs).
  const read = kindOf(reading);
  const kind = read === 'optout' ? 'issue' : noted(t, read, reading, message.text);
  out.tellCustomerOwner(code, 'customer.plantao', { customerCode: code, kind, text: message.text, chatId: s.chatId, at: message.at, name: message.name, phone: s.contactPhone, ...(during ? { during } : {}), ...(read === 'optout' ? { optOut: true } : {}) });
}

/**
 * How a message to the plantão is noted for the implanter: a bare "ok" to a check-in, an unsure
 * "acho que sim", or an "ok obrigada" after the technician left the problem pending (not speaking
 * of it) tells nothing was solved ("ficou resolvido" was said of a problem left open).
 */
function noted<K extends ReplyKind>(t: ChatTurn, read: K, reading: CustomerReading, text: string): K | 'issue' {
  const { s } = t;
  const leftPending = Boolean(s.pendingShiftId) && !speaksOf(text, s.pendingReason ?? '');
  return read === 'ok' && (reading.unsure === true || reading.askToClose === true || leftPending) ? 'issue' : read;
}

/** How a customer's message reads for the monitoring: an "all fine", a request to stop the messages, or a problem. */
function kindOf(reading: CustomerReading): ReplyKind {
  if (reading.intent === 'customer.optout') return 'optout';
  return reading.intent === 'customer.all_fine' || reading.intent === 'customer.solved' ? 'ok' : 'issue';
}

/**
 * `answer`: whether the bot answers the customer (not when the plantão has the chat); `team`: during a shift, in the
 * plantão team's voice (an opt-out on Christmas Day was answered "estou por aqui" in the implanter's, found by an outside tester).
 */
function relay(t: ChatTurn, message: { text: string; name: string | null; at: string }, whole: CustomerReading, moment: ReplyMoment, answer = moment !== 'plantao', team = false): void {
  const { s, seed, ctx, out } = t;
  const link = liveLink(s);
  if (!link) return;
  // "quem é? tá tudo ok aqui": who writes is said, and the rest is read on its own ("quem é?" alone is told to the implanter as it came).
  const who = answer ? asksWhoWrites(message.text) : null;
  const reading = who?.rest ? ctx.nlu.customer(who.rest) : whole;
  // What the plantão heard is noted as the plantão left it (an "ok obrigada" to a pending problem solved nothing).
  const kind = moment === 'plantao' ? noted(t, kindOf(reading), reading, message.text) : kindOf(reading);
  out.tell(link.agentStream, 'customer.reply', { monitoringId: link.monitoringId, kind, text: message.text, chatId: s.chatId, during: moment, at: message.at, name: message.name });
  if (kind === 'optout') s.monitoring = null; // no more follow-ups: the link ends here
  if (!answer) return; // the plantão answers: nobody speaks for the implanter off duty
  const next = moment === 'after-hours' ? ctx.calendar.describe(ctx.calendar.nextOpening(t.now)) : null;
  // The chat's answer greets who wrote ("aqui é o Jorge"); the monitoring keeps the contact Karoo knows, who gets the weeks' follow-ups.
  const name = addressee(s, t.now) ?? message.name;
  const answerText = who && !who.rest ? howIsItGoing(seed, name) : relayReply(seed, name, { kind, allFineBut: reading.allFineBut === true, next, team }, recentlySaid(s));
  out.say(who ? `${whoWrites(seed, link.agentName, link.customerName)} ${answerText}` : answerText);
}

/** When the customer wrote, as the implanter takes it: during a shift the plantão has it (an opt-out is always answered at once). */
function momentOf(t: ChatTurn, at: Date, inShift: boolean, reading: CustomerReading): ReplyMoment {
  if (inShift && reading.intent !== 'customer.optout') return 'plantao';
  return t.ctx.calendar.isBusinessTime(at) ? 'business' : 'after-hours';
}
