import { customerCode, protocol as findProtocol } from '../../nlu/entities.js';
import { fold } from '../../util/text.js';
import { afterYes, checkinSlots, deniesAfterRequest, demandOfCode, reportsContact, reportsNoContact, type DemandIntent } from '../../nlu/checkin-slots.js';
import { DEMAND_MENU_INTENTS, DEMAND_TICKET } from '../../nlu/intents.js';
import type { Dialog, Turn } from '../agent-state.js';
import { demandQuestion, summaryQuestion } from '../monitoring/messages.js';
import { quotedEnd } from '../phrases.js';
import { CODE_NAMES, customerRef, DEMAND_CODES, WEEK_LABEL, WEEK_ORDINAL, nameWords, namedIn, protocolOfMonitoring, type Monitoring, type Phase, type WeekNo } from '../monitoring/model.js';
import { startCheckin } from './checkin-queue.js';
import { attemptsMade, createSpecific, MIN_GAP_DAYS, scenarioB } from './week-record.js';
import { DAY_MS } from '../../domain/durations.js';
import { takenBackByImplanter } from './seller-return.js';

/**
 * The weekly check-in with the agent (docs/mission/monitoring-2266.md §2), in the order it
 * happens: the bot asks whether there was contact (a check-in waits in line while another
 * conversation is open); with contact, the demand and its summary give the week's specific
 * ticket (000001, 000002, 000003, 000025, or 000029 for an "all fine"); without contact, week 1
 * goes to the salesperson (scenario B, no 000029) and weeks 2 and 3 get a 000029 for the
 * attempt (scenario C); then the week is recorded (`week-record.ts`: the week's line of the 2266,
 * the next week's delegation, after week 3 the hand-over to the immediate supervisor). When it is
 * asked is `checkin-queue.ts`. Pure.
 */


/**
 * The agent asks to record a week now ("monitoramento do cliente 123"): the check-in of that
 * customer's monitoring starts (or resumes) at once, whatever its due date.
 */
export function startWeek(t: Turn, code: string | null, text = ''): void {
  const { s, out } = t;
  const inProgress = Object.values(s.monitorings).filter((m) => m.phase !== 'done' && (!code || m.customer.code === code));
  // Several in progress: the one whose customer's name the agent said ("monitoramento da padaria").
  const named = !code && inProgress.length > 1 ? namedIn(inProgress, text) : null;
  const active = named ? [named] : inProgress;
  if (active.length === 0) {
    return out.say(
      code
        ? `Não encontrei um monitoramento seu em andamento do cliente ${code}. Se a implantação acabou agora, me diga "finalizei a implantação do cliente ${code}".`
        : 'Você não tem monitoramentos em andamento. Se uma implantação acabou agora, me diga "finalizei a implantação do cliente …".',
    );
  }
  if (active.length > 1) {
    return out.say(`De qual cliente? ${active.map(customerRef).join(', ')}. Ex.: "monitoramento do cliente ${active[0]?.customer.code ?? '123'}".`);
  }
  const m = active[0] as Monitoring;
  if (m.phase === 'seller_wait') {
    // The implanter reached the customer before the salesperson did: the 2266 comes back to them, the week is recorded.
    takenBackByImplanter(t, m);
  }
  if (m.phase === 'recording') return out.say(`Estou registrando a semana de ${m.customer.name} no Bimer agora mesmo; já te aviso.`);
  // One contact a week, over a fixed 3 weeks: the next week is not brought forward onto the one just recorded.
  const last = m.phase === 'scheduled' && m.week > 1 ? m.weeks[(m.week - 1) as WeekNo]?.at : undefined;
  if (last && t.now.getTime() - Date.parse(last) < MIN_GAP_DAYS * DAY_MS) return out.say(tooSoon(t, m, last));
  s.queue = s.queue.filter((id) => id !== m.id);
  m.customerReply = m.phase === 'customer_wait' ? m.customerReply : null;
  // "quero registrar a semana do 123, não consegui falar com ele": the request already says no.
  if (deniesAfterRequest(text)) {
    startCheckin(t, m, { ask: false });
    return checkinContact(t, m.id, 'answer.no', text);
  }
  // "falei com o cliente 123, ele tinha dúvida no relatório": the request already answers "conseguiu falar?".
  if (reportsContact(text)) {
    startCheckin(t, m, { ask: false });
    out.say(`Certo: contato da ${WEEK_ORDINAL[m.week]} semana do monitoramento de ${customerRef(m)}.`);
    return checkinContact(t, m.id, 'answer.yes_demand', text);
  }
  startCheckin(t, m);
}

/** Why the next week cannot be recorded yet: when the last one was, and when the next one's contact comes. */
function tooSoon(t: Turn, m: Monitoring, last: string): string {
  const cal = t.ctx.calendar;
  const prev = WEEK_ORDINAL[(m.week - 1) as WeekNo];
  return (
    `A ${prev} semana de ${customerRef(m)} foi registrada ${cal.formatDate(new Date(last)) === cal.formatDate(t.now) ? 'hoje' : `em ${cal.formatDate(new Date(last))}`}, ` +
    `e o 2266 tem um contato por semana, em um ciclo fixo de 3 semanas: o contato da ${WEEK_ORDINAL[m.week]} semana é ${cal.describe(new Date(m.dueAt))}, e nesse dia eu te chamo. ` +
    'Se falou com o cliente de novo e houve demanda, abra o atendimento específico dela normalmente no Bimer.'
  );
}

/**
 * "falei com o cliente 456, …" read as a salesperson's return: from the implanter of that
 * customer's monitoring, not with the salesperson, it is the week's contact told.
 */
export function ownWeekReport(t: Turn, code: string | null, text: string): boolean {
  return reportsContact(text) && Object.values(t.s.monitorings).some((m) => m.phase !== 'done' && m.phase !== 'seller_wait' && (!code || m.customer.code === code));
}

/**
 * The implanter tells the week's contact before the bot asks ("falei sim, ele tinha dúvida pra
 * tirar o relatório de vendas"): with one monitoring in its week (the follow-up sent, or the
 * check-in waiting in line), that is the check-in's first answer, slots and all; with several,
 * the bot asks which customer instead of guessing. False when no monitoring is in its week: the
 * words are read as usual.
 */
export function reportedContact(t: Turn, text: string): boolean {
  const { s } = t;
  // "nao consegui, liguei 3x e ngm atendeu": the week's "no" (a week with the salesperson is no longer the agent's to deny).
  if (reportsNoContact(text)) {
    const m = reportedWeek(t, ['customer_wait', 'agent_checkin'], customerCode(text), 'não houve contato', (code) => `não consegui falar com o cliente ${code}, liguei 2x`);
    if (m === null || m === 'asked') return m === 'asked';
    s.queue = s.queue.filter((id) => id !== m.id);
    startCheckin(t, m, { ask: false });
    checkinContact(t, m.id, 'answer.no', text);
    return true;
  }
  if (!reportsContact(text)) return false;
  const example = (code: string) => `falei com o cliente ${code}, ${afterYes(text) || 'ele tinha uma dúvida'}`;
  // None in its week: a contact told in its own words before its week's date ("liguei pra ana agr, era dúvida…") is that
  // week brought forward (startWeek says when that is too soon); a "falei sim" answers a question nobody asked yet.
  const told = !/^\W*(?:sim|s|ss|falei sim|consegui sim|conversei sim)\b/.test(fold(text));
  const m = reportedWeek(t, ['customer_wait', 'agent_checkin', 'seller_wait'], null, 'houve contato', example) ?? (told ? reportedWeek(t, ['scheduled'], customerCode(text), 'houve contato', example) : null);
  if (m === null || m === 'asked') return m === 'asked';
  startWeek(t, m.customer.code, text);
  return true;
}

/**
 * The one monitoring in its week (`phases`; the customer `code` when the words name one) that a
 * report written before the bot asked is about; with several, which customer is asked ('asked',
 * `example` shows how to say it again); null when none is in its week.
 */
function reportedWeek(t: Turn, phases: readonly Phase[], code: string | null, what: string, example: (code: string) => string): Monitoring | 'asked' | null {
  const inWeek = Object.values(t.s.monitorings).filter((m) => phases.includes(m.phase) && (!code || Number(m.customer.code) === Number(code)));
  const [only, ...others] = inWeek;
  if (!only) return null;
  if (others.length === 0) return only;
  t.out.say(`Anotado que ${what}, mas de qual cliente? ${inWeek.map(customerRef).join(', ')}. Me mande de novo com o código, ex.: "${example(only.customer.code)}".`);
  return 'asked';
}

/**
 * The one other monitoring in its week that an answer about `m` names instead (by its customer's
 * code, the first word of its name, "da padaria", or two words of it), when it does not name `m`:
 * "sim, falei com a maria da padaria…" asked about the market is the bakery's answer.
 */
function answerOfAnother(t: Turn, m: Monitoring, text: string): Monitoring | null {
  const inWeek = Object.values(t.s.monitorings).filter((x) => x.id !== m.id && (x.phase === 'customer_wait' || x.phase === 'agent_checkin'));
  if (inWeek.length === 0) return null;
  const code = customerCode(text);
  if (code) return Number(code) === Number(m.customer.code) ? null : (inWeek.find((x) => Number(x.customer.code) === Number(code)) ?? null);
  const said = new Set(fold(text).split(/[^a-z0-9]+/));
  const named = (x: Monitoring) => {
    const words = nameWords(x.customer.name);
    return (words[0] !== undefined && said.has(words[0])) || words.filter((w) => said.has(w)).length >= 2;
  };
  if (named(m)) return null;
  const others = inWeek.filter(named);
  return others.length === 1 ? (others[0] as Monitoring) : null;
}

export function checkinContact(t: Turn, id: string, answer: 'answer.yes' | 'answer.yes_demand' | 'answer.no', text: string): void {
  const { s, seed, ctx, out } = t;
  const m = s.monitorings[id];
  if (!m) {
    s.dialog = { kind: 'idle' };
    return;
  }
  const other = answerOfAnother(t, m, text);
  if (other) {
    // Recorded for the customer it names; the one asked about is asked again right after.
    out.say(`Essa resposta é de ${customerRef(other)}, não de ${m.customer.name}: registro em ${other.customer.name}, e depois volto a perguntar de ${m.customer.name}.`);
    s.dialog = { kind: 'idle' };
    s.queue = [m.id, ...s.queue.filter((x) => x !== m.id && x !== other.id)];
    startCheckin(t, other, { ask: false });
    return checkinContact(t, other.id, answer, text);
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
    // "já abri o 000001, prot 12345": one ticket a contact, so the one they opened is asked for, never a second opened.
    if (slots.demand && slots.openedWithout !== null) return askOpenedProtocol(t, id, slots.demand, slots.openedWithout, slots.summary);
    if (slots.demand) return demandKnown(t, id, slots.demand, said);
    s.dialog = { kind: 'checkin.demand', monitoringId: id, ...said };
    // Other check-ins waiting: the customer this answer is recorded for is named.
    return out.say(demandQuestion(seed, s.queue.some((q) => q !== id && s.monitorings[q]?.phase === 'agent_checkin') ? customerRef(m) : null));
  }
  // "tentei ligar de manhã e à tarde pro fixo", asked about again, then "não": how it was tried is kept (found by an outside tester).
  const earlier = s.dialog.kind === 'checkin.contact' && s.dialog.monitoringId === id ? s.dialog.unclear : undefined;
  const tried = earlier ? `${earlier}\n${text}` : text;
  s.dialog = { kind: 'idle' };
  if (m.week === 1) return scenarioB(t, m, tried);
  // Scenario C: register the attempt in a 000029 linked to the 2266, with how it was tried.
  m.phase = 'recording';
  const summary = [`Tentativa de contato sem retorno na ${WEEK_LABEL[m.week]} do monitoramento.`, attemptsMade(m, tried, ctx.calendar)].filter(Boolean).join(' ');
  // "nao. ja abri o 000029 das tentativas, prot 2026…": the one the implanter opened goes on the week's line.
  const opened = findProtocol(text);
  if (opened) {
    out.bimer({ op: 'findTicketByProtocol', customerCode: m.customer.code, protocolo: opened }, 'checkin.existing', { monitoringId: m.id, code: DEMAND_CODES.other, protocolo: opened, summary, scenario: 'C' });
    return out.say(`Entendido: sem contato na ${WEEK_ORDINAL[m.week]} semana. Conferindo o atendimento ${opened} no Bimer…`);
  }
  createSpecific(t, m, DEMAND_CODES.other, summary, 'C');
  out.say(`Entendido: sem contato na ${WEEK_ORDINAL[m.week]} semana. Vou registrar a tentativa num 000029 vinculado ao 2266 ${m.ticket.protocolo}.`);
}

/** The demand of the contact, by menu number or in words: the specific ticket it gets, then its summary. */
export function chooseDemand(t: Turn, d: Extract<Dialog, { kind: 'checkin.demand' }>, intent: DemandIntent, text = ''): void {
  // The demand told in a sentence that also says what happened ("duvida no fechamento de caixa e
  // tbm lancou umas notas errado"): that sentence is the summary, not asked for again; it is the
  // implanter's last word over a first answer that told two things ("tinha duas coisas: …" then
  // "2, ele lançou a entrada no estoque errada").
  const summary = checkinSlots(text, () => null).summary ?? d.summary;
  demandKnown(t, d.monitoringId, intent, { ...(summary ? { summary } : {}), ...(d.protocolo ? { protocolo: d.protocolo } : {}) }, false);
}

/** The specific ticket's code a demand gets ("apenas ok" is the configured code of contacts with no demand). */
function ticketOf(t: Turn, intent: DemandIntent): string {
  const code = DEMAND_TICKET[intent];
  return code === 'ok' ? t.ctx.monitoring.okCode : code;
}

/**
 * The demand is known: with the implanter's description or a protocol already given, the week is
 * recorded at once (said in one line); an "apenas ok" needs no description; else the summary is
 * asked, once.
 */
function demandKnown(t: Turn, id: string, intent: DemandIntent, said: { summary?: string; protocolo?: string }, firstAnswer = true): void {
  const { s, seed, out } = t;
  const code = ticketOf(t, intent);
  if (said.protocolo) return checkinSummary(t, id, code, said.protocolo, said.summary);
  // "falei, tá tudo ok com ele" says it all; "apenas ok" picked from the menu still gets its sentence.
  const summary = said.summary ?? (intent === 'demand.ok_only' && firstAnswer ? 'Contato feito com o cliente, sem demanda técnica' : null);
  if (summary) {
    const m = s.monitorings[id];
    if (m) out.say(`Entendi: contato feito, ${code} (${CODE_NAMES[code] ?? 'atendimento'}), resumo: ${quotedEnd(summary)}`);
    return checkinSummary(t, id, code, summary);
  }
  s.dialog = { kind: 'checkin.summary', monitoringId: id, code };
  out.say(summaryQuestion(seed, code));
}

/** The yes taken back without a no ("confundi com outro cliente"): the contact question again, for this customer. */
export function askContactAgain(t: Turn, id: string): void {
  const { s, out } = t;
  const m = s.monitorings[id];
  if (!m) {
    s.dialog = { kind: 'idle' };
    return;
  }
  s.dialog = { kind: 'checkin.contact', monitoringId: id };
  out.say(`Sem problema, nada foi registrado. Então: você conseguiu falar com ${customerRef(m)} nesta ${WEEK_ORDINAL[m.week]} semana? (sim/não)`);
}

/** The implanter opened the week's ticket and gave no protocol Bimer's could be (`given`: what they gave, or ''): it is asked for. */
function askOpenedProtocol(t: Turn, id: string, intent: DemandIntent, given: string, summary: string | null): void {
  const { s, out } = t;
  const code = ticketOf(t, intent);
  s.dialog = { kind: 'checkin.summary', monitoringId: id, code, ...(summary ? { summary } : {}) };
  const number = given ? `${given} não parece um protocolo do Bimer (eles têm 13 dígitos, como 2026120700001)` : 'preciso do protocolo dele';
  out.say(
    `Você já abriu o ${code} (${CODE_NAMES[code] ?? 'atendimento'}) deste contato, mas ${number}. Me mande o protocolo para eu pôr na linha da ${WEEK_ORDINAL[s.monitorings[id]?.week ?? 1]} semana do 2266` +
      (summary ? `, ou responda "abre você" que eu abro o ${code} com o seu resumo.` : ', ou um resumo em uma frase que eu abro o ' + code + '.'),
  );
}

/**
 * The week's summary, or the protocol of a ticket already open. `described`: the agent's own
 * description, given with the protocol (the week's line keeps it, and it opens the ticket should
 * the protocol not be found). "Abre você" is an answer, not a summary: it opens the ticket with
 * the description already given, or asks for one.
 */
export function checkinSummary(t: Turn, id: string, code: string, text: string, described?: string): void {
  const { s, out } = t;
  const m = s.monitorings[id];
  if (!m) {
    s.dialog = { kind: 'idle' };
    return;
  }
  const trimmed = text.trim();
  const protocolo = /^\D{0,20}\d{5,20}\D{0,3}$/.test(trimmed) ? findProtocol(trimmed) : null;
  // The RSP, the 2266 or another week's ticket is no ticket for this contact: each contact has its own
  // (another monitoring's too: a 000003 of the last 2266 was taken for this week's question).
  const own = protocolo ? protocolOfMonitoring(m, protocolo) : null;
  const other = protocolo && !own ? Object.values(s.monitorings).find((x) => x.id !== m.id && protocolOfMonitoring(x, protocolo)) : undefined;
  const taken = own ? `${own} deste monitoramento` : other && protocolo ? `${protocolOfMonitoring(other, protocolo) ?? ''} do monitoramento de ${other.customer.name} (2266 ${other.ticket.protocolo})` : null;
  if (taken) {
    s.dialog = { kind: 'checkin.summary', monitoringId: id, code, ...(described ? { summary: described } : {}) };
    return out.say(
      `O ${protocolo} é ${taken}, não o atendimento deste contato: cada contato tem o seu ${code} vinculado ao 2266. Me mande o protocolo do atendimento que você abriu para ele${described ? ', ou responda "abre você" que eu abro o ' + code + ' com o seu resumo' : ', ou um resumo em uma frase que eu abro o ' + code}.`,
    );
  }
  s.dialog = { kind: 'idle' };
  m.phase = 'recording';
  if (protocolo) {
    out.bimer({ op: 'findTicketByProtocol', customerCode: m.customer.code, protocolo }, 'checkin.existing', {
      monitoringId: m.id,
      code,
      protocolo,
      summary: described ?? `${CODE_NAMES[code] ?? 'Atendimento'} registrado pelo agente`,
      ...(described ? { described } : {}),
      scenario: 'A',
    });
    out.say(`Conferindo o atendimento ${protocolo} no Bimer…`);
    return;
  }
  const opens = opensIt(trimmed);
  if (opens && described) return checkinSummary(t, id, code, described);
  if (opens || trimmed.length < 3) {
    m.phase = 'agent_checkin';
    s.dialog = { kind: 'checkin.summary', monitoringId: id, code };
    return out.say(opens ? `Abro sim. Só me diga em uma frase o que foi tratado com o cliente, para o texto do ${code}.` : 'Me mande um resumo de uma frase sobre o contato, por favor.');
  }
  createSpecific(t, m, code, trimmed, 'A');
  out.say(`Abrindo o ${code} (${CODE_NAMES[code] ?? 'atendimento'}) vinculado ao 2266 ${m.ticket.protocolo}…`);
}

/** "Ops, errei", "na verdade", "quis dizer": the agent takes back what they just said. */
const TAKES_BACK = /^\W*(?:(?:ops|opa|epa|ah|pera|perai|nao|n)\W+)*(?:errei|me enganei|foi mal|corrigindo|correcao|na verdade|na vdd|quis dizer|digo)\b/;
/** "…era o 3", "é a 2", "era 000003": the demand, by its menu number or its ticket's code. */
const DEMAND_AGAIN = /\b(?:era|e|eh|foi|seria|sao|quis dizer|digo)\s+(?:(?:o|a|no|na|opcao|op|numero)\s+)?(?:([1-5])|0{0,3}(001|002|003|025|029))\b/;

/**
 * Where the week's summary is asked, the agent corrects the demand just chosen ("ops, errei, era o
 * 3. bug na geração do sped que vai pro dsn"): the demand said now, and what follows it as the
 * summary (null when nothing follows: then it is asked).
 */
export function demandCorrected(text: string): { intent: DemandIntent; summary: string | null } | null {
  const f = fold(text);
  // "n, foi so um ok dele, sem demanda nenhuma": no demand after all, told in those words.
  if (NO_DEMAND_AFTER_ALL.test(f)) return { intent: 'demand.ok_only', summary: text.replace(/^\W*(?:n|nao|não|na verdade|na vdd)\b[\s,.;:!-]*/i, '').trim() || null };
  if (!TAKES_BACK.test(f)) return null;
  // "errei o numero. na vdd foi duvida msm, 000001, pode abrir vc": the code said anywhere after taking back.
  const m = DEMAND_AGAIN.exec(f) ?? CODE_ANYWHERE.exec(f);
  const intent = m?.[1] ? DEMAND_MENU_INTENTS[Number(m[1])] : m?.[2] ? demandOfCode(m[2]) : undefined;
  if (!m || !intent) return null;
  // The same characters in the text as typed: fold() keeps the length of plain Portuguese text.
  const rest = (f.length === text.length ? text : f).slice(m.index + m[0].length).replace(/^[\s.,;:!)\-–]+/, '').trim();
  return { intent, summary: rest.length >= 3 && !opensIt(rest) ? rest : null };
}

/** A ticket's code anywhere in a correction ("…, 000001, pode abrir vc"); the menu number stays in `DEMAND_AGAIN`. */
const CODE_ANYWHERE = /\b()0{0,3}(001|002|003|025|029)\b(?=\D|$)/;
/** "Não, foi só um ok dele, sem demanda nenhuma": a demand taken back for no demand at all. */
const NO_DEMAND_AFTER_ALL = /^\W*(?:n|nao|na verdade|na vdd|errei|ops)\b.*\b(?:sem (?:demanda|duvida)(?: nenhuma| alguma)?|nenhuma demanda|so (?:um |foi )?ok|apenas (?:um )?ok|nada tecnico)\b/;

/** The demand corrected where its summary was asked: the ticket it gets, then its summary (asked, if not given). */
export function correctDemand(t: Turn, id: string, corrected: { intent: DemandIntent; summary: string | null }): void {
  t.out.say('Corrigido.');
  demandKnown(t, id, corrected.intent, corrected.summary ? { summary: corrected.summary } : {}, false);
}

/**
 * A short reply that asks the bot to open the ticket itself ("abre você então", "pode abrir",
 * "sim, registra"), not a description of the contact.
 */
export function opensIt(text: string): boolean {
  const words = fold(text).replace(/[^a-z0-9\s]/g, ' ').split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 5 && words.some((w) => OPEN_IT.has(w)) && words.every((w) => OPEN_IT.has(w) || AROUND_OPEN_IT.has(w));
}

/** The words that ask to open it ("abre", "registra", "pode", "sim")… */
const OPEN_IT = new Set(['abre', 'abra', 'abri', 'abrir', 'registra', 'registre', 'registrar', 'cria', 'crie', 'criar', 'pode', 'sim']);
/** …and the only others such a reply holds ("você então", "pra mim", "por favor", "o chamado"). */
const AROUND_OPEN_IT = new Set(['podes', 'voce', 'vc', 'entao', 'ai', 'pra', 'para', 'mim', 'ele', 'o', 'a', 'um', 'isso', 'por', 'favor', 'pf', 'pfv', 'pls', 'ok', 'blz', 'beleza', 'tudo', 'bem', 'mesmo', 'so', 'ja', 'novo', 'chamado', 'atendimento', 'ticket']);
