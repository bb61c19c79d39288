import type { Dialog, Turn } from '../agent-state.js';
import { DEMAND_MENU, helpText, listMonitorings } from '../monitoring/messages.js';
import { customerRef, WEEK_ORDINAL, namedIn, protocolOfMonitoring, text2266 } from '../monitoring/model.js';
import { firstName, pick } from '../phrases.js';
import { backToItsDate, nextQueued } from './checkin-queue.js';
import { when } from '../../nlu/entities.js';
import { timerIds } from '../timer-ids.js';

/**
 * The agent's commands (cancel, help, list, status, small talk) and the interruption layer they
 * share with the assistant's answers: a conversation interrupted by something else is set aside
 * or resumed where it was ("Voltando ao 2266 de …"), and an answer that does not fit gets the
 * open question again, shortly. Pure.
 */

/**
 * "cancelar": the open conversation is dropped; a check-in comes back the next business day, or on
 * the later business day the words name ("ainda não liguei, vou ligar dia 11 como ela pediu").
 */
export function cancel(t: Turn, d: Dialog, text = ''): void {
  const { s, seed, ctx, out } = t;
  if (d.kind === 'idle') return out.say(pick(seed, ['Não há nada em andamento para cancelar.', 'Tudo certo: não temos nenhuma conversa em aberto agora.']));
  const pendingCheckin = 'monitoringId' in d ? d.monitoringId : null;
  s.dialog = { kind: 'idle' };
  const m = pendingCheckin ? s.monitorings[pendingCheckin] : undefined;
  // A check-in asked for before its date: the week goes back to its date, follow-up and all.
  if (m && backToItsDate(s, m)) {
    out.say(`Tudo bem, deixei de lado. O contato da ${WEEK_ORDINAL[m.week]} semana de ${m.customer.name} continua para ${ctx.calendar.describe(new Date(m.dueAt))}: nesse dia mando o acompanhamento ao cliente e te chamo.`);
    return nextQueued(t);
  }
  const later = m && m.phase === 'agent_checkin' ? plannedDay(t, text) : null;
  if (m && later) {
    // The reminder comes that morning, not the next one.
    out.timer(timerIds.monitoring(m.id, 'remind', m.week), later, { monitoringId: m.id, week: m.week });
    out.say(`Combinado: o contato da ${WEEK_ORDINAL[m.week]} semana de ${m.customer.name} fica para ${ctx.calendar.describeDay(later)}, e eu te lembro nesse dia.`);
    return nextQueued(t);
  }
  out.say(
    pendingCheckin
      ? 'Tudo bem, deixei de lado por agora. Vou te lembrar deste contato no próximo dia útil.'
      : 'Tudo bem, cancelei. Quando quiser, é só me chamar.',
  );
  nextQueued(t);
}

/** The business day the words name for the contact ("vou ligar dia 11"), at the reminders' time, when it comes after the next one; else null. */
function plannedDay(t: Turn, text: string): Date | null {
  const { now, ctx } = t;
  const said = text ? when(text, now, ctx.calendar.utcOffsetMinutes(now)) : null;
  if (!said) return null;
  const at = ctx.calendar.dueAfter(new Date(said.at), 0, ctx.monitoring.reminderTime, true);
  const nextMorning = ctx.calendar.dueAfter(now, 1, ctx.monitoring.reminderTime, true);
  return at > nextMorning ? at : null;
}

/** "ajuda": what the bot does, then back to the open conversation. */
export function help(t: Turn): void {
  t.out.say(helpText(firstName(t.s.name)));
  resume(t);
}

/** "meus monitoramentos": the agent's monitorings in progress, then back to the open conversation. */
export function list(t: Turn): void {
  const { s, ctx, out } = t;
  const active = Object.values(s.monitorings).filter((m) => m.phase !== 'done');
  out.say(listMonitorings(firstName(s.name), active, ctx.calendar));
  resume(t);
}

/** "status 2026…" or "status do cliente 123": where that monitoring stands, then back. */
export function status(t: Turn, protocolo: string | null, code: string | null, text = ''): void {
  t.out.say(statusText(t, protocolo, code, text));
  resume(t);
}

/** "obrigado", "oi": a short, friendly answer, then back. */
export function chat(t: Turn, d: Dialog): void {
  t.out.say(smallTalk(t, d));
  resume(t);
}

/** A check-in interrupted by a new close or week goes back in line (it is asked again after). */
export function setAside(t: Turn, d: Dialog): void {
  const { s } = t;
  if ('monitoringId' in d && !s.queue.includes(d.monitoringId)) s.queue.unshift(d.monitoringId);
  if (d.kind !== 'idle') s.dialog = { kind: 'idle' };
}

/** The open question again, in a short form: an answer that did not fit, or after an interruption. */
export function askAgain(t: Turn, d: Dialog): string {
  const { s } = t;
  switch (d.kind) {
    case 'checkin.contact':
      return 'Não entendi bem: você conseguiu falar com o cliente nesta semana? Responda "sim" ou "não".';
    case 'checkin.demand':
      return `Não entendi a demanda. Qual destas foi?\n${DEMAND_MENU}\nPode responder com o número.`;
    case 'close.rsp':
      return 'Preciso do protocolo do RSP como o Bimer o mostra, a data e um número (ex.: 2026110900017), ou responda "registrar" para eu abrir o RSP para você.';
    case 'faq.offer':
      return 'Quer que eu crie o 2266 agora? Responda "sim" ou "não".';
    case 'close.needCode':
      return 'Qual é o código do cliente no Bimer? (ex.: 000123)';
    default:
      return helpText(firstName(s.name));
  }
}

/** After answering something else in the middle of a dialog, the bot comes back to it. */
export function resume(t: Turn): void {
  const { s, out } = t;
  const d = s.dialog;
  const m = 'monitoringId' in d ? s.monitorings[d.monitoringId] : undefined;
  const of = m ? `ao 2266 de ${customerRef(m)}` : null;
  switch (d.kind) {
    case 'checkin.contact':
      return out.say(`Voltando ${of ?? 'ao monitoramento'}: houve contato com o cliente nesta semana? (sim/não)`);
    case 'checkin.demand':
      return out.say(`Voltando ${of ?? 'ao monitoramento'}: qual foi a demanda do contato?\n${DEMAND_MENU}`);
    case 'checkin.summary':
      return out.say(`Voltando ${of ?? 'ao monitoramento'}: me mande o resumo do contato em uma frase, ou o protocolo do atendimento que você já abriu.`);
    case 'close.parecer':
      return out.say(`Voltando à implantação de ${d.draft.customer.name}: qual é o seu parecer técnico? Ele vai na linha "P:" do 2266.`);
    case 'close.rsp':
      return out.say(`Voltando à implantação de ${d.draft.customer.name}: qual é o protocolo do RSP? Ou responda "registrar" que eu abro.`);
    case 'close.needCode':
      return out.say('Voltando ao registro da implantação: qual é o código do cliente no Bimer?');
    default:
      return;
  }
}

function smallTalk(t: Turn, d: Dialog): string {
  const { s, seed } = t;
  const n = firstName(s.name);
  if (d.kind !== 'idle') return pick(seed, [n ? `Por nada, ${n}!` : 'Por nada!', 'Combinado!', 'Beleza!']);
  return pick(seed, [
    `${n ? `Oi, ${n}!` : 'Oi!'} Posso registrar uma implantação, o contato da semana de um monitoramento, ou tirar dúvidas do 2266 e do plantão. É só pedir.`,
    `${n ? `${n}, ` : ''}estou por aqui! Se quiser, me diga "meus monitoramentos" ou pergunte sobre a rotina.`,
    `${n ? `Olá, ${n}!` : 'Olá!'} Em que posso ajudar? Ex.: "finalizei a implantação do cliente 123" ou "monitoramento do cliente 123".`,
  ]);
}

function statusText(t: Turn, protocolo: string | null, code: string | null, text: string): string {
  const { s, ctx } = t;
  const all = Object.values(s.monitorings).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const open = all.filter((x) => x.phase !== 'done');
  // Without protocol or code: the one whose customer's name the agent says ("como tá o monitoramento
  // da padaria pão quente"), else the only one in progress.
  const m =
    protocolo || code
      ? all.find((x) => (protocolo ? protocolOfMonitoring(x, protocolo) !== null : x.customer.code === code))
      : (namedIn(all, text) ?? (open.length === 1 ? (open[0] ?? null) : null));
  if (!protocolo && !code && !m) {
    if (open.length === 0) return 'Você não tem monitoramentos em andamento.';
    return `De qual monitoramento? ${open.map(customerRef).join(', ')}. Me diga o cliente ou o protocolo: "status do cliente 123".`;
  }
  if (!m) return protocolo ? `Não encontrei nenhum monitoramento seu com o protocolo ${protocolo}.` : `Não encontrei nenhum monitoramento seu do cliente ${code}.`;
  const state =
    m.phase === 'done'
      ? 'concluído e entregue à supervisão'
      : m.phase === 'seller_wait'
        ? `${WEEK_ORDINAL[m.week]} semana; ${m.seller ? 'com o vendedor' : 'sem vendedor no Bimer, com a supervisão avisada'}, aguardando retorno`
        : m.phase === 'scheduled'
          ? `${WEEK_ORDINAL[m.week]} semana; próximo contato ${ctx.calendar.describe(new Date(m.dueAt))}`
          : `${WEEK_ORDINAL[m.week]} semana; contato em andamento`;
  return [`Monitoramento de ${customerRef(m)} — 2266 ${m.ticket.protocolo}: ${state}.`, text2266(m.parecer, m.weeks)].join('\n');
}
