import type { KarooEvent } from '../../domain/karoo-event.js';
import type { InternalEvent } from '../../domain/stream.js';
import { resellerNotice, resellerNoticeParams, resellerToCustomer } from '../plantao/messages.js';
import { outcomeOf } from '../../domain/results.js';
import { shownName, str } from '../phrases.js';
import { introducedName, isContactsName } from '../../nlu/entities.js';
import { formatPhone, phonesInText } from '../../util/phone.js';
import { oneLine, truncate } from '../../util/text.js';
import { notePlantaoContact } from './relay.js';
import { scheduleOutOfHours } from './schedule.js';
import { afterShift } from './shift.js';
import { addressee, recentlySaid, type ChatTurn } from './state.js';

/**
 * A reseller's customer on the plantão (docs/mission/weekend-on-call.md): the first message of
 * a customer in a shift looks the customer up in Bimer; when a reseller serves them, the customer
 * is told to call the reseller (with its contact) and the reseller is told, on its own phone, who
 * called and about what. Pure.
 */

/** Whether this message's customer is (or is being) looked up for a reseller: the first one of a shift, with a code or a phone. */
export function willLookUp(s: ChatTurn['s'], event: KarooEvent): boolean {
  const { contact } = event.chat;
  return s.reseller === 'checking' || (s.reseller === 'unknown' && contact.kind === 'customer' && Boolean(contact.crmCode || contact.phone));
}

/**
 * A reseller's customer who first only greeted ("oi") tells their reason after the redirect: the reseller, told "ainda não
 * disse o motivo", is told it too (a second lookup, the customer not sent to the reseller again). Found by outside testers.
 */
export function retellReseller(t: ChatTurn, event: KarooEvent, text: string, newRequest = false): void {
  const { s } = t;
  // `newRequest`: a problem or a scheduling request after the redirect ("e outra coisa, queria agendar um treinamento"): the
  // reseller hears it too, once a shift, as the customer is told (found by an outside tester: "já avisei a equipe deles" was
  // said of a request they never got).
  if (s.reseller !== 'handled' || requestOf(text) === null) return;
  if (!s.resellerNoReason && !(newRequest && s.plantao && !s.plantao.resellerRetold)) return;
  if (s.plantao) s.plantao.resellerRetold = true;
  s.resellerNoReason = false;
  s.reseller = 'unknown';
  s.resellerRetell = true;
  checkReseller(t, event, text);
}

/** The first message of a customer in a shift: is it a reseller's customer? (once per chat and shift) */
export function checkReseller(t: ChatTurn, event: KarooEvent, text: string): void {
  const { s, out } = t;
  const { contact } = event.chat;
  if (contact.kind !== 'customer' || s.reseller !== 'unknown') return;
  if (!contact.crmCode && !contact.phone) {
    s.reseller = 'none'; // nothing to look the customer up by
    return;
  }
  s.reseller = 'checking';
  out.bimer({ op: 'lookupReseller', crmCode: contact.crmCode, phone: contact.phone }, 'reseller.lookup', { phone: contact.phone, requester: requesterOf(text, contact.name, contact.phone), request: requestOf(text) });
}

/**
 * Who asked for support, as the reseller is told: the name the person gave ("meu nome é Jorge")
 * before the contact Karoo knows (a shared WhatsApp), and a number they asked to be called back on.
 */
function requesterOf(text: string, profileName: string | null, phone: string | null): string | null {
  // A profile name that is no name ("@SUM(1+1)", half an emoji) is not told to the reseller either.
  const contactName = shownName(profileName);
  const introduced = introducedName(text);
  const name = introduced && contactName && !isContactsName(introduced, contactName) ? `${introduced} (no WhatsApp de ${contactName})` : (introduced ?? contactName);
  const callback = phonesInText(text).find((p) => p !== phone);
  return [name, callback ? `pede retorno no ${formatPhone(callback)}` : null].filter(Boolean).join(', ') || null;
}

/** Greetings and pleasantries that open a message ("oi, boa tarde, tudo bem?"): no request in them. */
const OPENING = /^(?:(?:o+i+e?|ol[aá]|opa|e\s*a[ií]|bom\s+dia|boa\s+(?:tarde|noite)|bd|tudo\s+(?:bem|bom|certo)|td\s+(?:bem|bom|blz)|blz|beleza|al[oô]|algu[eé]m\s+a[ií]|tem\s+algu[eé]m(?:\s+a[ií])?)\b[\s,.!?;:)(-]*)+/iu;

/** The longest quote of the customer's words the reseller gets (code points: an emoji is never cut). */
const REQUEST_MAX = 300;

/**
 * What the customer asked for, in their words, as the reseller is told (the rules: "with the
 * customer's request"): the message on one line, at most {@link REQUEST_MAX} characters; null
 * when it is only a greeting ("oi, boa tarde").
 */
export function requestOf(text: string): string | null {
  const line = oneLine(text);
  if (line.replace(OPENING, '').replace(/[^\p{L}\p{N}]/gu, '').length < 3) return null;
  return truncate(line, REQUEST_MAX);
}

/** The reseller could not be told (no template outside WhatsApp's window, or Karoo refused it): ops tell them by hand. */
export function resellerNotTold(t: ChatTurn, ev: InternalEvent): void {
  const o = outcomeOf(ev, 'reseller.notice');
  if (o.ok) return;
  t.out.log('error', 'the reseller could not be told on WhatsApp: tell them by hand', { chatId: t.s.chatId, reseller: str(o.context.reseller), code: o.code, error: o.error });
}

/** A scheduling request held for the lookup, answered: the next opening; a problem told beside it waits for a technician. */
function answerHeldSchedule(t: ChatTurn, held: { seed: string; text: string }): void {
  const { s, now, ctx } = t;
  // (scheduleOutOfHours itself says nothing in business hours or to a request with no topic)
  const inShift = ctx.roster.activeShift(s.department ?? '', now) !== null;
  const problemToo = scheduleOutOfHours(t, held.seed, held.text, ctx.nlu.customer(held.text), inShift);
  if (s.plantao && problemToo) s.plantao.awaitingTechnician = true;
}

/** The customer's code is known now: the message that asked for it is noted for their monitoring, if any. */
function knowCustomer(t: ChatTurn, code: string): void {
  const { s } = t;
  s.customerCode = code;
  const first = s.earlyReply;
  if (first && s.plantao && !s.plantao.reported) notePlantaoContact(t, first, t.ctx.nlu.customer(first.text));
}

export function resellerResult(t: ChatTurn, ev: InternalEvent): void {
  const { s, seed, out } = t;
  if (s.reseller !== 'checking') return;
  const o = outcomeOf(ev, 'reseller.lookup');
  const reseller = o.ok ? o.result.reseller : null;
  const customer = o.ok ? o.result.customer : null;
  if (customer) knowCustomer(t, customer.code);
  const held = s.heldSchedule;
  s.heldSchedule = null;
  const evening = s.heldEvening === true;
  s.heldEvening = false;
  if (!o.ok || !reseller || !customer) {
    s.reseller = 'none';
    if (!o.ok) out.log('warn', 'reseller lookup failed', { chatId: s.chatId, error: o.error });
    // The company's own customer: the scheduling request held for the lookup is answered now.
    if (held) answerHeldSchedule(t, held);
    // …and a message out of hours is told when the plantão will see it.
    if (evening) afterShift(t);
    return;
  }
  s.reseller = 'handled';
  s.resellerSent = { name: reseller.name, contact: reseller.contact ? { name: reseller.contact.name, phone: reseller.contact.phone } : null };
  if (s.plantao && !s.plantao.reported) {
    // The company does not support a reseller's customers: no "tudo certo?" nor "ainda temos 30 minutos" after this.
    s.plantao.redirected = true;
    s.plantao.idleDueAt = null;
  }
  if (s.plantao?.record && !s.plantao.reported) {
    s.plantao.record.resellerRedirect = true;
    s.plantao.record.waitingSince = null; // the bot answered: the customer waits for no technician
  }
  const { context, result } = o;
  // Looked up again only to tell the reseller the reason a customer gave after a bare "oi": the customer was answered already.
  const retell = s.resellerRetell === true;
  s.resellerRetell = false;
  s.resellerNoReason = !str(context.request);
  if (!retell) out.say(resellerToCustomer(seed, addressee(s, t.now), reseller.name, reseller.contact, recentlySaid(s)));
  for (const bad of result.invalidPhones ?? []) {
    out.log('error', 'a reseller contact phone in Bimer is not a valid number: fix the record', { chatId: s.chatId, customer: customer.code, record: bad.record, phone: bad.phone });
  }
  if (!reseller.contact) {
    out.log('error', 'reseller has no contact with a valid phone: tell them by hand', { chatId: s.chatId, customer: customer.code, reseller: reseller.name });
    return;
  }
  // The reseller seldom wrote in the last 24 hours: outside WhatsApp's window the notice goes as its template.
  const phone = str(context.phone) || null;
  const requester = str(context.requester) || null;
  const request = str(context.request) || null;
  const { reseller: template, language } = t.ctx.templates;
  // Told before, on another day: the reseller reads that the customer came to us again.
  const cal = t.ctx.calendar;
  const before = s.resellerToldAt && cal.localDate(new Date(s.resellerToldAt)) !== cal.localDate(t.now) ? cal.describe(new Date(s.resellerToldAt)) : null;
  if (!s.resellerToldAt || before) s.resellerToldAt = t.now.toISOString();
  out.push({
    type: 'karoo.proactive',
    to: { phone: reseller.contact.phone },
    department: 'partner',
    text: resellerNotice(reseller.contact.name, customer, phone, requester, request, before),
    ...(template ? { template: { name: template, language, params: resellerNoticeParams(reseller.contact.name, customer, phone, requester, request, before) } } : {}),
    onResult: { stream: s.stream, tag: 'reseller.notice', context: { reseller: reseller.name }, only: 'failure' },
  });
}
