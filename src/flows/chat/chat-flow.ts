import type { KarooEvent } from '../../domain/karoo-event.js';
import { newsOf } from '../news.js';
import { resultTag } from '../../domain/results.js';
import type { FlowContext } from '../context.js';
import type { FlowResult } from '../../domain/effects.js';
import type { InternalEvent, StreamItem } from '../../domain/stream.js';
import { deliveryReported } from './delivery.js';
import { checkHardwareProblem, hardwareResult, noteHardwareProblem } from './hardware.js';
import { customerInMonitoring, keepEarlyReply, linked, noteEveningContact, notePlantaoContact, unlinked } from './relay.js';
import { checkReseller, resellerNotTold, resellerResult, retellReseller, willLookUp } from './reseller.js';
import { scheduleOutOfHours } from './schedule.js';
import { afterShift, armIdle, closeDown, closeRecord, contactInShift, enterShift, joinEvening, nextWake, notSent, onChatTimer, plantaoEvening } from './shift.js';
import { addressee, recentlySaid, ChatOut, initialChatState, type ChatState, type ChatTurn } from './state.js';
import { technicianInChat } from './technician.js';
import { keepsChatOpen, namesAProblem, onlyAcknowledges, speaksOf, tellsAResult, waitsForUs } from '../../nlu/caveat.js';
import { keepOpenAck, plantaoOptOutAck, resellerAgain } from '../plantao/messages.js';
import { contactWrote } from '../plantao/record.js';
import { introducedName, isContactsName } from '../../nlu/entities.js';

/**
 * A customer's or partner's chat (`chat:<chatId>`): each item goes to the dialog it belongs to.
 * The contact's messages: the monitoring's relay (`relay.ts`) when the chat is a follow-up's and no
 * plantão covers it now; the out-of-hours scheduling answer (`schedule.ts`); during a plantão shift
 * of its department, the shift (`shift.ts`), the reseller's-customer redirect (`reseller.ts`) and
 * the hardware hint (`hardware.ts`). A technician's lines: `technician.ts`. News from the
 * monitoring's owner (link, unlink), Bimer's answers and the chat's one timer. Pure.
 */
export function chatFlow(state: ChatState, item: StreamItem, now: Date, ctx: FlowContext): FlowResult<ChatState> {
  const s: ChatState = { ...initialChatState(state.stream, state.chatId), ...structuredClone(state) };
  s.version += 1;
  s.updatedAt = now.toISOString();
  const t: ChatTurn = { s, seed: item.event.id, now, ctx, out: new ChatOut(s) };
  if (item.kind === 'internal') onInternal(t, item.event);
  else onKaroo(t, item.event);
  t.out.syncWake(nextWake(t));
  return { state: s, effects: t.out.effects };
}

function onKaroo(t: ChatTurn, event: KarooEvent): void {
  const { s, now } = t;
  s.department = event.chat.department;
  s.chatNumber = event.chat.number ?? s.chatNumber ?? null;
  s.contactName = event.chat.contact.name ?? s.contactName;
  s.contactKind = event.chat.contact.kind;
  s.contactPhone = event.chat.contact.phone ?? s.contactPhone;
  if (event.type === 'chat.closed') {
    // Closed by a person (the bot's own closes mark the chat closed before Karoo says so).
    if (!s.closed) closeRecord(t, 'pelo-tecnico', now);
    closeDown(s);
    return;
  }
  if (event.type === 'message.status') return deliveryReported(t, event);
  if (event.type === 'chat.opened') s.closed = false;
  if (event.type !== 'message.created' || !event.message) return;
  const { author, text } = event.message;
  // Anyone's message is activity; only the contact's own words can make the bot answer,
  // so the bot never loops on itself nor talks over an agent.
  if (author === 'contact' || author === 'agent') s.lastActivityAt = now.toISOString();
  if (author === 'agent') return technicianInChat(t, event, text);
  if (author === 'contact') onContact(t, event, text);
}

function onContact(t: ChatTurn, event: KarooEvent, text: string): void {
  const { s, now, ctx, out } = t;
  // Delivered after a message the contact wrote later (a redelivery): it is read, but it never
  // closes on what came after it ("tudo resolvido" written before "travou de novo").
  const late = !!s.lastContactOccurredAt && Date.parse(event.occurredAt) < Date.parse(s.lastContactOccurredAt);
  if (!late) s.lastContactOccurredAt = event.occurredAt;
  s.lastContactMessageAt = now.toISOString();
  s.closed = false;
  const introduced = introducedName(text);
  if (introduced) s.speaker = isContactsName(introduced, s.contactName) ? null : { name: introduced, at: now.toISOString() };
  // The person wrote: their WhatsApp window (24 hours of free text, in any chat) opens again.
  if (event.chat.contact.phone) out.push({ type: 'whatsapp.window', phone: event.chat.contact.phone, at: now.toISOString() });
  const reading = ctx.nlu.customer(text);
  const shift = ctx.roster.activeShift(event.chat.department, now);
  // A first message on the plantão's evening joins the shift that ended (told when the next period begins, carried
  // into it), a monitored customer's too: the evening is the plantão's, not the implanter's voice.
  const needsUs = reading.intent !== 'customer.all_fine' && reading.intent !== 'customer.solved' && !onlyAcknowledges(text);
  if (!shift && s.department && needsUs && !reading.topic) joinEvening(t, s.department);
  if (customerInMonitoring(t, event, text, reading, shift !== null)) {
    // The opt-out, answered in the implanter's voice, also ends the plantão's check-ins and notice
    // in this chat when the shift already has it (its words are still read).
    if (reading.intent === 'customer.optout' && shift && s.plantao?.shiftId === shift.id) {
      s.plantao.optedOut = true;
      armIdle(t, s.plantao);
    }
    return;
  }
  keepEarlyReply(t, event, text);
  // A reseller's customer is sent to the reseller, never told the company's next opening for a training: a request
  // made while the shift's first lookup is under way waits for it (reseller.ts answers it when no reseller serves them).
  // …out of hours too (found by an outside tester: a reseller's customer asking for a training on a Friday night was sent
  // to the company's sector).
  const outOfHours = shift !== null || !ctx.calendar.isBusinessTime(now);
  const lookingUp = outOfHours && reading.topic !== null && event.chat.contact.kind === 'customer' && willLookUp(s, event);
  if (lookingUp) s.heldSchedule = { seed: event.id, text };
  if (lookingUp && !shift) checkReseller(t, event, text);
  // "…e quero agendar um treinamento" answered, the problem told with it still waits for a technician.
  const problemToo = lookingUp ? false : scheduleOutOfHours(t, event.id, text, reading, shift !== null);
  if (!shift) {
    // The plantão's evening (or the night before a shift) is carried into its next shift: that technician gets the hardware hint.
    if (plantaoEvening(t, now)) noteHardwareProblem(t, event, reading, text);
    // …and so does a scheduling request with a problem told beside it.
    if (s.department && needsUs && problemToo) joinEvening(t, s.department);
    // The plantão's evening: what the customer says is noted for their monitoring too, if any.
    if (event.chat.contact.kind === 'customer' && plantaoEvening(t, now)) notePlantaoContact(t, { text, at: now.toISOString(), name: event.chat.contact.name }, reading, 'after-hours');
    // …and so is a weekday night's, when no plantão is on at all.
    else noteEveningContact(t, event, { text, at: now.toISOString(), name: event.chat.contact.name }, reading);
    // Written the same evening the shift ended: told when the next period begins (a scheduling
    // request already was; a thanks or an "all fine" needs no answer).
    if (!reading.topic && reading.intent !== 'customer.all_fine' && reading.intent !== 'customer.solved') {
      // A customer whose message the plantão will see (the evening after a shift, the night before one) is looked up
      // for a reseller first: a reseller's customer is sent to the reseller, not promised the plantão (found by an
      // outside tester); the company's own customer is told when the next period begins once the lookup says so.
      if (s.plantao && !s.monitoring && plantaoEvening(t, now) && event.chat.contact.kind === 'customer' && willLookUp(s, event) && s.reseller === 'unknown') {
        s.heldEvening = true;
        return checkReseller(t, event, text);
      }
      afterShift(t);
    }
    return;
  }
  const p = enterShift(t, shift);
  // "Não" to the bot's "posso encerrar?", with no problem told nor question asked: the chat stays open, and
  // the contact hears so; nothing new waits for a technician (found by an outside tester: a partner's "não"
  // got "sua mensagem está com a equipe" 20 minutes later).
  const keepsOpen = p.closeAsked === true && keepsChatOpen(text);
  p.closeAsked = false;
  checkReseller(t, event, text);
  if (event.chat.contact.kind === 'customer') notePlantaoContact(t, { text, at: now.toISOString(), name: event.chat.contact.name }, reading);
  checkHardwareProblem(t, event, reading, text);
  // A new problem told after the close was asked about once: its own unsure "tudo ok por enquanto" is asked about again.
  if (reading.intent === 'customer.other' && !reading.askToClose && namesAProblem(text)) p.askedToClose = false;
  // "Voltou, tudo ok" is asked about once; said again after the question, it still closes nothing.
  const unclear = reading.askToClose === true && !p.askedToClose;
  const acknowledges = onlyAcknowledges(text);
  // A bare "ok" to the technician's "vou verificar, um momento" or question solves nothing: no "posso encerrar?".
  const answersTechnician = acknowledges && p.technicianHolds === true && (reading.unsure === true || unclear);
  // …nor does an "ok obg" to the bot's "o técnico vai te responder" while no technician has answered the problem yet.
  // (or to the technician's own "vou verificar, um momento": the problem still waits for them.)
  const answersWait = acknowledges && p.awaitingTechnician === true;
  // …nor a bare "ok" or "obrigada" as the contact's first words on this shift (to the technician's "pode falar"): nothing was solved yet.
  const firstWords = acknowledges && p.record?.firstContactAt === null;
  // …nor a "tudo ok" or "beleza, tudo ok" to the technician's "vou acessar aí, um momento" that tells no result: the
  // customer agrees to wait (found by an outside tester: closed 20 minutes later, the system still down).
  const agreesToWait = p.technicianWorking === true && reading.intent === 'customer.all_fine' && !tellsAResult(text);
  const fine =
    answersTechnician || answersWait || agreesToWait || firstWords || late ? null : reading.intent === 'customer.solved' ? 'resolvido' : reading.intent === 'customer.all_fine' || unclear ? 'tudo-ok' : null;
  p.technicianHolds = false;
  // An "all fine" on a later shift withdraws what an earlier one left pending only when it speaks of it.
  if (fine !== null && s.pendingShiftId && speaksOf(text, s.pendingReason ?? '')) p.okSpeaksOfPending = true;
  // Asked for no more messages: said once, and the chat gets no more check-ins nor the notice.
  if (reading.intent === 'customer.optout' && !p.optedOut) {
    p.optedOut = true;
    out.say(plantaoOptOutAck(t.seed, addressee(s, now), recentlySaid(s)));
  }
  if (keepsOpen) {
    contactInShift(t, p, shift, null, false, true);
    if (p.record) contactWrote(p.record, now, true);
    p.awaitingTechnician = false;
    out.say(keepOpenAck(t.seed, addressee(s, now), recentlySaid(s)));
    return;
  }
  contactInShift(t, p, shift, fine, reading.unsure === true || unclear, acknowledges);
  // A reseller's customer sent to the reseller who writes again with more than thanks ("mas eles nao atendem no sabado",
  // "alo??? ninguem vai me ajudar?"): answered once more, not left unanswered (found by an outside tester).
  const again = p.redirected && !p.resellerAgainTold && s.reseller === 'handled' && s.resellerSent && fine === null && !acknowledges && !reading.topic && reading.intent !== 'customer.optout';
  if (again && s.resellerSent) {
    p.resellerAgainTold = true;
    out.say(resellerAgain(t.seed, addressee(s, now), s.resellerSent.name, s.resellerSent.contact, recentlySaid(s)));
  }
  // …and the reseller, told only of an "oi", hears the reason now; told of a first request, hears a new one too.
  const newRequest = reading.intent !== 'customer.optout' && (reading.topic !== null || namesAProblem(text));
  if (p.redirected && fine === null && !acknowledges) retellReseller(t, event, text, newRequest);
  // Answered by the rules themselves, not waiting for a technician: a reseller's customer sent to the reseller, a
  // scheduling request told the sector's next opening (QA had counted both "esperou 480 min sem resposta"), or an opt-out.
  const byTheRules = p.redirected === true || (reading.topic !== null && !problemToo) || reading.intent === 'customer.optout';
  if (p.record && byTheRules) contactWrote(p.record, now, true);
  // …nor does a contact's word after the technician left the chat pending for the next business day ("ok obrigada, fico no
  // aguardo entao"), unless it tells a new problem or asks: QA had counted it as a wait to the shift's end (found by an outside tester).
  if (p.record && p.pending && !namesAProblem(text) && !text.includes('?')) contactWrote(p.record, now, true);
  // A problem told or a question asked waits for a technician (the bot answered a scheduling request itself).
  // …and so does a customer who says they wait for the technician ("obg, fico no aguardo", "vou esperar vc ver o outro caixa").
  const waitsForTechnician = fine === null && reading.intent === 'customer.wait' && waitsForUs(text);
  const waits = answersWait || agreesToWait || waitsForTechnician || (fine === null && !acknowledges && (reading.intent === 'customer.other' || reading.intent === 'customer.hardware' || problemToo));
  p.awaitingTechnician = late ? p.awaitingTechnician === true || waits : waits;
}

function onInternal(t: ChatTurn, ev: InternalEvent): void {
  const link = newsOf(ev, 'monitoring.link');
  if (link) return linked(t, link);
  const unlink = newsOf(ev, 'monitoring.unlink');
  if (unlink) return unlinked(t, unlink);
  const tag = resultTag(ev);
  if (tag === 'chat.said') return notSent(t, ev);
  if (tag === 'reseller.lookup') return resellerResult(t, ev);
  if (tag === 'reseller.notice') return resellerNotTold(t, ev);
  if (tag === 'hardware.tickets') return hardwareResult(t, ev);
  if (ev.type === 'timer') onChatTimer(t, ev);
}
