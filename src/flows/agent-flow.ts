import type { TicketDraft } from '../domain/ticket-draft.js';
import { customerCode } from '../nlu/entities.js';
import { DEMAND_TICKET, type AgentContext, type AgentIntent } from '../nlu/intents.js';
import type { FaqDecision } from '../nlu/language-model.js';
import { fold } from '../util/text.js';
import { inlineParecer } from './language.js';
import { DEMAND_MENU, greeting, helpText, listMonitorings, summaryQuestion } from './monitoring/messages.js';
import { WEEK_ORDINAL, externalKey2266, monitoringId, text2266, weekNo } from './monitoring/model.js';
import { delivery, outcomeOf } from './results.js';
import { firstName, pick, str } from './phrases.js';
import type { FlowContext, FlowResult, InternalEvent, StreamItem } from './types.js';
import { Out, type AgentState, type Dialog, type Draft, type Turn } from './agent-state.js';
import {
  checkinContact,
  checkinSummary,
  firstDue,
  monitoringCreated,
  nextQueued,
  onForward,
  onTimer,
  phonesRead,
  recordWeek,
  sellerReturnFromAgent,
  startWeek,
} from './monitoring/cycle.js';

/**
 * The agent's stream (`agent:<login>`): the agent's conversation with the bot in the `bot`
 * department (commands, the implantation close, questions for the assistant) and the results
 * that come back from Bimer and Karoo. The weekly cycle itself is `monitoring/cycle.ts`. Pure.
 */

export { initialAgentState, type AgentState, type Dialog } from './agent-state.js';

export function agentFlow(state: AgentState, item: StreamItem, now: Date, ctx: FlowContext): FlowResult<AgentState> {
  const s: AgentState = structuredClone(state);
  s.version += 1;
  pruneFinished(s, now);
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
  else onForward(t, ev);
  return { state: s, effects: t.out.effects };
}

const KEEP_FINISHED_MS = 90 * 24 * 3600 * 1000;

/** Monitorings handed over to supervision more than 90 days ago leave the agent's state. */
function pruneFinished(s: AgentState, now: Date): void {
  for (const [id, m] of Object.entries(s.monitorings)) {
    if (m.phase === 'done' && now.getTime() - Date.parse(m.createdAt) > KEEP_FINISHED_MS) delete s.monitorings[id];
  }
}

// ---- the agent writes ---------------------------------------------------------------------

/** What the bot had just asked, as the language layer knows it. */
function contextOf(d: Dialog): AgentContext {
  return d.kind === 'checkin.contact' || d.kind === 'checkin.demand' || d.kind === 'close.rsp' || d.kind === 'faq.offer' ? d.kind : 'idle';
}

/** Dialog steps that take the agent's own words (a parecer, a summary) rather than an intent. */
const FREE_TEXT: Dialog['kind'][] = ['close.parecer', 'checkin.summary'];
/** A protocol alone in a summary step is the ticket already opened, so `status` is not one of them. */
const FREE_TEXT_COMMANDS: AgentIntent[] = ['agent.cancel', 'agent.help', 'agent.list'];

function onAgentMessage(t: Turn, text: string): void {
  const { s, seed, ctx, out } = t;
  if (fold(text) === 'ping') return out.say('pong'); // the ops check, an exact word
  const d = s.dialog;
  const reading = ctx.nlu.agent(text, contextOf(d));

  // Free-text steps: the words are the answer, unless they clearly are a command, or a question
  // (with its question mark) that the base answers: then the bot answers and comes back.
  if (FREE_TEXT.includes(d.kind)) {
    const command = reading.kind === 'intent' && FREE_TEXT_COMMANDS.includes(reading.intent) && reading.confidence >= 0.8;
    const question = reading.kind === 'faq' && reading.faq.kind === 'answer' && text.includes('?');
    if (!command && !question) return freeText(t, d, text);
  }
  // Waiting for Bimer: only a protocol sent ahead is kept; a cancel still works.
  if (d.kind === 'close.lookup' || d.kind === 'close.waiting') {
    const cancel = reading.kind === 'intent' && reading.intent === 'agent.cancel';
    if (!cancel) {
      if (d.kind === 'close.lookup' && reading.entities.protocol) {
        d.rsp = reading.entities.protocol;
        return out.say(`Anotei o RSP ${reading.entities.protocol}. Assim que o Bimer confirmar o cliente eu confiro o protocolo.`);
      }
      return out.say('Só um instante: ainda estou aguardando o Bimer responder. Te aviso assim que terminar.');
    }
  }
  if (d.kind === 'close.rsp' && reading.entities.protocol) {
    const protocolo = reading.entities.protocol;
    s.dialog = { kind: 'close.waiting', draft: d.draft };
    out.bimer({ op: 'findTicketByProtocol', customerCode: d.draft.customer.code, protocolo }, 'close.rspFind', { protocolo });
    return out.say(`Conferindo o RSP ${protocolo} no Bimer…`);
  }
  if (d.kind === 'close.needCode' && reading.entities.customerCode && !(reading.kind === 'intent' && reading.intent === 'agent.cancel')) {
    return lookup(t, reading.entities.customerCode, d.parecer);
  }
  if (d.kind === 'faq.choose') {
    const n = reading.entities.option ?? (/^\s*(primeir|a de cima)/i.test(fold(text)) ? 1 : /^\s*(segund|a de baixo)/i.test(fold(text)) ? 2 : null);
    s.dialog = { kind: 'idle' };
    const entry = n === 1 || n === 2 ? ctx.faq.entry(d.ids[n - 1] as string) : null;
    if (entry) return answerEntry(t, entry);
    return onAgentMessage(t, text);
  }

  if (reading.kind === 'unclear') return out.say(askAgain(t, d));
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
      return dialogAnswer(t, d, intent, text);
    case 'demand.question':
    case 'demand.operation_error':
    case 'demand.system_dev':
    case 'demand.system_support':
    case 'demand.ok_only': {
      if (d.kind !== 'checkin.demand') return out.say(askAgain(t, d));
      const code = DEMAND_TICKET[intent] === 'ok' ? ctx.monitoring.okCode : DEMAND_TICKET[intent];
      s.dialog = { kind: 'checkin.summary', monitoringId: d.monitoringId, code };
      return out.say(summaryQuestion(seed, code));
    }
    case 'agent.cancel': {
      if (d.kind === 'idle') return out.say(pick(seed, ['Não há nada em andamento para cancelar.', 'Tudo certo: não temos nenhuma conversa em aberto agora.']));
      const pendingCheckin = 'monitoringId' in d ? d.monitoringId : null;
      s.dialog = { kind: 'idle' };
      out.say(
        pendingCheckin
          ? 'Tudo bem, deixei de lado por agora. Vou te lembrar deste contato no próximo dia útil.'
          : 'Tudo bem, cancelei. Quando quiser, é só me chamar.',
      );
      return nextQueued(t);
    }
    case 'agent.help':
      out.say(helpText(firstName(s.name)));
      return resume(t);
    case 'agent.list': {
      const active = Object.values(s.monitorings).filter((m) => m.phase !== 'done');
      out.say(listMonitorings(firstName(s.name), active, ctx.calendar));
      return resume(t);
    }
    case 'agent.status':
      out.say(statusText(t, entities.protocol, entities.customerCode));
      return resume(t);
    case 'agent.smalltalk':
      out.say(smallTalk(t, d));
      return resume(t);
    case 'agent.close':
      setAside(t, d);
      return startClose(t, text, entities.customerCode);
    case 'agent.week':
      setAside(t, d);
      return startWeek(t, entities.customerCode);
    case 'agent.seller_return':
      setAside(t, d);
      return sellerReturnFromAgent(t, text, entities.customerCode);
  }
}

/** A dialog answer (yes, no, register) where the bot asked for one. */
function dialogAnswer(t: Turn, d: Dialog, intent: 'answer.yes' | 'answer.yes_demand' | 'answer.no' | 'answer.register', text: string): void {
  const { s, seed, out } = t;
  switch (d.kind) {
    case 'checkin.contact':
      if (intent === 'answer.register') return out.say(askAgain(t, d));
      return checkinContact(t, d.monitoringId, intent, text);
    case 'close.rsp': {
      if (intent === 'answer.yes' || intent === 'answer.yes_demand') return out.say('Ótimo! Me passe o protocolo do RSP (só os números), por favor.');
      s.dialog = { kind: 'close.waiting', draft: d.draft };
      registerRsp(t, d.draft);
      return out.say('Certo, vou registrar o RSP da implantação no Bimer e em seguida o 2266.');
    }
    case 'faq.offer':
      s.dialog = { kind: 'idle' };
      if (intent === 'answer.no') return out.say(pick(seed, ['Tudo bem! Quando quiser, é só me dizer "finalizei a implantação do cliente …".', 'Combinado. Se precisar, estou por aqui.']));
      s.dialog = { kind: 'close.needCode', parecer: null };
      return out.say('Vamos lá! Qual é o código do cliente no Bimer? (ex.: 000123)');
    default:
      return out.say(askAgain(t, d));
  }
}

/** The parecer of a close, or the summary of a week's contact: the agent's own words. */
function freeText(t: Turn, d: Dialog, text: string): void {
  const { s, seed, out } = t;
  if (d.kind === 'checkin.summary') return checkinSummary(t, d.monitoringId, d.code, text);
  if (d.kind !== 'close.parecer') return;
  const parecer = text.trim();
  if (parecer.length < 3) return out.say('Escreva o parecer em uma ou duas frases, por favor (vai na linha "P:" do 2266).');
  d.draft.parecer = parecer;
  s.dialog = { kind: 'close.rsp', draft: d.draft };
  out.say(askRsp(seed));
}

/** A check-in interrupted by a new close or week goes back in line (it is asked again after). */
function setAside(t: Turn, d: Dialog): void {
  const { s } = t;
  if ('monitoringId' in d && !s.queue.includes(d.monitoringId)) s.queue.unshift(d.monitoringId);
  if (d.kind !== 'idle') s.dialog = { kind: 'idle' };
}

/** The open question again, in a short form: an answer that did not fit, or after an interruption. */
function askAgain(t: Turn, d: Dialog): string {
  const { s } = t;
  switch (d.kind) {
    case 'checkin.contact':
      return 'Não entendi bem: você conseguiu falar com o cliente nesta semana? Responda "sim" ou "não".';
    case 'checkin.demand':
      return `Não entendi a demanda. Qual destas foi?\n${DEMAND_MENU}\nPode responder com o número.`;
    case 'close.rsp':
      return 'Preciso do protocolo do RSP (só números), ou responda "registrar" para eu abrir o RSP para você.';
    case 'faq.offer':
      return 'Quer que eu crie o 2266 agora? Responda "sim" ou "não".';
    case 'close.needCode':
      return 'Qual é o código do cliente no Bimer? (ex.: 000123)';
    default:
      return helpText(firstName(s.name));
  }
}

/** After answering something else in the middle of a dialog, the bot comes back to it. */
function resume(t: Turn): void {
  const { s, out } = t;
  const d = s.dialog;
  const m = 'monitoringId' in d ? s.monitorings[d.monitoringId] : undefined;
  const of = m ? `ao 2266 de ${m.customer.name} (${m.customer.code})` : null;
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

/** The agents' assistant: answers questions about the routines from the knowledge base. */
function faqReply(t: Turn, text: string, found: FaqDecision): void {
  const { s, seed, now, out } = t;
  const inDialog = s.dialog.kind !== 'idle';
  if (found.kind === 'answer') return answerEntry(t, found.entry, !inDialog);
  // What the bot was unsure of, or did not know, is kept for the maintainers (GET /admin/nlu/unknown).
  out.push({ type: 'record', list: 'faq-unanswered', value: { question: text, login: s.login, at: now.toISOString(), kind: found.kind, confidence: Math.round(found.confidence * 1000) / 1000 } });
  if (found.kind === 'options') {
    const [a, b] = found.entries;
    if (inDialog) return out.say(`Sobre sua pergunta: você quer saber "${a.question}" ou "${b.question}"? Me pergunte de novo com um pouco mais de detalhe.`);
    s.dialog = { kind: 'faq.choose', ids: [a.id, b.id] };
    return out.say(`Você quer saber:\n1) ${a.question}\n2) ${b.question}\nResponda 1 ou 2.`);
  }
  out.say(
    `${pick(seed, ['Não sei responder isso com segurança.', 'Essa eu não sei.', 'Não encontrei isso no que eu sei.'])} Vale perguntar à sua supervisão imediata; anotei a pergunta para a equipe que mantém minhas respostas.${inDialog ? '' : `\n${helpText(firstName(s.name))}`}`,
  );
}

function answerEntry(t: Turn, entry: { answer: string; action?: 'create_2266' | undefined }, offer = true): void {
  const { s, seed, out } = t;
  const answer = entry.answer.trim();
  if (entry.action === 'create_2266' && offer) {
    s.dialog = { kind: 'faq.offer', action: 'create_2266' };
    return out.say(`${answer}\n\n${pick(seed, ['Quer que eu crie o 2266 agora?', 'Quer que eu já registre o 2266 para você?'])} (sim/não)`);
  }
  out.say(answer);
}

function askRsp(seed: string): string {
  return pick(seed, [
    'Anotado! Agora o RSP: qual é o protocolo do RSP desta implantação? Se ainda não registrou, responda "registrar" que eu abro para você.',
    'Perfeito. E o RSP (Relatório de Serviço Prestado)? Me passe o protocolo, ou responda "registrar" para eu abrir agora.',
  ]);
}

function startClose(t: Turn, text: string, code: string | null): void {
  const { s, seed, out } = t;
  const parecer = inlineParecer(text);
  if (parecer) code = customerCode(text.replace(/parecer.*$/is, ''));
  if (!code) {
    s.dialog = { kind: 'close.needCode', parecer };
    out.say(`${greeting(seed, s.name ?? '')} Parabéns pela implantação! Qual é o código do cliente no Bimer?`);
    return;
  }
  lookup(t, code, parecer);
}

function lookup(t: Turn, code: string, parecer: string | null): void {
  const { s, out } = t;
  s.dialog = { kind: 'close.lookup', code, parecer };
  out.bimer({ op: 'lookupClose', customerCode: code, agentLogin: s.login }, 'close.lookup', { code });
  out.say(`Um instante, estou conferindo o cliente ${code} no Bimer…`);
}

function registerRsp(t: Turn, draft: Draft): void {
  const { now, ctx, out } = t;
  const day = ctx.calendar.localDate(now);
  const ticket: TicketDraft = {
    typeCode: ctx.monitoring.rspType,
    category: 'O',
    subject: 'RSP - Implantação',
    customerId: draft.customer.id,
    responsibleUserId: draft.agent.id,
    dueAt: ctx.calendar.bimerDateTime(now),
    text: `Relatório de Serviço Prestado: implantação concluída em ${ctx.calendar.formatDate(now)}.\nParecer: ${draft.parecer ?? ''}`,
    externalKey: `karoo-bot:rsp:${draft.customer.code}:${day}`,
    linkedTicketId: null,
  };
  out.bimer({ op: 'createTicket', ticket }, 'close.rspCreate');
}

function create2266(t: Turn, draft: Draft): void {
  const { s, now, ctx, out } = t;
  const day = ctx.calendar.localDate(now);
  const due = firstDue(now, ctx);
  const ticket: TicketDraft = {
    typeCode: '2266',
    category: 'O',
    subject: 'Monitoramento - 2266',
    customerId: draft.customer.id,
    responsibleUserId: draft.agent.id,
    dueAt: ctx.calendar.bimerDateTime(due),
    text: text2266(draft.parecer ?? '', {}),
    externalKey: externalKey2266(draft.customer.code, day),
    linkedTicketId: draft.rsp?.id ?? null,
  };
  s.dialog = { kind: 'close.waiting', draft };
  out.bimer({ op: 'createTicket', ticket }, 'close.create2266');
}

// ---- results of Bimer and Karoo calls -----------------------------------------------------

function onResult(t: Turn, ev: InternalEvent): void {
  const { s, now, ctx, out } = t;
  const { ok, context } = delivery(ev);
  const d = s.dialog;

  if (ev.name === 'week.phones') {
    const m = s.monitorings[str(context.monitoringId)];
    // Bimer failing for good or the customer gone: the week goes on with the phone it had (none).
    const o = outcomeOf(ev, 'week.phones');
    const read = o.ok && o.result.found ? o.result.phones : null;
    return m ? phonesRead(t, m, weekNo(context.week), read) : undefined;
  }
  if (!ok) return onFailure(t, ev, context);

  switch (ev.name) {
    case 'close.lookup': {
      if (d.kind !== 'close.lookup') return;
      const o = outcomeOf(ev, 'close.lookup');
      if (!o.ok || !o.result.found) {
        s.dialog = { kind: 'idle' };
        return out.say(`Não encontrei o cliente ${d.code} no Bimer. Confere o código e me mande de novo, por favor.`);
      }
      const draft: Draft = {
        customer: o.result.customer,
        agent: o.result.agent,
        parecer: d.parecer,
        rsp: null,
      };
      const existing = s.monitorings[monitoringId(draft.customer.code, ctx.calendar.localDate(now))];
      if (existing) {
        s.dialog = { kind: 'idle' };
        return out.say(`O monitoramento de ${draft.customer.name} já foi criado hoje: 2266 protocolo ${existing.ticket.protocolo}.`);
      }
      const who = `Cliente ${draft.customer.code} — ${draft.customer.name}.`;
      if (!draft.parecer) {
        s.dialog = { kind: 'close.parecer', draft };
        return out.say(
          `${who} Qual é o seu parecer técnico sobre a entrega e a percepção do cliente? Ele vai na linha "P:" do 2266 (ex.: "Cliente satisfeito e teve algumas dúvidas.").`,
        );
      }
      if (d.rsp) {
        s.dialog = { kind: 'close.waiting', draft };
        out.bimer({ op: 'findTicketByProtocol', customerCode: draft.customer.code, protocolo: d.rsp }, 'close.rspFind', { protocolo: d.rsp });
        return out.say(`${who} Parecer anotado. Conferindo o RSP ${d.rsp} no Bimer…`);
      }
      s.dialog = { kind: 'close.rsp', draft };
      return out.say(`${who} Parecer anotado. ${askRsp(ev.id)}`);
    }
    case 'close.rspFind': {
      if (d.kind !== 'close.waiting') return;
      const o = outcomeOf(ev, 'close.rspFind');
      if (!o.ok || !o.result.found) {
        s.dialog = { kind: 'close.rsp', draft: d.draft };
        return out.say(
          `Não achei o protocolo ${String(context.protocolo)} entre os atendimentos recentes de ${d.draft.customer.name}. Confere o número? Ou responda "registrar" para eu abrir o RSP.`,
        );
      }
      const ticket = o.result.ticket;
      d.draft.rsp = { id: ticket.id, protocolo: ticket.protocolo };
      return create2266(t, d.draft);
    }
    case 'close.rspCreate': {
      if (d.kind !== 'close.waiting') return;
      const o = outcomeOf(ev, 'close.rspCreate');
      if (!o.ok) return;
      const ticket = o.result.ticket;
      d.draft.rsp = { id: ticket.id, protocolo: ticket.protocolo };
      out.say(`RSP registrado: protocolo ${ticket.protocolo}.`);
      return create2266(t, d.draft);
    }
    case 'close.create2266': {
      const o = outcomeOf(ev, 'close.create2266');
      if (d.kind !== 'close.waiting' || !o.ok) return;
      return monitoringCreated(t, d.draft, o.result.ticket);
    }
    case 'checkin.ticket':
    case 'checkin.existing': {
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
      return recordWeek(t, m, {
        scenario: context.scenario === 'C' ? 'C' : 'A',
        code: String(context.code),
        summary: String(context.summary),
        protocolo: ticket.protocolo,
      });
    }
    case 'customer.followup': {
      const m = s.monitorings[String(context.monitoringId)];
      const o = outcomeOf(ev, 'customer.followup');
      const chatId = o.ok && typeof o.result.chatId === 'string' ? o.result.chatId : null;
      if (!m || !chatId) return;
      m.customerChatId = chatId;
      out.push({
        type: 'forward',
        stream: `chat:${chatId}`,
        name: 'monitoring.link',
        data: { monitoringId: m.id, agentStream: s.stream, agentName: m.agent.name, customerName: m.customer.name, sentAt: str(context.sentAt, now.toISOString()) },
      });
      return;
    }
    case 'seller.user': {
      const m = s.monitorings[String(context.monitoringId)];
      if (!m || !m.seller) return;
      const o = outcomeOf(ev, 'seller.user');
      const user = o.ok && o.result.found ? o.result.user : null;
      m.seller.login = user?.login ?? null;
      m.seller.name = user?.name ?? m.seller.name;
      if (user?.login) {
        out.push({
          type: 'karoo.proactive',
          to: { login: user.login },
          department: 'bot',
          text: `${greeting(ev.id, user.name)} O cliente ${m.customer.name} (${m.customer.code}) não respondeu ao contato da 1ª semana do monitoramento pós-implantação, e o 2266 (protocolo ${m.ticket.protocolo}) foi delegado para você. Pode entrar em contato com o cliente? Quando tiver retorno, me diga aqui: "retornei do cliente ${m.customer.code}: <o que o cliente disse>".`,
        });
        out.say(`Avisei o vendedor ${user.name} pelo Karoo.`);
      } else {
        out.say(`O vendedor do cliente não tem login no Karoo; avise-o por outro canal, por favor.`);
      }
      return;
    }
    default:
      return; // text updates and delegations: nothing to say when they work
  }
}

function onFailure(t: Turn, ev: InternalEvent, context: Record<string, unknown>): void {
  const { s, out } = t;
  const error = str(ev.data.error, 'erro desconhecido');
  const d = s.dialog;
  if (ev.name.startsWith('close.')) {
    if (d.kind === 'close.lookup' || d.kind === 'close.waiting') s.dialog = { kind: 'idle' };
    out.say(`Não consegui concluir no Bimer (${error}). Nada foi perdido do que já estava registrado; tente de novo em alguns minutos ou fale com seu supervisor.`);
    out.push({ type: 'log', level: 'error', message: 'bimer step failed for good', data: { tag: ev.name, error } });
    return;
  }
  const m = s.monitorings[str(context.monitoringId)];
  if ((ev.name === 'checkin.ticket' || ev.name === 'checkin.existing') && m) {
    m.phase = 'agent_checkin';
    s.dialog = { kind: 'checkin.summary', monitoringId: m.id, code: String(context.code) };
    out.say(`O Bimer recusou o atendimento (${error}). Pode me mandar o resumo de novo, ou o protocolo de um atendimento já aberto?`);
    return;
  }
  if (ev.name === 'customer.followup' && m) {
    out.say(`Não consegui mandar a mensagem de acompanhamento para ${m.customer.name} (${error}). Fale com o cliente por telefone, por favor.`);
    return;
  }
  if (m) {
    out.say(`Atenção: uma atualização do 2266 ${m.ticket.protocolo} no Bimer falhou (${error}). Confira o atendimento e ajuste manualmente, por favor.`);
  }
  out.push({ type: 'log', level: 'error', message: 'bimer update failed for good', data: { tag: ev.name, error } });
}

// ---- commands -------------------------------------------------------------------------------

function statusText(t: Turn, protocolo: string | null, code: string | null): string {
  const { s, ctx } = t;
  if (!protocolo && !code) return 'De qual monitoramento? Me diga o protocolo ou o cliente: "status 2026112300042" ou "status do cliente 123".';
  const m = Object.values(s.monitorings)
    .filter((x) => (protocolo ? x.ticket.protocolo === protocolo || x.rsp?.protocolo === protocolo || Object.values(x.weeks).some((w) => w?.protocolo === protocolo) : x.customer.code === code))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
  if (!m) return protocolo ? `Não encontrei nenhum monitoramento seu com o protocolo ${protocolo}.` : `Não encontrei nenhum monitoramento seu do cliente ${code}.`;
  const state =
    m.phase === 'done'
      ? 'concluído e entregue à supervisão'
      : m.phase === 'seller_wait'
        ? `${WEEK_ORDINAL[m.week]} semana; com o vendedor, aguardando retorno`
        : m.phase === 'scheduled'
          ? `${WEEK_ORDINAL[m.week]} semana; próximo contato ${ctx.calendar.describe(new Date(m.dueAt))}`
          : `${WEEK_ORDINAL[m.week]} semana; contato em andamento`;
  return [`Monitoramento de ${m.customer.name} (${m.customer.code}) — 2266 ${m.ticket.protocolo}: ${state}.`, text2266(m.parecer, m.weeks)].join('\n');
}
