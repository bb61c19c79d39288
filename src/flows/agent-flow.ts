import type { AgentContext, AgentIntent } from '../nlu/intents.js';
import { contactTakenBack, deniesContact, looksForProtocol, saysContact, severalDemands } from '../nlu/checkin-slots.js';
import { oneDemandPerContact, stillLooking } from './monitoring/messages.js';
import { endsAskingHowIDo, opensAsQuestion } from '../nlu/question-cues.js';
import { fold, truncate } from '../util/text.js';
import { Out, type AgentState, type Dialog, type Turn } from './agent-state.js';
import { askContactAgain, checkinContact, checkinSummary, chooseDemand, correctDemand, demandCorrected, ownWeekReport, reportedContact, startWeek } from './dialogs/checkin.js';
import { checkinFailed, onCheckinResult, onSupervisorUser } from './dialogs/week-record.js';
import { explainCorrection, pastWeekCorrection } from './dialogs/correction.js';
import { closeFailed, closeMessage, closeParecer, onCloseResult, rspAnswer, startClose } from './dialogs/close.js';
import { putsOff } from './language.js';
import { askAgain, cancel, chat, help, list, resume, setAside, status } from './dialogs/commands.js';
import { answerEntry, chosenEntry, faqReply, offerAnswer, taughtAnswer } from './dialogs/faq.js';
import { noteOf, onSellerUser, sellerReturned, sellerReturnFromAgent, sellerReturnTold } from './dialogs/seller-return.js';
import { onCycleResult, onForward, onTimer } from './monitoring/cycle.js';
import { newsOf } from './news.js';
import { delivery, resultTag } from '../domain/results.js';
import { str } from './phrases.js';
import type { FlowContext } from './context.js';
import type { FlowResult } from '../domain/effects.js';
import type { InternalEvent, StreamItem } from '../domain/stream.js';
import { DAY_MS } from '../domain/durations.js';

/**
 * The agent's stream (`agent:<login>`): what the agent writes in the bot chat, read in the
 * context of what the bot had just asked, and the answers that come back from Bimer and Karoo,
 * each sent to its dialog: the implantation close (`dialogs/close.ts`), the weekly check-in
 * (`dialogs/checkin.ts`, `checkin-queue.ts`, `week-record.ts`), the salesperson's return (`dialogs/seller-return.ts`), the assistant
 * (`dialogs/faq.ts`), the commands and the interruption layer (`dialogs/commands.ts`); the cycle
 * as time moves is `monitoring/cycle.ts`. Pure.
 */

export { initialAgentState, type AgentState, type Dialog } from './agent-state.js';

export function agentFlow(state: AgentState, item: StreamItem, now: Date, ctx: FlowContext): FlowResult<AgentState> {
  const s: AgentState = structuredClone(state);
  s.version += 1;
  pruneFinished(s, now, ctx.retentionDays);
  if (item.kind === 'karoo') {
    const event = item.event;
    s.name = event.chat.contact.name ?? s.name;
    const t: Turn = { s, seed: event.id, now, ctx, out: new Out(s, event.chat.id) };
    if (event.type === 'message.created' && event.message?.author === 'contact') onAgentMessage(t, event.message.text);
    return { state: s, effects: t.out.effects };
  }
  const ev = item.event;
  const t: Turn = { s, seed: ev.id, now, ctx, out: new Out(s, null) };
  if (ev.type === 'effect.result') onResult(t, ev);
  else if (ev.type === 'timer') onTimer(t, ev);
  else if (ev.name === 'faq.taught') taughtAnswer(t, newsOf(ev, 'faq.taught'));
  else onForward(t, ev);
  return { state: s, effects: t.out.effects };
}

/** Finished monitorings (handed to supervision) opened more than `RETENTION_DAYS` ago leave the agent's state. */
function pruneFinished(s: AgentState, now: Date, retentionDays: number): void {
  const keepMs = retentionDays * DAY_MS;
  for (const [id, m] of Object.entries(s.monitorings)) {
    if (m.phase === 'done' && now.getTime() - Date.parse(m.createdAt) > keepMs) delete s.monitorings[id];
  }
}

// ---- the agent writes ---------------------------------------------------------------------

/** What the bot had just asked, as the language layer knows it. */
function contextOf(d: Dialog): AgentContext {
  return d.kind === 'checkin.contact' || d.kind === 'checkin.demand' || d.kind === 'close.rsp' || d.kind === 'faq.offer' ? d.kind : 'idle';
}

/** A protocol alone in a summary step is the ticket already opened, so `status` is not one of them. */
const FREE_TEXT_COMMANDS: AgentIntent[] = ['agent.cancel', 'agent.help', 'agent.list'];

/**
 * The list asked for names what it lists; a parecer read as the list ("Cliente animado, equipe aprendeu rápido.", found
 * by an outside tester) names none of it.
 */
const NAMES_A_LIST = /\b(?:monitor\w*|2266|acompanhament\w*|lista\w*|clientes|carteira|fila|contatos)\b/;

/** Commands that act on a customer named by its code: where free text is expected, never the text itself. */
const CUSTOMER_COMMANDS: AgentIntent[] = ['agent.close', 'agent.week', 'agent.status', 'agent.seller_return'];

/** Commands that a "falei com o cliente…" opening does not turn into a check-in answer (`agent.week` takes it itself). */
const REPORT_IS_NOT: AgentIntent[] = ['agent.close', 'agent.week', 'agent.seller_return', 'agent.cancel', 'agent.help', 'agent.list', 'agent.status'];

function onAgentMessage(t: Turn, text: string): void {
  const { s, ctx, out } = t;
  if (fold(text) === 'ping') return out.say('pong'); // the ops check, an exact word
  const d = s.dialog;
  const reading = ctx.nlu.agent(text, contextOf(d));

  // Free-text steps (a parecer, a summary): the words are the answer, unless they clearly are a
  // command, or a question (with its question mark, or opening as one: "qnts dias depois eu delego
  // o 2266"): then the bot answers and comes back. A summary may be the customer's own question
  // ("como faz sangria no caixa"), so there only one the base answers counts; a parecer is never a
  // question, and one the base does not know gets "não sei" and is kept for the supervisors.
  if (d.kind === 'checkin.summary') {
    // "ops, errei, era o 3. bug na geração do sped": the demand corrected, not the summary.
    const corrected = demandCorrected(text);
    // Without a new summary, the description given before stays the ticket's text ("…, 000001, pode abrir vc").
    if (corrected) return correctDemand(t, d.monitoringId, { ...corrected, summary: corrected.summary ?? d.summary ?? null });
    // "nao atendeu, liguei no fixo e no celular" (to a reminder's "conseguiu falar?", say): the contact taken back, never a summary.
    if (deniesContact(text)) return checkinContact(t, d.monitoringId, 'answer.no', text);
    // "perai vou procurar o numero", "nao lembro o protocolo agora": no summary, and no go-ahead to open a second ticket.
    if (looksForProtocol(text)) return out.say(stillLooking(d.code, d.summary));
  }
  // "deixa pra lá, depois eu faço" where the parecer is asked: the close is put off, never that parecer.
  if (d.kind === 'close.parecer' && putsOff(fold(text))) return cancel(t, d);
  if (d.kind === 'close.parecer' || d.kind === 'checkin.summary') {
    // "monitoramento do cliente 123" where the parecer is asked is a command on a customer, never the parecer.
    const onCustomer = reading.kind === 'intent' && CUSTOMER_COMMANDS.includes(reading.intent) && reading.entities.customerCode !== null && reading.confidence >= 0.8;
    if (onCustomer && d.kind === 'close.parecer') {
      return out.say(`Antes, vamos terminar o registro da implantação de ${d.draft.customer.name}: qual é o seu parecer técnico? Ele vai na linha "P:" do 2266 (ou responda "cancelar" para deixar para depois).`);
    }
    const command =
      onCustomer ||
      (reading.kind === 'intent' && FREE_TEXT_COMMANDS.includes(reading.intent) && reading.confidence >= 0.8 && (reading.intent !== 'agent.list' || NAMES_A_LIST.test(fold(text))));
    // …and a parecer is never the agent asking what to do ("ngm respondeu no chat do plantao faz 40 min, oq faco").
    const question = reading.kind === 'faq' && (reading.faq.kind === 'answer' || d.kind === 'close.parecer') && (opensAsQuestion(text) || (d.kind === 'close.parecer' && endsAskingHowIDo(text)));
    if (!command && !question) return d.kind === 'close.parecer' ? closeParecer(t, d, text) : checkinSummary(t, d.monitoringId, d.code, text, d.summary);
  }
  // "nao pera, confundi com outro cliente, nao falei com a padaria nao" where the demand is asked: the yes taken back.
  const takenBack = d.kind === 'checkin.demand' ? contactTakenBack(text) : null;
  if (d.kind === 'checkin.demand' && takenBack === 'no') return checkinContact(t, d.monitoringId, 'answer.no', text);
  if (d.kind === 'checkin.demand' && takenBack === 'unsure') return askContactAgain(t, d.monitoringId);
  // "as duas, 1 e 2" where the demand is asked: one ticket a contact, so the main one is asked (the description given keeps both).
  const several = d.kind === 'checkin.demand' ? severalDemands(text) : null;
  if (several) return out.say(oneDemandPerContact(several));
  if (closeMessage(t, d, reading)) return;
  // "errei, a 2ª semana teve contato sim, corrige aí": a week already recorded, never the one under way.
  if (d.kind === 'idle' || d.kind === 'checkin.contact' || d.kind === 'checkin.demand') {
    const correction = pastWeekCorrection(t, text, reading.entities.customerCode);
    if (correction) return explainCorrection(t, correction);
  }
  if (d.kind === 'faq.choose') {
    s.dialog = { kind: 'idle' };
    const entry = chosenEntry(t, d, reading, text);
    return entry ? answerEntry(t, entry) : onAgentMessage(t, text);
  }

  // A long first answer to "conseguiu falar?" the classifiers find unclear ("falei sim, abri 000002 pq…") is still a yes with its slots.
  if (d.kind === 'checkin.contact' && reading.kind !== 'intent' && saysContact(text)) return checkinContact(t, d.monitoringId, 'answer.yes_demand', text);
  // The week's contact told before the bot asks: the check-in's first answer, not a question.
  if (d.kind === 'idle' && !(reading.kind === 'intent' && REPORT_IS_NOT.includes(reading.intent)) && reportedContact(t, text)) return;
  // The salesperson's return told in the agent's own words ("o pedro me deu retorno, …"), one monitoring waiting for it.
  // (read as "ajuda" or small talk too: "o pedro me deu retorno, ela tava viajando, volta segunda" got the help menu.)
  if (d.kind === 'idle' && (reading.kind !== 'intent' || reading.intent === 'agent.help' || reading.intent === 'agent.smalltalk')) {
    const waiting = sellerReturnTold(t, text);
    if (waiting) return sellerReturned(t, waiting, noteOf(text));
  }
  if (reading.kind === 'unclear') {
    // Kept for a "não" that follows: the words of a failed attempt belong on its 000029.
    if (d.kind === 'checkin.contact') s.dialog = { ...d, unclear: truncate(text.replace(/\s+/g, ' ').trim(), 280) };
    return out.say(askAgain(t, d));
  }
  if (reading.kind === 'faq') {
    if (d.kind === 'faq.offer' || d.kind === 'close.needCode') s.dialog = { kind: 'idle' };
    faqReply(t, text, reading.faq);
    return resume(t);
  }
  const { intent, entities } = reading;
  switch (intent) {
    case 'answer.yes':
    case 'answer.yes_demand':
    case 'answer.no':
    case 'answer.register':
      // A dialog answer (yes, no, register) where the bot asked for one.
      if (d.kind === 'checkin.contact' && intent !== 'answer.register') return checkinContact(t, d.monitoringId, intent, text);
      if (d.kind === 'close.rsp') return rspAnswer(t, d, intent, text);
      if (d.kind === 'faq.offer') return offerAnswer(t, intent);
      return out.say(askAgain(t, d));
    case 'demand.question':
    case 'demand.operation_error':
    case 'demand.system_dev':
    case 'demand.system_support':
    case 'demand.ok_only':
      if (d.kind === 'checkin.demand') return chooseDemand(t, d, intent, text);
      // "foi uma dúvida sobre o relatório" to "conseguiu falar?": a contact, with its demand said.
      if (d.kind === 'checkin.contact') return checkinContact(t, d.monitoringId, 'answer.yes_demand', text);
      return out.say(askAgain(t, d));
    case 'agent.cancel':
      return cancel(t, d, text);
    case 'agent.help':
      return help(t);
    case 'agent.list':
      return list(t);
    case 'agent.status':
      return status(t, entities.protocol, entities.customerCode, text);
    case 'agent.smalltalk':
      return chat(t, d);
    case 'agent.close':
      setAside(t, d);
      return startClose(t, text, entities.customerCode);
    case 'agent.week':
      setAside(t, d);
      return startWeek(t, entities.customerCode, text);
    case 'agent.seller_return':
      setAside(t, d);
      if (ownWeekReport(t, entities.customerCode, text)) return startWeek(t, entities.customerCode, text);
      return sellerReturnFromAgent(t, text, entities.customerCode);
  }
}

// ---- results of Bimer and Karoo calls -----------------------------------------------------

function onResult(t: Turn, ev: InternalEvent): void {
  const { ok, context } = delivery(ev);
  const tag = resultTag(ev);
  // Bimer failing for good on the phones: the week goes on with the phone it had (none); a follow-up
  // that did not go through: the cycle tells the implanter.
  if (tag === 'week.phones' || tag === 'week.otherPhone' || tag === 'customer.followup') return onCycleResult(t, ev, context);
  if (!ok) return onFailure(t, ev, context);
  switch (tag) {
    case 'close.lookup':
    case 'close.rspFind':
    case 'close.rspCreate':
    case 'close.create2266':
      return onCloseResult(t, ev, context);
    case 'checkin.ticket':
    case 'checkin.existing':
      return onCheckinResult(t, ev, context);
    case 'seller.user':
      return onSellerUser(t, ev, context);
    case 'supervisor.user':
      return onSupervisorUser(t, ev, context);
    case 'mon.text':
    case 'mon.delegate':
      return; // text updates and delegations: nothing to say when they work
    case 'reseller.lookup':
    case 'hardware.tickets':
    case 'chat.said':
    case 'reseller.notice':
    case null:
      return; // a chat's tags, or one this version never sent
  }
}

function onFailure(t: Turn, ev: InternalEvent, context: Record<string, unknown>): void {
  const { s, out } = t;
  const error = str(ev.data.error, 'erro desconhecido');
  if (ev.name.startsWith('close.')) return closeFailed(t, ev.name, error);
  const m = s.monitorings[str(context.monitoringId)];
  if ((ev.name === 'checkin.ticket' || ev.name === 'checkin.existing') && m) return checkinFailed(t, m, context, error);
  if (m) {
    out.say(`Atenção: uma atualização do 2266 ${m.ticket.protocolo} no Bimer falhou (${error}). Confira o atendimento e ajuste manualmente, por favor.`);
  }
  out.push({ type: 'log', level: 'error', message: 'bimer update failed for good', data: { tag: ev.name, error } });
}
