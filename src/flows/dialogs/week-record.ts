import { fold } from '../../util/text.js';
import type { TicketDraft } from '../../domain/ticket-draft.js';
import type { Turn } from '../agent-state.js';
import { deadPhonesSaid, greeting, quotedNote, weekRecorded } from '../monitoring/messages.js';
import { formatPhone } from '../../util/phone.js';
import { backFromSeller, CODE_NAMES, customerRef, livePhone, WEEK_LABEL, WEEK_ORDINAL, text2266, type Monitoring, type WeekNo } from '../monitoring/model.js';
import { firstName, pick, quotedEnd } from '../phrases.js';
import { brief, truncate } from '../../util/text.js';
import { outcomeOf } from '../../domain/results.js';
import { DEMAND_CODES, sameCode } from '../../domain/ticket-codes.js';
import { timerIds } from '../timer-ids.js';
import type { InternalEvent } from '../../domain/stream.js';
import { nextQueued } from './checkin-queue.js';
import { DAY_MS } from '../../domain/durations.js';

/**
 * The week recorded in Bimer once the check-in knows it (docs/mission/monitoring-2266.md §2–3):
 * the specific ticket linked to the 2266, the 2266's week line, the next week's delegation, after
 * week 3 the hand-over to the immediate supervisor; week 1 without contact goes to the
 * salesperson (scenario B). Pure.
 */

export function createSpecific(t: Turn, m: Monitoring, code: string, summary: string, scenario: 'A' | 'C'): void {
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
    // A 000029 of an attempt says so: "Contato da 2ª semana" on a week without contact read as one made.
    text: `${summary}${customerWords}\n${scenario === 'C' ? 'Tentativa de contato' : 'Contato'} da ${WEEK_LABEL[m.week]} do monitoramento pós-implantação; vinculado ao 2266 protocolo ${m.ticket.protocolo}.`,
    externalKey: `karoo-bot:${code}:${m.id}:w${m.week}`,
    linkedTicketId: m.ticket.id,
  };
  out.bimer({ op: 'createTicket', ticket }, 'checkin.ticket', { monitoringId: m.id, code, summary, scenario });
}

/** A bare "no" and its usual words ("não consegui falar com ele"): nothing said of how contact was tried. */
const BARE_NO = /^\s*(?:n[aã]o|nao|n|nops|negativo|infelizmente)?[\s,.!]*(?:(?:n[aã]o\s+)?(?:consegui|conseguimos|deu|rolou))?\s*(?:falar|contato|contatar|contactar|retorno)?\s*(?:com\s+(?:ele|ela|o\s+cliente|a\s+cliente))?[\s,.!]*(?:nessa|esta|essa|na)?\s*(?:semana)?[\s,.!]*$/i;

/** The implanter's "no" in their own words, when it says more than "no" ("liguei 3x, caixa postal"); '' otherwise. */
function ownWords(said: string): string {
  // Line by line: an answer asked about again, then its bare "não", keeps the first one's words.
  return said
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line && !BARE_NO.test(line))
    .join('; ');
}

/**
 * How contact was tried, for the 000029 (scenario C) and the salesperson's delegation (scenario
 * B): the week's WhatsApp follow-up and what became of it, what the customer told the plantão
 * meanwhile, and the implanter's own words when they say more than "no". Pure.
 */
export function attemptsMade(m: Monitoring, said: string, cal: Turn['ctx']['calendar']): string {
  const parts: string[] = [];
  const f = m.followUp;
  if (f && f.week === m.week) {
    const when = cal.describe(new Date(f.at));
    const reply = m.customerReply && m.customerReply.kind !== 'none' ? m.customerReply.text.replace(/\s+/g, ' ').trim() : '';
    // The numbers that reach nobody, said beside it (the next week's ticket too), so the next call does not go to them.
    const skipped = deadPhonesSaid(m, f.phone);
    const via = skipped ? ` foi para o ${formatPhone(f.phone)} (${skipped}) e` : '';
    const dead = deadPhonesSaid(m);
    if (f.state === 'failed' || f.error) parts.push(`A mensagem de acompanhamento pelo WhatsApp (${when}) não chegou ao cliente${dead ? ` (${dead})` : ''}.`);
    // No follow-up goes after an opt-out: one set with this week's follow-up was its answer (it had been told "ficou sem resposta").
    else if (m.optOut) parts.push(`O cliente respondeu à mensagem de acompanhamento pelo WhatsApp (${when}) pedindo para não receber mais mensagens automáticas.`);
    else if (reply) parts.push(`O cliente respondeu à mensagem de acompanhamento pelo WhatsApp (${when})${via ? ` no ${formatPhone(f.phone)}` : ''}: ${quotedEnd(truncate(reply, 280))}`);
    else parts.push(`A mensagem de acompanhamento pelo WhatsApp (${when})${via} ficou sem resposta${f.state === 'read' ? ', embora lida' : ''}.`);
  } else if (m.erasedAt) {
    // Erased on request: nobody asked to stop the messages, the bot no longer holds whom to write to.
    parts.push('O acompanhamento pelo WhatsApp não foi enviado: os dados de contato do cliente foram apagados do bot a pedido (LGPD).');
  } else if (m.optOut) {
    // Asked before this week's follow-up (on the plantão, say): none went, and the ticket says why (found by an outside tester).
    parts.push(`O cliente pediu${m.optOutAt ? ` (${cal.describe(new Date(m.optOutAt))})` : ''} para não receber mais mensagens automáticas: o acompanhamento desta semana não foi enviado.`);
  } else if (m.customer.phone && !livePhone(m)) {
    parts.push(`O acompanhamento desta semana não foi enviado pelo WhatsApp: ${deadPhonesSaid(m)}.`);
  }
  // What the customer told the plantão (or wrote out of hours) this week: they did reach the company, if not the implanter.
  const notes = (m.plantaoNotes ?? []).filter((n) => !(m.customerReply && m.customerReply.kind !== 'none' && n.at === m.customerReply.at));
  for (const [where, said] of [
    ['falou com o plantão', notes.filter((n) => n.during !== 'after-hours')],
    ['escreveu fora do expediente', notes.filter((n) => n.during === 'after-hours')],
  ] as const) {
    if (said.length > 0) parts.push(`O cliente ${where} — ${said.map((n) => quotedNote(n, cal)).join('; ')}.`);
  }
  const words = ownWords(said);
  if (words) parts.push(`Nas palavras de ${m.agent.name}: ${quotedEnd(truncate(words, 280))}`);
  return parts.join(' ');
}

/** Bimer's answer for the week's ticket (created, or the one the agent named): the week is recorded. */
export function onCheckinResult(t: Turn, ev: InternalEvent, context: Record<string, unknown>): void {
  const { s, ctx, out } = t;
  const m = s.monitorings[String(context.monitoringId)];
  if (!m || m.phase !== 'recording') return;
  const o = ev.name === 'checkin.ticket' ? outcomeOf(ev, 'checkin.ticket') : outcomeOf(ev, 'checkin.existing');
  if (!o.ok || !o.result.found) {
    m.phase = 'agent_checkin';
    const code = String(context.code);
    // The agent's own description, given with the protocol, is kept: "abre você" opens the ticket with it.
    const described = typeof context.described === 'string' ? context.described : undefined;
    s.dialog = { kind: 'checkin.summary', monitoringId: m.id, code, ...(described ? { summary: described } : {}) };
    const or = described ? `responda "abre" que eu abro o ${code} com o seu resumo: "${described}".` : 'me mande um resumo que eu abro o atendimento.';
    return out.say(`Não achei o protocolo ${String(context.protocolo)} entre os atendimentos de ${m.customer.name}. Confere o número, ou ${or}`);
  }
  const ticket = o.result.ticket;
  // A ticket the agent named must be a contact's (000001…000029 or the "apenas ok" code): an RSP or another routine's is no week's ticket.
  const contactCodes = [...new Set<string>([...Object.values(DEMAND_CODES), ctx.monitoring.okCode])];
  const typeCode = ev.name === 'checkin.existing' && ticket.typeCode ? ticket.typeCode : null;
  if (typeCode && !contactCodes.some((c) => sameCode(c, typeCode))) {
    m.phase = 'agent_checkin';
    const code = String(context.code);
    const described = typeof context.described === 'string' ? context.described : undefined;
    s.dialog = { kind: 'checkin.summary', monitoringId: m.id, code, ...(described ? { summary: described } : {}) };
    const name = CODE_NAMES[typeCode.padStart(6, '0')];
    return out.say(
      `O protocolo ${ticket.protocolo} é um atendimento ${typeCode}${name ? ` (${name})` : ''}, não de um contato do monitoramento (${contactCodes.join(', ')}). Me mande o protocolo do atendimento deste contato${described ? `, ou responda "abre" que eu abro o ${code} com o seu resumo: "${described}"` : `, ou um resumo em uma frase que eu abro o ${code}`}.`,
    );
  }
  // A contact's ticket of another type than the one said ("era dúvida, prot …" naming a 000002): the ticket's own type is recorded.
  const ownCode = typeCode ? contactCodes.find((c) => sameCode(c, typeCode)) : undefined;
  recordWeek(t, m, {
    scenario: context.scenario === 'C' ? 'C' : 'A',
    code: ownCode ?? String(context.code),
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

/** The longest summary a week's line of the 2266 carries (code points): the specific ticket holds the rest. */
const LINE_SUMMARY_MAX = 100;

function recordWeek(t: Turn, m: Monitoring, o: WeekOutcome): void {
  const { now, out } = t;
  const week = m.week;
  // The customer who answered the follow-up but could not be reached after it did answer: never "sem retorno".
  const answered = m.customerReply && m.customerReply.kind !== 'none';
  const said =
    o.scenario === 'C'
      ? `${answered ? 'cliente respondeu ao acompanhamento, mas não houve contato com o implantador' : 'tentativa de contato sem retorno'} — protocolo ${o.protocolo}`
      : // The 2266 is the umbrella: a brief summary and the protocol; the whole description is the specific ticket's (the rules).
        `${brief(o.summary.replace(/\s+/g, ' ').replace(/[.\s]+$/, ''), LINE_SUMMARY_MAX)} — protocolo ${o.protocolo}`;
  // A week 1 that went to the salesperson keeps that story before the contact that closed it, the
  // contact named as such ("…; 2266 retomado…; contato: ela tirou dúvidas…"), never read as "sem contato".
  const before = m.weeks[week]?.scenario === 'B' ? `${m.weeks[week]?.note}; ${o.scenario === 'C' ? '' : 'contato: '}` : '';
  m.weeks[week] = { note: `${before}${said}`, scenario: o.scenario, code: o.code, protocolo: o.protocolo, at: now.toISOString(), dueAt: m.dueAt };
  delete m.plantaoNotes; // seen at this check-in
  delete m.plantaoPending;
  m.sellerReturn = null;
  out.cancel(timerIds.monitoring(m.id, 'remind', week));
  rewrite2266(t, m, week);
  nextWeek(t, m, week, o);
}

/**
 * The 2266's text in Bimer, with the weeks so far. A monitoring whose customer was erased on request
 * (LGPD) no longer holds the parecer: Bimer's text is left as it is, never overwritten with "[removido]"
 * (found by an outside tester), and the implanter is given the week's line to add by hand.
 */
export function rewrite2266(t: Turn, m: Monitoring, week: WeekNo): void {
  if (m.erasedAt) {
    const line = m.weeks[week]?.note;
    if (line) t.out.say(`O texto do 2266 ${m.ticket.protocolo} ficou como estava no Bimer: os dados deste cliente foram apagados do bot a pedido (LGPD), e o parecer não está mais comigo. Acrescente a linha da semana à mão, por favor: "(x) ${WEEK_LABEL[week]} — ${line}".`);
    return;
  }
  t.out.bimer({ op: 'replaceText', ticketId: m.ticket.id, text: text2266(m.parecer, m.weeks) }, 'mon.text', { monitoringId: m.id });
}

/** The least time between a week recorded and the next week's contact (days): a week recorded late starts its own 7 days. */
export const MIN_GAP_DAYS = 5;

/**
 * The next week's contact: 7 days after this week's was due, so the cycle keeps its weekday (the
 * bot waited up to a business day for the customer's answer before asking the implanter; "+7
 * days" from that record drifted a day a week: Mon 14/12 → Tue 22/12 → Wed 30/12). A week
 * recorded before its date, or so late that its next date would come within {@link MIN_GAP_DAYS}
 * days, is 7 days after the record, as the rules' "+7 days" reads.
 */
function nextDue(t: Turn, m: Monitoring): Date {
  const { now, ctx } = t;
  const { intervalDays, checkinTime, moveToBusinessDay } = ctx.monitoring;
  const fromRecord = ctx.calendar.dueAfter(now, intervalDays, checkinTime, moveToBusinessDay);
  const wasDue = new Date(m.dueAt);
  if (Number.isNaN(wasDue.getTime()) || wasDue > now) return fromRecord;
  const fromDue = ctx.calendar.dueAfter(wasDue, intervalDays, checkinTime, moveToBusinessDay);
  return fromDue.getTime() - now.getTime() >= MIN_GAP_DAYS * DAY_MS ? fromDue : fromRecord;
}

/** The week is written: the next one is scheduled and delegated to the implanter, or after week 3 the hand-over (`o`: how week 3 was closed). */
function nextWeek(t: Turn, m: Monitoring, week: WeekNo, o: WeekOutcome | null): void {
  const { seed, ctx, out } = t;
  if (week < 3) {
    const due = nextDue(t, m);
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
  } else if (o) {
    handOver(t, m, o);
  }
  nextQueued(t);
}

/** A later contact the customer asked for, told in the week's summary ("pediu pra ligar semana q vem", "quer retorno segunda"). */
const CALL_ASKED = /\b(?:pediu|pede|quer|querem|pediram)\s+(?:(?:pra|para|p|que|q)\s+)?(?:eu\s+|a gente\s+)?(?:ligar|ligue|liga|ligasse|retorno|retornar|retorne|voltar a ligar|entrar em contato|falar de novo)\b|\b(?:ligar|retornar|falar)\s+(?:de novo\s+)?(?:semana que vem|semana q vem|na proxima semana|proxima semana)\b/;

/** A week-3 demand the summary leaves pending ("ainda não resolveu", "vou verificar", "erro grave"): support goes on in its ticket. */
const LEFT_PENDING =
  /\b(?:ainda|pendente|aguardando|grave|em analise|sem solucao|continua|vou (?:ver|verificar|retornar|ligar|analisar|voltar)|(?:ficou|fiquei|ficamos) de|(?:nao|n) (?:resolveu|resolvi|resolvemos|consegui|conseguimos|deu))\b/;

function handOver(t: Turn, m: Monitoring, o: WeekOutcome): void {
  const { seed, now, ctx, out } = t;
  m.phase = 'done';
  // The cycle is over: the customer's chat is an ordinary chat again.
  if (m.customerChatId) out.tell(`chat:${m.customerChatId}`, 'monitoring.unlink', { monitoringId: m.id, reason: 'done' });
  // A bug support solved on the spot (000025) is no demand left open, unless a later contact was asked for
  // ("pediu pra ligar semana que vem": the rules' FAQ 11, the monitoring ends and support goes on).
  const callAsked = CALL_ASKED.test(fold(o.summary));
  // …nor is a question answered or a user's error put right on the call ("expliquei", "orientado": found by an outside tester
  // reported to the supervisor as "segue aberto"); a bug for development stays open, and so does what the summary leaves pending.
  const stillOpen = o.code === DEMAND_CODES.systemErrorDev || LEFT_PENDING.test(fold(o.summary));
  const demandOpen = o.scenario === 'A' && ((o.code !== ctx.monitoring.okCode && o.code !== DEMAND_CODES.systemErrorSupport && stillOpen) || callAsked);
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
    // After an erasure the 2266's lines are the implanter's to add (rewrite2266): "preenchidas" only once they are (found by an outside tester).
    const filled = m.erasedAt ? `As 3 semanas estão registradas comigo; confira que as linhas que você acrescentou à mão estão no 2266 ${m.ticket.protocolo}: deleguei-o à sua supervisão imediata para encerrar.` : `As 3 semanas estão preenchidas: deleguei o 2266 ${m.ticket.protocolo} à sua supervisão imediata para encerrar.`;
    out.say(`${weekRecorded(seed, m, 3, ctx.calendar, '')} ${filled}${extra}`);
    // The supervisor is told in their own bot chat, as the salesperson is in week 1 (their login is read from Bimer).
    out.bimer({ op: 'getUser', userId: m.agent.supervisorId }, 'supervisor.user', { monitoringId: m.id });
  } else {
    out.say(
      `${weekRecorded(seed, m, 3, ctx.calendar, '')} As 3 semanas estão preenchidas, mas o Bimer não tem supervisor cadastrado para você: encaminhe o 2266 ${m.ticket.protocolo} à sua supervisão imediata, por favor.${extra}`,
    );
    out.push({ type: 'log', level: 'warn', message: 'no immediate supervisor for the 2266 hand-over', data: { monitoringId: m.id } });
  }
}

export function scenarioB(t: Turn, m: Monitoring, said = ''): void {
  const { seed, now, ctx, out } = t;
  out.cancel(timerIds.monitoring(m.id, 'remind', 1));
  const week1 = m.weeks[1];
  if (week1 && backFromSeller(m)) {
    // Already with the salesperson once, still no contact: week 1 closes as it stands (no 000029 in
    // week 1, no second hand-over: the 2266 does not bounce between the two) and the cycle goes on.
    const words = ownWords(said);
    m.weeks[1] = { ...week1, note: `${week1.note}; nova tentativa sem contato em ${ctx.calendar.formatDate(now)}${words ? ` ("${truncate(words, 160)}")` : ''}`, at: now.toISOString() };
    delete m.plantaoNotes;
    delete m.plantaoPending;
    m.sellerReturn = null;
    rewrite2266(t, m, 1);
    out.say(
      m.seller
        ? `Entendido: a 1ª semana fica registrada sem contato, com o retorno do vendedor (nada de 000029 na 1ª semana, e o 2266 não volta ao vendedor).`
        : `Entendido: a 1ª semana fica registrada sem contato, com o retorno que você recebeu (nada de 000029 na 1ª semana), e o monitoramento de ${m.customer.name} segue para a 2ª semana.`,
    );
    return nextWeek(t, m, 1, null);
  }
  // How contact was tried (read before the plantão's notes, seen at this check-in, are dropped).
  const attempts = attemptsMade(m, said, ctx.calendar);
  delete m.plantaoNotes;
  delete m.plantaoPending;
  if (!m.seller) {
    // Nobody to hand the 2266 to: the implanter tells supervision, and is reminded as with a salesperson.
    m.phase = 'seller_wait';
    m.reminders = 0;
    m.noSellerAt = now.toISOString();
    m.weeks[1] = { note: `sem contato com o cliente na primeira semana; cliente sem vendedor responsável no Bimer (${ctx.calendar.formatDate(now)})`, scenario: 'B', code: null, protocolo: null, at: now.toISOString(), dueAt: m.dueAt };
    rewrite2266(t, m, 1);
    out.say(
      `Sem contato na 1ª semana: nesse caso não se abre 000029. O cliente ${m.customer.name} não tem vendedor responsável no Bimer, então não consegui delegar o 2266. Avise sua supervisão, por favor; quando houver retorno, me diga "retorno do cliente ${m.customer.code}: …".`,
    );
    out.timer(timerIds.monitoring(m.id, 'seller', 1), ctx.calendar.afterBusinessDays(now, ctx.monitoring.sellerReminderDays, ctx.monitoring.reminderTime), { monitoringId: m.id, week: 1 });
    return nextQueued(t);
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
  // How contact was tried goes in the delegation's note and in the salesperson's Karoo message.
  rewrite2266(t, m, 1);
  out.bimer(
    {
      op: 'delegate',
      ticketId: m.ticket.id,
      userId: m.seller.id,
      date: ctx.calendar.bimerDateTime(now),
      note: [`Monitoramento pós-implantação: o implantador ${m.agent.name} não conseguiu contato com o cliente na 1ª semana.`, attempts, 'Por favor, contate o cliente e dê retorno ao implantador.'].filter(Boolean).join(' '),
    },
    'mon.delegate',
    { monitoringId: m.id },
  );
  out.bimer({ op: 'getUser', userId: m.seller.id }, 'seller.user', { monitoringId: m.id, attempts });
  out.timer(timerIds.monitoring(m.id, 'seller', 1), ctx.calendar.afterBusinessDays(now, ctx.monitoring.sellerReminderDays, ctx.monitoring.reminderTime), {
    monitoringId: m.id,
    week: 1,
  });
  out.say(
    `${pick(seed, ['Entendido.', 'Certo.', 'Ok.'])} Na 1ª semana sem contato não se abre 000029: deleguei o 2266 ${m.ticket.protocolo} ao vendedor responsável pelo cliente, explicando a situação, e registrei isso na linha da primeira semana. Vou aguardar o retorno dele — quando vier, me diga "o vendedor retornou do cliente ${m.customer.code}: …".`,
  );
  nextQueued(t);
}

/**
 * The immediate supervisor's Karoo login, read from Bimer at the hand-over: told in their own bot
 * chat that a 2266 awaits their closing (the delegation in Bimer stands either way).
 */
export function onSupervisorUser(t: Turn, ev: InternalEvent, context: Record<string, unknown>): void {
  const { s, seed, out } = t;
  const m = s.monitorings[String(context.monitoringId)];
  if (!m) return;
  const o = outcomeOf(ev, 'supervisor.user');
  const user = o.ok && o.result.found ? o.result.user : null;
  if (!user?.login) return;
  if (typeof context.stalled === 'number') {
    // The check-in of that week still waits for the implanter after the last reminder.
    if (m.phase !== 'agent_checkin' || m.week !== context.stalled) return;
    out.push({
      type: 'karoo.proactive',
      to: { login: user.login },
      department: 'bot',
      text: `${greeting(seed, user.name)} O contato da ${WEEK_ORDINAL[m.week]} semana do monitoramento pós-implantação de ${customerRef(m)} está sem registro desde ${t.ctx.calendar.describeDay(new Date(m.dueAt))}: ${m.agent.name || 'o implantador'} não respondeu aos ${m.reminders} lembretes, e eu parei de insistir. O 2266 (protocolo ${m.ticket.protocolo}) segue com ${m.agent.name || 'o implantador'}; vale conversar com ${firstName(m.agent.name) || 'o implantador'} sobre esse contato.`,
    });
    return;
  }
  const open = m.openDemand ? ` O atendimento ${m.openDemand.code} (protocolo ${m.openDemand.protocolo}) segue aberto com o suporte.` : '';
  out.push({
    type: 'karoo.proactive',
    to: { login: user.login },
    department: 'bot',
    text: `${greeting(seed, user.name)} O monitoramento pós-implantação de ${customerRef(m)}, feito por ${m.agent.name}, terminou: as 3 semanas estão registradas e o 2266 (protocolo ${m.ticket.protocolo}) foi delegado a você para encerrar.${open}${m.erasedAt ? ` Os dados do cliente foram apagados do bot a pedido (LGPD) durante o ciclo: as linhas das semanas seguintes no 2266 ficaram para ${m.agent.name} acrescentar à mão, então confira o texto antes de encerrar.` : ''}`,
  });
}
