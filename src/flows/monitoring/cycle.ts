import type { Draft, Turn } from '../agent-state.js';
import { backToItsDate, nextMorning, nextQueued, startCheckin } from '../dialogs/checkin-queue.js';
import { sellerReturned } from '../dialogs/seller-return.js';
import { capitalise, firstName, pick, str, toName } from '../phrases.js';
import { outcomeOf } from '../../domain/results.js';
import { parseTimerId, timerIds } from '../timer-ids.js';
import type { FlowContext } from '../context.js';
import type { InternalEvent } from '../../domain/stream.js';
import { checkinReminder, pendingNews, phoneProblem, quotedNote, sellerReminder } from './messages.js';
import { customerRef, keepPlantaoNote, monitoringId, plantaoNotesTold, WEEK_ORDINAL, weekNo, type Monitoring, type WeekNo } from './model.js';
import { answeredFollowUp, followUpFailed, followUpStatus, otherPhone, phonesRead, revivePhone, weekDue } from './follow-up.js';
import { newsOf, type News } from '../news.js';

/**
 * The 3-week cycle of a monitoring (docs/mission/monitoring-2266.md §2), inside the agent's
 * stream, as time moves: the monitoring starts when its 2266 exists; each week's due date brings
 * the customer's follow-up (in business hours, to a valid phone), the customer's reply or the end
 * of the next business day brings the agent's check-in (`dialogs/checkin.ts`), and reminders
 * follow an unanswered check-in or a salesperson who has not come back. Pure.
 */

export function monitoringCreated(t: Turn, draft: Draft, ticket: { id: string; protocolo: string }): void {
  const { s, seed, now, ctx, out } = t;
  const due = firstDue(now, ctx);
  const m: Monitoring = {
    id: monitoringId(draft.customer.code, ctx.calendar.localDate(now)),
    customer: draft.customer,
    agent: draft.agent,
    parecer: draft.parecer ?? '',
    rsp: draft.rsp,
    ticket,
    createdAt: now.toISOString(),
    week: 1,
    dueAt: due.toISOString(),
    phase: 'scheduled',
    weeks: {},
    customerChatId: null,
    customerReply: null,
    optOut: false,
    reminders: 0,
    seller: draft.customer.sellerId ? { id: draft.customer.sellerId, login: null, name: null } : null,
    openDemand: null,
  };
  // Another 2266 of this customer still running (a new implantation while the last cycle is in week 3): said, not hidden.
  const running = Object.values(s.monitorings).find((o) => o.customer.code === m.customer.code && o.phase !== 'done' && o.id !== m.id);
  // The customer asked another 2266 to stop the messages: this one sends none either.
  const optedOut = Object.values(s.monitorings).find((o) => o.customer.code === m.customer.code && o.optOut && o.id !== m.id);
  if (optedOut) {
    m.optOut = true;
    if (optedOut.optOutAt) m.optOutAt = optedOut.optOutAt;
  }
  // The person who answered an earlier cycle's follow-ups from the same number is greeted by name, not "Olá, pessoal!" (found by an outside tester).
  const knownContact = Object.values(s.monitorings)
    .filter((o) => o.customer.code === m.customer.code && o.contactName && !o.erasedAt && o.customer.phone === m.customer.phone && o.id !== m.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (knownContact?.contactName) m.contactName = knownContact.contactName;
  s.monitorings[m.id] = m;
  s.dialog = { kind: 'idle' };
  out.push({ type: 'owner.set', customerCode: m.customer.code, stream: s.stream });
  out.bimer(
    { op: 'delegate', ticketId: ticket.id, userId: draft.agent.id, date: ctx.calendar.bimerDateTime(due), note: 'Monitoramento pós-implantação: contato da 1ª semana.' },
    'mon.delegate',
    { monitoringId: m.id },
  );
  out.timer(timerIds.monitoring(m.id, 'due', 1), due, { monitoringId: m.id, week: 1 });
  const rsp = m.rsp ? `, vinculado ao RSP ${m.rsp.protocolo}` : '';
  out.say(
    `${pick(seed, ['Pronto', 'Tudo certo', 'Feito'])}${toName(firstName(draft.agent.name) || s.name)}! Criei o 2266 de ${customerRef(m)}: protocolo ${ticket.protocolo}${rsp}. Ele está delegado para você, e o primeiro contato de monitoramento fica para ${ctx.calendar.describe(due)}. Eu te chamo nesse dia.${m.customer.phone || m.optOut ? '' : `\nAtenção: ${phoneProblem(m)}`}${
      m.optOut ? `\nAtenção: ${m.customer.name} pediu para não receber mensagens automáticas; os contatos deste monitoramento ficam por sua conta, por telefone.` : ''
    }${running ? `\nAtenção: ${m.customer.name} já tem o 2266 ${running.ticket.protocolo} em andamento (${WEEK_ORDINAL[running.week]} semana). Os dois seguem em paralelo${m.optOut ? '' : ', e o cliente recebe o acompanhamento de cada um'}; se o anterior já pode terminar, encaminhe-o à sua supervisão no Bimer.` : ''}`,
  );
  nextQueued(t);
}

export function firstDue(now: Date, ctx: FlowContext): Date {
  const m = ctx.monitoring;
  return ctx.calendar.dueAfter(now, m.intervalDays, m.checkinTime, m.moveToBusinessDay);
}

export function onTimer(t: Turn, ev: InternalEvent): void {
  const { s, now, ctx, out } = t;
  const m = s.monitorings[String(ev.data.monitoringId)];
  if (!m) return;
  const week = Number(ev.data.week) as WeekNo;
  const kind = parseTimerId(ev.name)?.step;
  if (kind === 'due') {
    // A check-in asked for early and left unanswered: on its date the week goes its normal way.
    if (m.week === week && ev.data.dueAt === m.dueAt) backToItsDate(s, m);
    if (m.phase !== 'scheduled' || m.week !== week || ev.data.dueAt !== m.dueAt) return; // stale
    return weekDue(t, m);
  }
  if (kind === 'window') {
    if (m.phase !== 'customer_wait' || m.week !== week) return;
    m.customerReply ??= { kind: 'none', text: '', at: now.toISOString() }; // an answer given on the plantão is kept
    return startCheckin(t, m);
  }
  if (kind === 'news') return relayNews(t, m);
  if (kind === 'remind') {
    if (m.phase !== 'agent_checkin' || m.week !== week) return;
    const max = ctx.monitoring.maxReminders;
    m.reminders += 1;
    if (s.dialog.kind === 'idle') s.dialog = { kind: 'checkin.contact', monitoringId: m.id };
    // A check-in left half-way (the demand or the summary asked): the reminder asks that, not "conseguiu falar?" again
    // (found by an outside tester: the "não" that answered it was saved as the contact's summary).
    const step = 'monitoringId' in s.dialog && s.dialog.monitoringId === m.id && (s.dialog.kind === 'checkin.demand' || s.dialog.kind === 'checkin.summary') ? s.dialog : null;
    out.say(checkinReminder(t.seed, m, m.reminders, max, ctx.calendar, step ? { kind: step.kind, code: step.kind === 'checkin.summary' ? step.code : null } : null));
    plantaoNotesTold(m);
    if (m.reminders < max) out.timer(timerIds.monitoring(m.id, 'remind', m.week), nextMorning(now, ctx), { monitoringId: m.id, week: m.week });
    else {
      out.push({ type: 'log', level: 'warn', message: 'check-in still unanswered after the last reminder', data: { monitoringId: m.id } });
      // …and the immediate supervisor is told, the bot no longer insisting (found by an outside tester: a week-1 check-in stayed
      // with the implanter for two months, the cycle fixed at 3 weeks).
      if (m.agent.supervisorId) out.bimer({ op: 'getUser', userId: m.agent.supervisorId }, 'supervisor.user', { monitoringId: m.id, stalled: m.week });
    }
    return;
  }
  if (kind === 'seller') {
    if (m.phase !== 'seller_wait') return;
    m.reminders += 1;
    out.say(sellerReminder(t.seed, m, m.reminders, ctx.calendar));
    if (m.reminders < ctx.monitoring.maxReminders) {
      const at = ctx.calendar.afterBusinessDays(now, ctx.monitoring.sellerReminderDays, ctx.monitoring.reminderTime);
      out.timer(timerIds.monitoring(m.id, 'seller', 1), at, { monitoringId: m.id, week: 1 });
    }
  }
}

/**
 * Answers for the cycle itself: the customer's phones read again before a week's contact (a
 * failure lets the week go on with the phone it had), and the chat Karoo opened for the
 * follow-up (linked to the monitoring, so the customer's reply comes back here).
 */
export function onCycleResult(t: Turn, ev: InternalEvent, context: Record<string, unknown>): void {
  const { s, now, out } = t;
  const m = s.monitorings[str(context.monitoringId)];
  if (!m) return;
  if (ev.name === 'week.phones') {
    const o = outcomeOf(ev, 'week.phones');
    return phonesRead(t, m, weekNo(context.week), o.ok && o.result.found ? o.result.phones : null);
  }
  if (ev.name === 'week.otherPhone') {
    const o = outcomeOf(ev, 'week.otherPhone');
    return otherPhone(t, m, o.ok && o.result.found ? o.result.phones : null);
  }
  const o = outcomeOf(ev, 'customer.followup');
  const f = answeredFollowUp(m, context);
  if (!o.ok) {
    if (f) followUpFailed(t, m, f, o.code);
    return;
  }
  const chatId = typeof o.result.chatId === 'string' ? o.result.chatId : null;
  if (!chatId) return;
  if (f) {
    f.messageId = str(o.result.id) || null;
    f.form = o.result.form ?? f.form ?? 'text';
  }
  m.customerChatId = chatId;
  out.tell(`chat:${chatId}`, 'monitoring.link', { monitoringId: m.id, agentStream: s.stream, agentName: m.agent.name, customerName: m.customer.name, sentAt: str(context.sentAt, now.toISOString()) });
}

export function onForward(t: Turn, ev: InternalEvent): void {
  const { s, out } = t;
  if (ev.name === 'seller.return') {
    const code = String(ev.data.customerCode);
    const m = Object.values(s.monitorings).find((x) => x.customer.code === code && x.phase === 'seller_wait');
    if (!m) return;
    out.say(`O vendedor ${str(ev.data.fromName, str(ev.data.from))} deu retorno sobre ${m.customer.name} (${code})${str(ev.data.note) ? `: "${str(ev.data.note)}"` : ''}.`);
    return sellerReturned(t, m, str(ev.data.note));
  }
  const reply = newsOf(ev, 'customer.reply');
  if (reply) return customerWrote(t, reply);
  const plantao = newsOf(ev, 'customer.plantao');
  if (plantao) return toldThePlantao(t, plantao);
  const pending = newsOf(ev, 'customer.pending');
  if (pending) return leftPending(t, pending);
  const status = newsOf(ev, 'followup.status');
  if (status) return followUpStatus(t, status);
  const elsewhere = newsOf(ev, 'customer.elsewhere');
  if (elsewhere) linkElsewhere(t, elsewhere);
}

/**
 * The customer wrote from the number the week's follow-up went to, in another chat of its
 * department (Karoo opens a new one once the follow-up's is closed), while the follow-up waits for
 * its answer: that chat is linked too, and what was written there is the answer.
 */
function linkElsewhere(t: Turn, news: News['customer.elsewhere']): void {
  const { s, out } = t;
  const m = Object.values(s.monitorings).find(
    (x) => x.customer.code === news.customerCode && x.phase === 'customer_wait' && !x.optOut && x.followUp?.phone === news.phone && x.customerChatId !== news.chatId,
  );
  if (!m?.followUp) return;
  m.customerChatId = news.chatId;
  out.tell(`chat:${news.chatId}`, 'monitoring.link', { monitoringId: m.id, agentStream: s.stream, agentName: m.agent.name, customerName: m.customer.name, sentAt: m.followUp.at });
}

/**
 * The customer wrote to the plantão in a chat no follow-up has linked (before the week's follow-up,
 * say): noted for the check-in, like a linked chat's messages to the plantão.
 */
function toldThePlantao(t: Turn, news: News['customer.plantao']): void {
  const m = Object.values(t.s.monitorings).find((x) => x.customer.code === news.customerCode && x.phase !== 'done');
  if (!m) return;
  // Kept for the check-in, an opt-out's message too ("achei a diferença do caixa; e para de me mandar mensagem").
  keepPlantaoNote(m, { at: news.at || t.now.toISOString(), text: news.text, kind: news.kind, ...(news.during ? { during: news.during } : {}) });
  // Asked to stop the messages from the number the follow-ups go to: the follow-ups stop, as in their own chat.
  if (news.optOut && news.phone && news.phone === m.customer.phone && !m.optOut) {
    return customerWrote(t, { monitoringId: m.id, kind: 'optout', text: news.text, chatId: '', during: 'business', at: news.at, name: news.name ?? null });
  }
  // Written from the number the follow-up goes to: the follow-up greets that person by name.
  if (news.name && news.phone && news.phone === m.customer.phone) m.contactName = news.name;
  // A number WhatsApp had said reaches nobody wrote after all (unblocked, say): the follow-ups may go to it again.
  if (news.phone) revivePhone(m, news.phone);
}

/**
 * The plantão left the customer's problem for the next business day: the implanter hears of it at the opening (now, in
 * business hours), unless the week's check-in comes then and says it.
 */
function leftPending(t: Turn, news: News['customer.pending']): void {
  const { s, now, ctx } = t;
  const m = s.monitorings[news.monitoringId] ?? Object.values(s.monitorings).find((x) => x.customer.code === news.customerCode && x.phase !== 'done');
  if (!m || m.phase === 'done') return;
  // Solved after all (the customer's "all fine" spoke of it): nothing to tell, unless told already.
  if (news.resolved) {
    if (m.plantaoPending && !m.plantaoPending.relayed) m.plantaoPending = null;
    return;
  }
  m.plantaoPending = { at: news.at || now.toISOString(), reason: news.reason, ...(news.unanswered ? { unanswered: true as const } : {}) };
  // Waiting for the answer to the week's follow-up: the week's check-in comes at the opening, and says it.
  if (m.phase === 'customer_wait') return checkinWhenOpen(t, m);
  if (ctx.calendar.isBusinessTime(now)) return relayNews(t, m);
  newsAtOpening(t, m);
}

/**
 * The customer wrote in a follow-up's chat. On a business day (or out of hours, read at the next
 * opening) it is the answer to the week's follow-up, or news for the implanter; during a plantão
 * shift the plantão took care of it: the monitoring only notes it for the next check-in (and a
 * follow-up still waiting for its answer has it: the check-in comes at the next opening).
 */
function customerWrote(t: Turn, reply: News['customer.reply']): void {
  const { s, now, ctx, out } = t;
  const m = s.monitorings[reply.monitoringId];
  if ((!m || m.phase === 'done') && reply.chatId) {
    // The cycle is over (or unknown here): the chat is an ordinary chat from now on.
    out.tell(`chat:${reply.chatId}`, 'monitoring.unlink', { monitoringId: reply.monitoringId, reason: m ? 'done' : 'unknown' });
  }
  if (!m) return;
  const at = reply.at || now.toISOString();
  if (reply.name) m.contactName = reply.name;
  // Written in the follow-up's chat, so from its number: whatever WhatsApp said of it before, it reaches them now.
  if (m.followUp) revivePhone(m, m.followUp.phone);
  // The week's follow-up has its answer (what /painel shows after the week is recorded).
  if (m.followUp && m.followUp.week === m.week && !m.followUp.answeredAt && at >= m.followUp.at) m.followUp.answeredAt = at;
  if (reply.kind === 'optout') {
    // Every 2266 of the customer stops its messages, not only the one whose chat heard it.
    for (const o of Object.values(s.monitorings)) {
      if (o.customer.code !== m.customer.code || o.phase === 'done' || o.optOut) continue;
      o.optOut = true;
      o.optOutAt = at;
    }
    m.optOut = true;
    m.optOutAt = at;
    if (m.phase === 'customer_wait') {
      // The week's check-in, asked now, says it (once).
      m.customerReply = { kind: 'none', text: '', at: now.toISOString() };
      // …in business hours: said on a Saturday (to the plantão), it waits for the implanter's next opening (found by an
      // outside tester: the implanter got the week's check-in on Saturday morning).
      return checkinWhenOpen(t, m);
    }
    out.say(`${capitalise(customerRef(m))} pediu para não receber mais mensagens automáticas. Os próximos contatos do monitoramento ficam por sua conta, por telefone.`);
    return;
  }
  if (reply.during === 'plantao') {
    keepPlantaoNote(m, { at, text: reply.text, kind: reply.kind });
    if (m.phase === 'customer_wait') {
      // A problem told to the plantão stays the week's answer though "tudo ok" follows once the plantão solved it: the week had a
      // demand; and so it does when more words follow about it ("é uma bematech mp-4200", found by an outside tester as the answer).
      const problemBefore = m.customerReply?.kind === 'issue' && m.customerReply.during === 'plantao';
      if (!problemBefore) m.customerReply = { kind: reply.kind, text: reply.text, at, during: 'plantao' };
      out.timer(timerIds.monitoring(m.id, 'window', m.week), ctx.calendar.nextOpening(now), { monitoringId: m.id, week: m.week });
    }
    return;
  }
  // Out of business hours the implanter is not written to (found by an outside tester: at 20:00, on a Saturday evening, on a
  // holiday): the answer brings the check-in, and news reach them, at the next opening.
  if (m.phase === 'customer_wait') {
    m.customerReply = { kind: reply.kind, text: reply.text, at };
    return checkinWhenOpen(t, m);
  }
  if (!ctx.calendar.isBusinessTime(now) && m.phase !== 'done') {
    // Recalled at the next check-in too, with what the plantão heard.
    keepPlantaoNote(m, { at, text: reply.text, kind: reply.kind, during: 'after-hours' });
    return newsAtOpening(t, m);
  }
  out.say(`${capitalise(customerRef(m))} escreveu no chat de acompanhamento: "${reply.text}"`);
}

/** The week's check-in: at once in business hours, else at the next opening (the week's window timer brings it). */
function checkinWhenOpen(t: Turn, m: Monitoring): void {
  const { now, ctx, out } = t;
  if (ctx.calendar.isBusinessTime(now)) return startCheckin(t, m);
  out.timer(timerIds.monitoring(m.id, 'window', m.week), ctx.calendar.nextOpening(now), { monitoringId: m.id, week: m.week });
}

/** What reached the monitoring out of hours is relayed to the implanter at the next opening (`relayNews`). */
function newsAtOpening(t: Turn, m: Monitoring): void {
  t.out.timer(timerIds.monitoring(m.id, 'news', m.week), t.ctx.calendar.nextOpening(t.now), { monitoringId: m.id, week: m.week });
}

/** The next opening after the customer wrote out of hours: what they wrote, in one message, for the implanter to take up. */
function relayNews(t: Turn, m: Monitoring): void {
  const { now, ctx, out } = t;
  if (m.phase === 'done') return;
  const pending = m.plantaoPending && !m.plantaoPending.relayed ? m.plantaoPending : null;
  // The week's check-in, now or due at this opening, says it all (the pending problem with it).
  const checkinSays = m.phase === 'agent_checkin' || m.phase === 'customer_wait' || (m.phase === 'scheduled' && Date.parse(m.dueAt) <= now.getTime());
  if (pending) {
    if (checkinSays) return;
    m.plantaoPending = { ...pending, relayed: true };
    // What the customer told the plantão, quoted; the notes stay for the check-in.
    const said = (m.plantaoNotes ?? []).filter((n) => n.during !== 'after-hours' && !n.told).map((n) => quotedNote(n, ctx.calendar));
    out.say(pendingNews(m, pending, said));
    return;
  }
  const fresh = (m.plantaoNotes ?? []).filter((n) => n.during === 'after-hours' && !n.relayed && !n.told);
  if (fresh.length === 0) return;
  m.plantaoNotes = (m.plantaoNotes ?? []).map((n) => (fresh.includes(n) ? { ...n, relayed: true } : n));
  out.say(`${capitalise(customerRef(m))} escreveu fora do expediente no chat de acompanhamento — ${fresh.map((n) => quotedNote(n, ctx.calendar)).join('; ')}. Vale retomar com o cliente.`);
}
