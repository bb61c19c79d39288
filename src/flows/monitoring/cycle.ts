import type { TicketDraft } from '../../domain/ticket-draft.js';
import type { Draft, Turn } from '../agent-state.js';
import { DEMAND_TICKET } from '../../nlu/intents.js';
import { protocol as findProtocol } from '../../nlu/entities.js';
import { firstName, pick, str } from '../phrases.js';
import type { FlowContext, InternalEvent } from '../types.js';
import { toE164 } from '../../util/phone.js';
import { checkinPrompt, customerFollowUp, demandQuestion, phoneProblem, summaryQuestion, weekRecorded } from './messages.js';
import { CODE_NAMES, DEMAND_CODES, WEEK_LABEL, WEEK_ORDINAL, monitoringId, text2266, type Monitoring, type WeekNo } from './model.js';
import { parseTimerId, timerIds } from '../timer-ids.js';

/**
 * The 3-week cycle of a monitoring (shared/mission/monitoring-2266.md §2), inside the agent's
 * stream: due dates, the customer follow-up, the agent's check-in (scenarios A, B, C), the week
 * lines of the 2266, delegations and the hand-over to the supervisor. Pure.
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
    `${pick(seed, ['Pronto', 'Tudo certo', 'Feito'])}, ${firstName(draft.agent.name) || firstName(s.name)}! Criei o 2266 de ${m.customer.name} (${m.customer.code}): protocolo ${ticket.protocolo}${rsp}. Ele está delegado para você, e o primeiro contato de monitoramento fica para ${ctx.calendar.describe(due)}. Eu te chamo nesse dia.${m.customer.phone ? '' : `\nAtenção: ${phoneProblem(m)}`}`,
  );
  nextQueued(t);
}

/** The customer's phones, read again from Bimer before a week's contact (`week.phones`); a failure asks the agent anyway. */
export function phonesRead(t: Turn, m: Monitoring, week: WeekNo, read: { phone: string | null; invalidPhones?: string[] } | null): void {
  if (m.phase !== 'scheduled' || m.week !== week) return;
  if (read) {
    m.customer.phone = read.phone;
    if (read.invalidPhones?.length) m.customer.invalidPhones = read.invalidPhones;
    else delete m.customer.invalidPhones;
  }
  weekDue(t, m, true);
}

export function firstDue(now: Date, ctx: FlowContext): Date {
  const m = ctx.monitoring;
  return ctx.calendar.dueAfter(now, m.intervalDays, m.checkinTime, m.moveToBusinessDay);
}

// ---- the weekly check-in ------------------------------------------------------------------

export function onTimer(t: Turn, ev: InternalEvent): void {
  const { s, now, ctx, out } = t;
  const m = s.monitorings[String(ev.data.monitoringId)];
  if (!m) return;
  const week = Number(ev.data.week) as WeekNo;
  const kind = parseTimerId(ev.name)?.step;
  if (kind === 'due') {
    if (m.phase !== 'scheduled' || m.week !== week || ev.data.dueAt !== m.dueAt) return; // stale
    return weekDue(t, m);
  }
  if (kind === 'window') {
    if (m.phase !== 'customer_wait' || m.week !== week) return;
    m.customerReply = { kind: 'none', text: '', at: now.toISOString() };
    return startCheckin(t, m);
  }
  if (kind === 'remind') {
    if (m.phase !== 'agent_checkin' || m.week !== week) return;
    const max = ctx.monitoring.maxReminders;
    m.reminders += 1;
    if (s.dialog.kind === 'idle') s.dialog = { kind: 'checkin.contact', monitoringId: m.id };
    out.say(`Lembrete: ainda falta registrar o contato da ${WEEK_ORDINAL[m.week]} semana de ${m.customer.name} (${m.customer.code}). Conseguiu falar com o cliente? (sim/não)`);
    if (m.reminders < max) out.timer(timerIds.monitoring(m.id, 'remind', m.week), nextMorning(now, ctx), { monitoringId: m.id, week: m.week });
    else out.push({ type: 'log', level: 'warn', message: 'check-in still unanswered after the last reminder', data: { monitoringId: m.id } });
    return;
  }
  if (kind === 'seller') {
    if (m.phase !== 'seller_wait') return;
    m.reminders += 1;
    out.say(`Lembrete: o monitoramento de ${m.customer.name} (${m.customer.code}) segue com o vendedor desde a 1ª semana. Quando ele der retorno, me diga: "o vendedor retornou do cliente ${m.customer.code}: …".`);
    if (m.reminders < ctx.monitoring.maxReminders) {
      const at = ctx.calendar.dueAfter(now, ctx.monitoring.sellerReminderDays, ctx.monitoring.reminderTime, true);
      out.timer(timerIds.monitoring(m.id, 'seller', 1), at, { monitoringId: m.id, week: 1 });
    }
  }
}

function nextMorning(now: Date, ctx: FlowContext): Date {
  return ctx.calendar.dueAfter(now, 1, ctx.monitoring.reminderTime, true);
}

/**
 * A week's contact is due: the customer gets the follow-up (in business hours) when their record
 * has a valid phone, else the agent is asked at once. A record without one is read again first,
 * once per week (`phoneRechecked`), since the agent was asked to fix it.
 */
function weekDue(t: Turn, m: Monitoring, phoneRechecked = false): void {
  const { s, seed, now, ctx, out } = t;
  m.customerReply = null;
  m.reminders = 0;
  // A state written before phones were kept in E.164 may hold `+550021…`: read it again.
  m.customer.phone = toE164(m.customer.phone);
  if (!m.customer.phone && !m.optOut && !phoneRechecked) {
    out.bimer({ op: 'customerPhones', customerCode: m.customer.code }, 'week.phones', { monitoringId: m.id, week: m.week });
    return;
  }
  if (m.customer.phone && !m.optOut) {
    if (!ctx.calendar.isBusinessTime(now)) {
      // Never message a customer out of business hours: try again at the next opening.
      const at = ctx.calendar.nextOpening(now);
      m.dueAt = at.toISOString();
      out.timer(timerIds.monitoring(m.id, 'due', m.week), at, { monitoringId: m.id, week: m.week });
      return;
    }
    m.phase = 'customer_wait';
    out.push({
      type: 'karoo.proactive',
      to: { phone: m.customer.phone },
      department: ctx.monitoring.customerDepartment,
      text: customerFollowUp(seed, m),
      onResult: { stream: s.stream, tag: 'customer.followup', context: { monitoringId: m.id, week: m.week, sentAt: now.toISOString() } },
    });
    out.timer(timerIds.monitoring(m.id, 'window', m.week), ctx.calendar.endOfNextBusinessDay(now), { monitoringId: m.id, week: m.week });
    return;
  }
  startCheckin(t, m);
}

export function startCheckin(t: Turn, m: Monitoring): void {
  const { s, seed, now, ctx, out } = t;
  m.phase = 'agent_checkin';
  out.cancel(timerIds.monitoring(m.id, 'window', m.week));
  out.timer(timerIds.monitoring(m.id, 'remind', m.week), nextMorning(now, ctx), { monitoringId: m.id, week: m.week });
  if (s.dialog.kind !== 'idle') {
    if (!s.queue.includes(m.id)) s.queue.push(m.id);
    if (m.customerReply?.kind === 'issue') {
      out.say(`Atenção: ${m.customer.name} (${m.customer.code}) escreveu no acompanhamento: "${m.customerReply.text}". Assim que terminarmos aqui, registramos o contato.`);
    }
    return;
  }
  s.dialog = { kind: 'checkin.contact', monitoringId: m.id };
  out.say(checkinPrompt(seed, m));
}

export function nextQueued(t: Turn): void {
  const { s, seed, out } = t;
  while (s.dialog.kind === 'idle' && s.queue.length > 0) {
    const id = s.queue.shift() as string;
    const m = s.monitorings[id];
    if (m && m.phase === 'agent_checkin') {
      s.dialog = { kind: 'checkin.contact', monitoringId: m.id };
      out.say(checkinPrompt(seed, m));
    }
  }
}

export function checkinContact(t: Turn, id: string, answer: 'answer.yes' | 'answer.yes_demand' | 'answer.no', text: string): void {
  const { s, seed, ctx, out } = t;
  const m = s.monitorings[id];
  if (!m) {
    s.dialog = { kind: 'idle' };
    return;
  }
  if (answer === 'answer.yes' && m.customerReply?.kind === 'ok') {
    // The customer said all is fine and the agent confirms: a contact with no technical demand.
    s.dialog = { kind: 'idle' };
    m.phase = 'recording';
    const summary = `Cliente respondeu ao acompanhamento: "${m.customerReply.text.replace(/\s+/g, ' ').trim()}", sem demanda técnica`;
    createSpecific(t, m, ctx.monitoring.okCode, summary, 'A');
    return out.say(`Combinado: registro como contato sem demanda técnica (${ctx.monitoring.okCode}) vinculado ao 2266 ${m.ticket.protocolo}…`);
  }
  if (answer !== 'answer.no') {
    // "sim, foi uma dúvida": the demand said with the yes skips the menu.
    const said = answer === 'answer.yes_demand' ? ctx.nlu.agent(text, 'checkin.demand') : null;
    if (said?.kind === 'intent' && said.confidence >= 0.8 && said.intent.startsWith('demand.') && said.intent !== 'demand.ok_only') {
      const code = DEMAND_TICKET[said.intent as keyof typeof DEMAND_TICKET];
      s.dialog = { kind: 'checkin.summary', monitoringId: id, code };
      return out.say(summaryQuestion(seed, code));
    }
    s.dialog = { kind: 'checkin.demand', monitoringId: id };
    return out.say(demandQuestion(seed));
  }
  s.dialog = { kind: 'idle' };
  if (m.week === 1) return scenarioB(t, m);
  // Scenario C: register the attempt in a 000029 linked to the 2266.
  m.phase = 'recording';
  const summary = `Tentativa de contato sem retorno na ${WEEK_LABEL[m.week]} do monitoramento`;
  createSpecific(t, m, DEMAND_CODES.other, summary, 'C');
  out.say(`Entendido: sem contato na ${WEEK_ORDINAL[m.week]} semana. Vou registrar a tentativa num 000029 vinculado ao 2266 ${m.ticket.protocolo}.`);
}

/**
 * The agent asks to record a week now ("monitoramento do cliente 123"): the check-in of that
 * customer's monitoring starts (or resumes) at once, whatever its due date.
 */
export function startWeek(t: Turn, code: string | null): void {
  const { s, out } = t;
  const active = Object.values(s.monitorings).filter((m) => m.phase !== 'done' && (!code || m.customer.code === code));
  if (active.length === 0) {
    return out.say(
      code
        ? `Não encontrei um monitoramento seu em andamento do cliente ${code}. Se a implantação acabou agora, me diga "finalizei a implantação do cliente ${code}".`
        : 'Você não tem monitoramentos em andamento. Se uma implantação acabou agora, me diga "finalizei a implantação do cliente …".',
    );
  }
  if (active.length > 1) {
    return out.say(`De qual cliente? ${active.map((m) => `${m.customer.name} (${m.customer.code})`).join(', ')}. Ex.: "monitoramento do cliente ${active[0]?.customer.code ?? '123'}".`);
  }
  const m = active[0] as Monitoring;
  if (m.phase === 'seller_wait') {
    return out.say(`O monitoramento de ${m.customer.name} (${m.customer.code}) está com o vendedor desde a 1ª semana. Quando ele der retorno, me diga: "o vendedor retornou do cliente ${m.customer.code}: …".`);
  }
  if (m.phase === 'recording') return out.say(`Estou registrando a semana de ${m.customer.name} no Bimer agora mesmo; já te aviso.`);
  s.queue = s.queue.filter((id) => id !== m.id);
  m.customerReply = m.phase === 'customer_wait' ? m.customerReply : null;
  startCheckin(t, m);
}

export function checkinSummary(t: Turn, id: string, code: string, text: string): void {
  const { s, out } = t;
  const m = s.monitorings[id];
  if (!m) {
    s.dialog = { kind: 'idle' };
    return;
  }
  const trimmed = text.trim();
  const protocolo = /^\D{0,20}\d{5,20}\D{0,3}$/.test(trimmed) ? findProtocol(trimmed) : null;
  s.dialog = { kind: 'idle' };
  m.phase = 'recording';
  if (protocolo) {
    out.bimer({ op: 'findTicketByProtocol', customerCode: m.customer.code, protocolo }, 'checkin.existing', {
      monitoringId: m.id,
      code,
      protocolo,
      summary: `${CODE_NAMES[code] ?? 'Atendimento'} registrado pelo agente`,
      scenario: 'A',
    });
    out.say(`Conferindo o atendimento ${protocolo} no Bimer…`);
    return;
  }
  if (trimmed.length < 3) {
    m.phase = 'agent_checkin';
    s.dialog = { kind: 'checkin.summary', monitoringId: id, code };
    return out.say('Me mande um resumo de uma frase sobre o contato, por favor.');
  }
  createSpecific(t, m, code, trimmed, 'A');
  out.say(`Abrindo o ${code} (${CODE_NAMES[code] ?? 'atendimento'}) vinculado ao 2266 ${m.ticket.protocolo}…`);
}

function createSpecific(t: Turn, m: Monitoring, code: string, summary: string, scenario: 'A' | 'C'): void {
  const { now, ctx, out } = t;
  const words = m.customerReply && m.customerReply.kind !== 'none' ? m.customerReply.text : '';
  const customerWords = words && !summary.includes(words) ? `\nO cliente escreveu: "${words}"` : '';
  const ticket: TicketDraft = {
    typeCode: code,
    category: 'O',
    subject: `${CODE_NAMES[code] ?? 'Atendimento'} - Monitoramento 2266 (${WEEK_ORDINAL[m.week]} semana)`,
    customerId: m.customer.id,
    responsibleUserId: m.agent.id,
    dueAt: ctx.calendar.bimerDateTime(now),
    text: `${summary}${customerWords}\nContato da ${WEEK_LABEL[m.week]} do monitoramento pós-implantação; vinculado ao 2266 protocolo ${m.ticket.protocolo}.`,
    externalKey: `karoo-bot:${code}:${m.id}:w${m.week}`,
    linkedTicketId: m.ticket.id,
  };
  out.bimer({ op: 'createTicket', ticket }, 'checkin.ticket', { monitoringId: m.id, code, summary, scenario });
}

interface WeekOutcome {
  scenario: 'A' | 'C';
  code: string;
  summary: string;
  protocolo: string;
}

export function recordWeek(t: Turn, m: Monitoring, o: WeekOutcome): void {
  const { seed, now, ctx, out } = t;
  const week = m.week;
  const note =
    o.scenario === 'C'
      ? `tentativa de contato sem retorno — protocolo ${o.protocolo}`
      : `${o.summary.replace(/\s+/g, ' ').replace(/[.\s]+$/, '')} — protocolo ${o.protocolo}`;
  m.weeks[week] = { note, scenario: o.scenario, code: o.code, protocolo: o.protocolo };
  out.cancel(timerIds.monitoring(m.id, 'remind', week));
  out.bimer({ op: 'replaceText', ticketId: m.ticket.id, text: text2266(m.parecer, m.weeks) }, 'mon.text', { monitoringId: m.id });

  if (week < 3) {
    const due = ctx.calendar.dueAfter(now, ctx.monitoring.intervalDays, ctx.monitoring.checkinTime, ctx.monitoring.moveToBusinessDay);
    m.week = (week + 1) as WeekNo;
    m.dueAt = due.toISOString();
    m.phase = 'scheduled';
    m.customerReply = null;
    out.bimer(
      { op: 'delegate', ticketId: m.ticket.id, userId: m.agent.id, date: ctx.calendar.bimerDateTime(due), note: `Monitoramento pós-implantação: contato da ${WEEK_ORDINAL[m.week]} semana.` },
      'mon.delegate',
      { monitoringId: m.id },
    );
    out.timer(timerIds.monitoring(m.id, 'due', m.week), due, { monitoringId: m.id, week: m.week });
    out.say(weekRecorded(seed, m, week, ctx.calendar, ''));
  } else {
    handOver(t, m, o);
  }
  nextQueued(t);
}

function handOver(t: Turn, m: Monitoring, o: WeekOutcome): void {
  const { seed, now, ctx, out } = t;
  m.phase = 'done';
  const demandOpen = o.scenario === 'A' && o.code !== ctx.monitoring.okCode;
  m.openDemand = demandOpen ? { code: o.code, protocolo: o.protocolo } : null;
  const extra = demandOpen
    ? ` O atendimento ${o.code} (protocolo ${o.protocolo}) continua aberto: o monitoramento termina, mas o suporte segue por ele.`
    : '';
  if (m.agent.supervisorId) {
    out.bimer(
      {
        op: 'delegate',
        ticketId: m.ticket.id,
        userId: m.agent.supervisorId,
        date: ctx.calendar.bimerDateTime(now),
        note: `Monitoramento pós-implantação concluído (3 semanas registradas). Encaminhado à supervisão imediata para encerramento.${demandOpen ? ` Demanda em aberto no protocolo ${o.protocolo}.` : ''}`,
      },
      'mon.delegate',
      { monitoringId: m.id },
    );
    out.say(
      `${weekRecorded(seed, m, 3, ctx.calendar, '')} As 3 semanas estão preenchidas: deleguei o 2266 ${m.ticket.protocolo} à sua supervisão imediata para encerrar.${extra}`,
    );
  } else {
    out.say(
      `${weekRecorded(seed, m, 3, ctx.calendar, '')} As 3 semanas estão preenchidas, mas o Bimer não tem supervisor cadastrado para você: encaminhe o 2266 ${m.ticket.protocolo} à sua supervisão imediata, por favor.${extra}`,
    );
    out.push({ type: 'log', level: 'warn', message: 'no immediate supervisor for the 2266 hand-over', data: { monitoringId: m.id } });
  }
}

function scenarioB(t: Turn, m: Monitoring): void {
  const { seed, now, ctx, out } = t;
  out.cancel(timerIds.monitoring(m.id, 'remind', 1));
  if (!m.seller) {
    m.phase = 'seller_wait';
    m.weeks[1] = { note: `sem contato com o cliente na primeira semana; cliente sem vendedor responsável no Bimer (${ctx.calendar.formatDate(now)})`, scenario: 'B', code: null, protocolo: null };
    out.bimer({ op: 'replaceText', ticketId: m.ticket.id, text: text2266(m.parecer, m.weeks) }, 'mon.text', { monitoringId: m.id });
    out.say(
      `Sem contato na 1ª semana: nesse caso não se abre 000029. O cliente ${m.customer.name} não tem vendedor responsável no Bimer, então não consegui delegar o 2266. Avise sua supervisão, por favor; quando houver retorno, me diga "o vendedor retornou do cliente ${m.customer.code}: …".`,
    );
    return;
  }
  m.phase = 'seller_wait';
  m.reminders = 0;
  m.weeks[1] = {
    note: `sem contato com o cliente; 2266 delegado ao vendedor responsável em ${ctx.calendar.formatDate(now)} (sem 000029, conforme a regra da 1ª semana)`,
    scenario: 'B',
    code: null,
    protocolo: null,
  };
  out.bimer({ op: 'replaceText', ticketId: m.ticket.id, text: text2266(m.parecer, m.weeks) }, 'mon.text', { monitoringId: m.id });
  out.bimer(
    {
      op: 'delegate',
      ticketId: m.ticket.id,
      userId: m.seller.id,
      date: ctx.calendar.bimerDateTime(now),
      note: `Monitoramento pós-implantação: o implantador ${m.agent.name} não conseguiu contato com o cliente na 1ª semana. Por favor, contate o cliente e dê retorno ao implantador.`,
    },
    'mon.delegate',
    { monitoringId: m.id },
  );
  out.bimer({ op: 'getUser', userId: m.seller.id }, 'seller.user', { monitoringId: m.id });
  out.timer(timerIds.monitoring(m.id, 'seller', 1), ctx.calendar.dueAfter(now, ctx.monitoring.sellerReminderDays, ctx.monitoring.reminderTime, true), {
    monitoringId: m.id,
    week: 1,
  });
  out.say(
    `${pick(seed, ['Entendido.', 'Certo.', 'Ok.'])} Na 1ª semana sem contato não se abre 000029: deleguei o 2266 ${m.ticket.protocolo} ao vendedor responsável pelo cliente, explicando a situação, e registrei isso na linha da primeira semana. Vou aguardar o retorno dele — quando vier, me diga "o vendedor retornou do cliente ${m.customer.code}: …".`,
  );
  nextQueued(t);
}

/** The agent reports the salesperson's return for one of their own monitorings. */
export function sellerReturnFromAgent(t: Turn, text: string, code: string | null): void {
  const { s, out } = t;
  const waiting = Object.values(s.monitorings).filter((m) => m.phase === 'seller_wait' && (!code || m.customer.code === code));
  if (waiting.length === 1) return sellerReturned(t, waiting[0] as Monitoring, noteOf(text));
  if (waiting.length > 1) return out.say('Há mais de um monitoramento com o vendedor. De qual cliente? (ex.: "o vendedor retornou do cliente 123: …")');
  if (!code) return out.say('De qual cliente é o retorno? Me mande assim: "retornei do cliente 123: o cliente disse que…".');
  // Not one of this agent's: it is a salesperson reporting back; the monitoring's owner is found by customer.
  out.push({ type: 'forwardToCustomerOwner', customerCode: code, name: 'seller.return', data: { customerCode: code, note: noteOf(text), from: s.login, fromName: s.name } });
  out.say(`Obrigado! Vou repassar seu retorno sobre o cliente ${code} ao implantador responsável.`);
}

function noteOf(text: string): string {
  const after = /[:\-–]\s*(.+)$/s.exec(text)?.[1]?.trim();
  return after && after.length > 2 ? after : '';
}

function sellerReturned(t: Turn, m: Monitoring, note: string): void {
  const { now, ctx, out } = t;
  out.cancel(timerIds.monitoring(m.id, 'seller', 1));
  m.weeks[1] = {
    note: `${m.weeks[1]?.note ?? 'sem contato com o cliente'}; vendedor retornou em ${ctx.calendar.formatDate(now)}${note ? `: ${note}` : ''}`,
    scenario: 'B',
    code: null,
    protocolo: null,
  };
  out.bimer({ op: 'replaceText', ticketId: m.ticket.id, text: text2266(m.parecer, m.weeks) }, 'mon.text', { monitoringId: m.id });
  out.bimer(
    { op: 'delegate', ticketId: m.ticket.id, userId: m.agent.id, date: ctx.calendar.bimerDateTime(now), note: 'Retorno do vendedor recebido: retomar o contato da 1ª semana do monitoramento.' },
    'mon.delegate',
    { monitoringId: m.id },
  );
  m.customerReply = note ? { kind: 'issue', text: `(retorno do vendedor) ${note}`, at: now.toISOString() } : null;
  // The week-1 contact is tried again with the agent (the seed leaves this open; see README).
  startCheckin(t, m);
}

// ---- news from other streams ----------------------------------------------------------------

export function onForward(t: Turn, ev: InternalEvent): void {
  const { s, now, out } = t;
  if (ev.name === 'seller.return') {
    const code = String(ev.data.customerCode);
    const m = Object.values(s.monitorings).find((x) => x.customer.code === code && x.phase === 'seller_wait');
    if (!m) return;
    out.say(`O vendedor ${str(ev.data.fromName, str(ev.data.from))} deu retorno sobre ${m.customer.name} (${code})${str(ev.data.note) ? `: "${str(ev.data.note)}"` : ''}.`);
    return sellerReturned(t, m, str(ev.data.note));
  }
  if (ev.name !== 'customer.reply') return;
  const m = s.monitorings[String(ev.data.monitoringId)];
  if (!m) return;
  const kind = String(ev.data.kind);
  const text = str(ev.data.text);
  if (kind === 'optout') {
    m.optOut = true;
    out.say(`${m.customer.name} (${m.customer.code}) pediu para não receber mais mensagens automáticas. Os próximos contatos do monitoramento ficam por sua conta, por telefone.`);
    if (m.phase === 'customer_wait') {
      m.customerReply = { kind: 'none', text: '', at: now.toISOString() };
      startCheckin(t, m);
    }
    return;
  }
  if (m.phase === 'customer_wait') {
    m.customerReply = { kind: kind === 'ok' ? 'ok' : 'issue', text, at: now.toISOString() };
    return startCheckin(t, m);
  }
  out.say(`${m.customer.name} (${m.customer.code}) escreveu no chat de acompanhamento: "${text}"`);
}
