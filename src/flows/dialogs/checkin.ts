import type { TicketDraft } from '../../domain/ticket-draft.js';
import { protocol as findProtocol } from '../../nlu/entities.js';
import { checkinSlots, type DemandIntent } from '../../nlu/checkin-slots.js';
import { DEMAND_TICKET } from '../../nlu/intents.js';
import type { Dialog, Turn } from '../agent-state.js';
import { checkinPrompt, demandQuestion, summaryQuestion, weekRecorded } from '../monitoring/messages.js';
import { CODE_NAMES, DEMAND_CODES, WEEK_LABEL, WEEK_ORDINAL, text2266, type Monitoring, type WeekNo } from '../monitoring/model.js';
import { pick } from '../phrases.js';
import { outcomeOf } from '../results.js';
import { timerIds } from '../timer-ids.js';
import type { FlowContext, InternalEvent } from '../types.js';

/**
 * The weekly check-in with the agent (shared/mission/monitoring-2266.md §2), in the order it
 * happens: the bot asks whether there was contact (a check-in waits in line while another
 * conversation is open); with contact, the demand and its summary give the week's specific
 * ticket (000001, 000002, 000003, 000025, or 000029 for an "all fine"); without contact, week 1
 * goes to the salesperson (scenario B, no 000029) and weeks 2 and 3 get a 000029 for the
 * attempt (scenario C); then the week's line of the 2266, the next week's delegation, and after
 * week 3 the hand-over to the immediate supervisor. Pure.
 */


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
  out.say(checkinPrompt(seed, m, ctx.calendar));
}

export function nextMorning(now: Date, ctx: FlowContext): Date {
  return ctx.calendar.dueAfter(now, 1, ctx.monitoring.reminderTime, true);
}

export function nextQueued(t: Turn): void {
  const { s, seed, ctx, out } = t;
  while (s.dialog.kind === 'idle' && s.queue.length > 0) {
    const id = s.queue.shift() as string;
    const m = s.monitorings[id];
    if (m && m.phase === 'agent_checkin') {
      s.dialog = { kind: 'checkin.contact', monitoringId: m.id };
      out.say(checkinPrompt(seed, m, ctx.calendar));
    }
  }
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
    // Every slot the answer fills (the demand by code, number or words; a protocol; the
    // implanter's own description) is taken: only what is missing is asked.
    const slots = checkinSlots(text, (words) => ctx.nlu.demand(words));
    const said = { ...(slots.summary ? { summary: slots.summary } : {}), ...(slots.protocol ? { protocolo: slots.protocol } : {}) };
    if (slots.demand) return demandKnown(t, id, slots.demand, said);
    s.dialog = { kind: 'checkin.demand', monitoringId: id, ...said };
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

/** The demand of the contact, by menu number or in words: the specific ticket it gets, then its summary. */
export function chooseDemand(t: Turn, d: Extract<Dialog, { kind: 'checkin.demand' }>, intent: DemandIntent): void {
  demandKnown(t, d.monitoringId, intent, { ...(d.summary ? { summary: d.summary } : {}), ...(d.protocolo ? { protocolo: d.protocolo } : {}) }, false);
}

/**
 * The demand is known: with the implanter's description or a protocol already given, the week is
 * recorded at once (said in one line); an "apenas ok" needs no description; else the summary is
 * asked, once.
 */
function demandKnown(t: Turn, id: string, intent: DemandIntent, said: { summary?: string; protocolo?: string }, firstAnswer = true): void {
  const { s, seed, ctx, out } = t;
  const code = DEMAND_TICKET[intent] === 'ok' ? ctx.monitoring.okCode : DEMAND_TICKET[intent];
  if (said.protocolo) return checkinSummary(t, id, code, said.protocolo);
  // "falei, tá tudo ok com ele" says it all; "apenas ok" picked from the menu still gets its sentence.
  const summary = said.summary ?? (intent === 'demand.ok_only' && firstAnswer ? 'Contato feito com o cliente, sem demanda técnica' : null);
  if (summary) {
    const m = s.monitorings[id];
    if (m) out.say(`Entendi: contato feito, ${code} (${CODE_NAMES[code] ?? 'atendimento'}), resumo: "${summary}".`);
    return checkinSummary(t, id, code, summary);
  }
  s.dialog = { kind: 'checkin.summary', monitoringId: id, code };
  out.say(summaryQuestion(seed, code));
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

/** Bimer's answer for the week's ticket (created, or the one the agent named): the week is recorded. */
export function onCheckinResult(t: Turn, ev: InternalEvent, context: Record<string, unknown>): void {
  const { s, out } = t;
  const m = s.monitorings[String(context.monitoringId)];
  if (!m || m.phase !== 'recording') return;
  const o = ev.name === 'checkin.ticket' ? outcomeOf(ev, 'checkin.ticket') : outcomeOf(ev, 'checkin.existing');
  if (!o.ok || !o.result.found) {
    m.phase = 'agent_checkin';
    s.dialog = { kind: 'checkin.summary', monitoringId: m.id, code: String(context.code) };
    return out.say(
      `Não achei o protocolo ${String(context.protocolo)} entre os atendimentos de ${m.customer.name}. Confere o número, ou me mande um resumo que eu abro o atendimento.`,
    );
  }
  const ticket = o.result.ticket;
  recordWeek(t, m, {
    scenario: context.scenario === 'C' ? 'C' : 'A',
    code: String(context.code),
    summary: String(context.summary),
    protocolo: ticket.protocolo,
  });
}

/** Bimer refused the week's ticket for good: the agent is asked for the summary (or a protocol) again. */
export function checkinFailed(t: Turn, m: Monitoring, context: Record<string, unknown>, error: string): void {
  const { s, out } = t;
  m.phase = 'agent_checkin';
  s.dialog = { kind: 'checkin.summary', monitoringId: m.id, code: String(context.code) };
  out.say(`O Bimer recusou o atendimento (${error}). Pode me mandar o resumo de novo, ou o protocolo de um atendimento já aberto?`);
}

interface WeekOutcome {
  scenario: 'A' | 'C';
  code: string;
  summary: string;
  protocolo: string;
}

function recordWeek(t: Turn, m: Monitoring, o: WeekOutcome): void {
  const { seed, now, ctx, out } = t;
  const week = m.week;
  const note =
    o.scenario === 'C'
      ? `tentativa de contato sem retorno — protocolo ${o.protocolo}`
      : `${o.summary.replace(/\s+/g, ' ').replace(/[.\s]+$/, '')} — protocolo ${o.protocolo}`;
  m.weeks[week] = { note, scenario: o.scenario, code: o.code, protocolo: o.protocolo, at: now.toISOString(), dueAt: m.dueAt };
  delete m.plantaoNotes; // seen at this check-in
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
  // The cycle is over: the customer's chat is an ordinary chat again.
  if (m.customerChatId) out.tell(`chat:${m.customerChatId}`, 'monitoring.unlink', { monitoringId: m.id, reason: 'done' });
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
  delete m.plantaoNotes; // seen at this check-in
  if (!m.seller) {
    m.phase = 'seller_wait';
    m.weeks[1] = { note: `sem contato com o cliente na primeira semana; cliente sem vendedor responsável no Bimer (${ctx.calendar.formatDate(now)})`, scenario: 'B', code: null, protocolo: null, at: now.toISOString(), dueAt: m.dueAt };
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
    at: now.toISOString(),
    dueAt: m.dueAt,
  };
  m.sellerHandOverAt = now.toISOString();
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
