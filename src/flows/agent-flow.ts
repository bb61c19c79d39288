import type { CustomerInfo, UserInfo } from '../bimer-client/operations.js';
import type { NewTicket } from '../bimer-client/types.js';
import {
  agentCommand,
  findCustomerCode,
  findProtocol,
  fold,
  inlineParecer,
  isCancel,
  isImplantationClose,
  isSellerReturn,
  wantsRegister,
  yesNo,
} from './language.js';
import {
  checkinPrompt,
  customerFollowUp,
  demandQuestion,
  greeting,
  helpText,
  listMonitorings,
  summaryQuestion,
  weekRecorded,
} from './monitoring/messages.js';
import {
  CODE_NAMES,
  DEMAND_CODES,
  WEEK_LABEL,
  WEEK_ORDINAL,
  externalKey2266,
  monitoringId,
  text2266,
  type Monitoring,
  type WeekNo,
} from './monitoring/model.js';
import { firstName, pick, str } from './phrases.js';
import type { Effect, FlowContext, FlowResult, InternalEvent, StreamItem, StreamKey } from './types.js';

/**
 * The agent's stream (`agent:<login>`): the agent's conversation with the bot in the `bot`
 * department and every monitoring (2266) the agent owns. Pure.
 */

interface Draft {
  customer: CustomerInfo;
  agent: UserInfo;
  parecer: string | null;
  rsp: { id: string | null; protocolo: string } | null;
}

export type Dialog =
  | { kind: 'idle' }
  | { kind: 'close.needCode'; parecer: string | null }
  | { kind: 'close.lookup'; code: string; parecer: string | null }
  | { kind: 'close.parecer'; draft: Draft }
  | { kind: 'close.rsp'; draft: Draft }
  | { kind: 'close.waiting'; draft: Draft }
  | { kind: 'checkin.contact'; monitoringId: string }
  | { kind: 'checkin.demand'; monitoringId: string }
  | { kind: 'checkin.summary'; monitoringId: string; code: string }
  | { kind: 'faq.choose'; ids: [string, string] }
  | { kind: 'faq.offer'; action: 'create_2266' };

export interface AgentState {
  kind: 'agent';
  version: number;
  stream: StreamKey;
  login: string;
  name: string | null;
  dialog: Dialog;
  /** Monitorings whose check-in waits for the current conversation to end. */
  queue: string[];
  monitorings: Record<string, Monitoring>;
}

export function initialAgentState(stream: StreamKey, login: string): AgentState {
  return { kind: 'agent', version: 0, stream, login, name: null, dialog: { kind: 'idle' }, queue: [], monitorings: {} };
}

/** Collects effects while a handler runs; `say` answers the agent. */
class Out {
  readonly effects: Effect[] = [];
  constructor(
    private readonly s: AgentState,
    private readonly replyChat: string | null,
  ) {}
  say(text: string): void {
    this.effects.push(
      this.replyChat
        ? { type: 'karoo.sendMessage', chatId: this.replyChat, text }
        : { type: 'karoo.proactive', to: { login: this.s.login }, department: 'bot', text },
    );
  }
  bimer(op: Extract<Effect, { type: 'bimer' }>['op'], tag: string, context: Record<string, unknown> = {}): void {
    this.effects.push({ type: 'bimer', op, onResult: { stream: this.s.stream, tag, context } });
  }
  timer(timerId: string, dueAt: Date, data: Record<string, unknown>): void {
    this.effects.push({ type: 'timer.set', stream: this.s.stream, timerId, dueAt: dueAt.toISOString(), data: { ...data, dueAt: dueAt.toISOString() } });
  }
  cancel(timerId: string): void {
    this.effects.push({ type: 'timer.cancel', timerId });
  }
  push(effect: Effect): void {
    this.effects.push(effect);
  }
}

export function agentFlow(state: AgentState, item: StreamItem, now: Date, ctx: FlowContext): FlowResult<AgentState> {
  const s: AgentState = structuredClone(state);
  s.version += 1;
  pruneFinished(s, now);
  if (item.kind === 'karoo') {
    const event = item.event;
    s.name = event.chat.contact.name ?? s.name;
    const out = new Out(s, event.chat.id);
    if (event.type === 'message.created' && event.message?.author === 'contact') {
      onAgentMessage(s, event.message.text, event.id, now, ctx, out);
    }
    return { state: s, effects: out.effects };
  }
  const out = new Out(s, null);
  const ev = item.event;
  if (ev.type === 'effect.result') onResult(s, ev, now, ctx, out);
  else if (ev.type === 'timer') onTimer(s, ev, now, ctx, out);
  else onForward(s, ev, now, ctx, out);
  return { state: s, effects: out.effects };
}

const KEEP_FINISHED_MS = 90 * 24 * 3600 * 1000;

/** Monitorings handed over to supervision more than 90 days ago leave the agent's state. */
function pruneFinished(s: AgentState, now: Date): void {
  for (const [id, m] of Object.entries(s.monitorings)) {
    if (m.phase === 'done' && now.getTime() - Date.parse(m.createdAt) > KEEP_FINISHED_MS) delete s.monitorings[id];
  }
}

// ---- the agent writes ---------------------------------------------------------------------

function onAgentMessage(s: AgentState, text: string, seed: string, now: Date, ctx: FlowContext, out: Out): void {
  const command = agentCommand(text);
  if (command) {
    if (command.kind === 'ping') return out.say('pong');
    if (command.kind === 'help') return out.say(helpText(firstName(s.name)));
    if (command.kind === 'list') {
      const active = Object.values(s.monitorings).filter((m) => m.phase !== 'done');
      return out.say(listMonitorings(firstName(s.name), active, ctx.calendar));
    }
    return out.say(statusText(s, command.protocolo, ctx));
  }
  if (isCancel(text) && s.dialog.kind !== 'idle') {
    const pendingCheckin = 'monitoringId' in s.dialog ? s.dialog.monitoringId : null;
    s.dialog = { kind: 'idle' };
    out.say(
      pendingCheckin
        ? 'Tudo bem, deixei de lado por agora. Vou te lembrar deste contato no próximo dia útil.'
        : 'Tudo bem, cancelei. Quando quiser, é só me chamar.',
    );
    return;
  }
  // "finalizei a implantação do cliente 123" starts the close; "terminei uma implantação, e agora?"
  // is a question for the assistant (which offers to start it).
  const asking = text.includes('?') && !findCustomerCode(text);
  if (isImplantationClose(text) && !asking) return startClose(s, text, seed, out);
  if (isSellerReturn(text)) return sellerReturnFromAgent(s, text, seed, now, ctx, out);

  const d = s.dialog;
  switch (d.kind) {
    case 'close.needCode': {
      const code = findCustomerCode(text);
      if (!code) return out.say('Não encontrei o código do cliente na sua mensagem. Qual é o código dele no Bimer? (ex.: 000123)');
      return lookup(s, code, d.parecer, out);
    }
    case 'close.lookup':
    case 'close.waiting':
      return out.say('Só um instante: ainda estou aguardando o Bimer responder. Te aviso assim que terminar.');
    case 'close.parecer': {
      const parecer = text.trim();
      if (parecer.length < 3) return out.say('Escreva o parecer em uma ou duas frases, por favor (vai na linha "P:" do 2266).');
      d.draft.parecer = parecer;
      s.dialog = { kind: 'close.rsp', draft: d.draft };
      return out.say(askRsp(seed));
    }
    case 'close.rsp': {
      const protocolo = findProtocol(text);
      if (protocolo) {
        s.dialog = { kind: 'close.waiting', draft: d.draft };
        out.bimer({ op: 'findTicketByProtocol', customerCode: d.draft.customer.code, protocolo }, 'close.rspFind', { protocolo });
        return out.say(`Conferindo o RSP ${protocolo} no Bimer…`);
      }
      if (wantsRegister(text) || /^(nao|ainda nao|nao registrei)/.test(fold(text))) {
        s.dialog = { kind: 'close.waiting', draft: d.draft };
        registerRsp(s, d.draft, now, ctx, out);
        return out.say('Certo, vou registrar o RSP da implantação no Bimer e em seguida o 2266.');
      }
      return out.say('Preciso do protocolo do RSP (só números) — ou responda "registrar" para eu abrir o RSP para você.');
    }
    case 'checkin.contact':
      return checkinContact(s, d.monitoringId, text, seed, now, ctx, out);
    case 'checkin.demand': {
      const code = demandCode(text, ctx.monitoring.okCode);
      if (!code) return out.say(`Não entendi a demanda. ${demandQuestion(seed)}`);
      s.dialog = { kind: 'checkin.summary', monitoringId: d.monitoringId, code };
      return out.say(summaryQuestion(seed, code));
    }
    case 'checkin.summary':
      return checkinSummary(s, d.monitoringId, d.code, text, now, ctx, out);
    case 'faq.choose': {
      const t = fold(text);
      const choice = /^1\b|primeir/.test(t) ? d.ids[0] : /^2\b|segund/.test(t) ? d.ids[1] : null;
      s.dialog = { kind: 'idle' };
      const entry = choice ? ctx.faq.entry(choice) : null;
      if (entry) return answerEntry(s, entry, seed, out);
      return onAgentMessage(s, text, seed, now, ctx, out);
    }
    case 'faq.offer':
      s.dialog = { kind: 'idle' };
      if (yesNo(text) === 'yes') {
        s.dialog = { kind: 'close.needCode', parecer: null };
        return out.say('Vamos lá! Qual é o código do cliente no Bimer? (ex.: 000123)');
      }
      return onAgentMessage(s, text, seed, now, ctx, out);
    case 'idle':
      return faqReply(s, text, seed, now, ctx, out);
  }
}

/** The agents' assistant: answers questions about the routines from the knowledge base. */
function faqReply(s: AgentState, text: string, seed: string, now: Date, ctx: FlowContext, out: Out): void {
  const found = ctx.faq.ask(text);
  if (found.kind === 'answer') return answerEntry(s, found.entry, seed, out);
  if (found.kind === 'options') {
    const [a, b] = found.entries;
    s.dialog = { kind: 'faq.choose', ids: [a.id, b.id] };
    return out.say(`Você quer saber:\n1) ${a.question}\n2) ${b.question}\nResponda 1 ou 2.`);
  }
  out.push({ type: 'record', list: 'faq-unanswered', value: { question: text, login: s.login, at: now.toISOString() } });
  out.say(
    `${pick(seed, ['Não sei responder isso com segurança.', 'Essa eu não sei.', 'Não encontrei isso no que eu sei.'])} Vale perguntar à sua supervisão imediata; anotei a pergunta para a equipe que mantém minhas respostas.\n${helpText(firstName(s.name))}`,
  );
}

function answerEntry(s: AgentState, entry: { answer: string; action?: 'create_2266' | undefined }, seed: string, out: Out): void {
  const answer = entry.answer.trim();
  if (entry.action === 'create_2266') {
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

function startClose(s: AgentState, text: string, seed: string, out: Out): void {
  const parecer = inlineParecer(text);
  const code = findCustomerCode(text.replace(/parecer.*$/is, ''));
  if (!code) {
    s.dialog = { kind: 'close.needCode', parecer };
    out.say(`${greeting(seed, s.name ?? '')} Parabéns pela implantação! Qual é o código do cliente no Bimer?`);
    return;
  }
  lookup(s, code, parecer, out);
}

function lookup(s: AgentState, code: string, parecer: string | null, out: Out): void {
  s.dialog = { kind: 'close.lookup', code, parecer };
  out.bimer({ op: 'lookupClose', customerCode: code, agentLogin: s.login }, 'close.lookup', { code });
  out.say(`Um instante, estou conferindo o cliente ${code} no Bimer…`);
}

function registerRsp(s: AgentState, draft: Draft, now: Date, ctx: FlowContext, out: Out): void {
  const day = ctx.calendar.localDate(now);
  const ticket: NewTicket = {
    CodigoTipoAtendimento: ctx.monitoring.rspType,
    Categoria: 'O',
    Assunto: 'RSP - Implantação',
    IdentificadorCliente: draft.customer.id,
    IdentificadorUsuarioResponsavel: draft.agent.id,
    DataProvidenciar: ctx.calendar.bimerDateTime(now),
    Texto: `Relatório de Serviço Prestado: implantação concluída em ${ctx.calendar.formatDate(now)}.\nParecer: ${draft.parecer ?? ''}`,
    ChaveExterna: `karoo-bot:rsp:${draft.customer.code}:${day}`,
    IdentificadorAtendimentoVinculado: null,
  };
  out.bimer({ op: 'createTicket', ticket }, 'close.rspCreate');
}

function create2266(s: AgentState, draft: Draft, now: Date, ctx: FlowContext, out: Out): void {
  const day = ctx.calendar.localDate(now);
  const due = firstDue(now, ctx);
  const ticket: NewTicket = {
    CodigoTipoAtendimento: '2266',
    Categoria: 'O',
    Assunto: 'Monitoramento - 2266',
    IdentificadorCliente: draft.customer.id,
    IdentificadorUsuarioResponsavel: draft.agent.id,
    DataProvidenciar: ctx.calendar.bimerDateTime(due),
    Texto: text2266(draft.parecer ?? '', {}),
    ChaveExterna: externalKey2266(draft.customer.code, day),
    IdentificadorAtendimentoVinculado: draft.rsp?.id ?? null,
  };
  s.dialog = { kind: 'close.waiting', draft };
  out.bimer({ op: 'createTicket', ticket }, 'close.create2266');
}

function firstDue(now: Date, ctx: FlowContext): Date {
  const m = ctx.monitoring;
  return ctx.calendar.dueAfter(now, m.intervalDays, m.checkinTime, m.moveToBusinessDay);
}

// ---- results of Bimer and Karoo calls -----------------------------------------------------

function onResult(s: AgentState, ev: InternalEvent, now: Date, ctx: FlowContext, out: Out): void {
  const ok = ev.data.ok === true;
  const result = (ev.data.result ?? {}) as Record<string, unknown>;
  const context = (ev.data.context ?? {}) as Record<string, unknown>;
  const d = s.dialog;

  if (!ok) return onFailure(s, ev, context, out);

  switch (ev.name) {
    case 'close.lookup': {
      if (d.kind !== 'close.lookup') return;
      if (result.found !== true) {
        s.dialog = { kind: 'idle' };
        return out.say(`Não encontrei o cliente ${d.code} no Bimer. Confere o código e me mande de novo, por favor.`);
      }
      const draft: Draft = {
        customer: result.customer as CustomerInfo,
        agent: result.agent as UserInfo,
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
      s.dialog = { kind: 'close.rsp', draft };
      return out.say(`${who} Parecer anotado. ${askRsp(ev.id)}`);
    }
    case 'close.rspFind': {
      if (d.kind !== 'close.waiting') return;
      if (result.found !== true) {
        s.dialog = { kind: 'close.rsp', draft: d.draft };
        return out.say(
          `Não achei o protocolo ${String(context.protocolo)} entre os atendimentos recentes de ${d.draft.customer.name}. Confere o número? Ou responda "registrar" para eu abrir o RSP.`,
        );
      }
      const t = result.ticket as { id: string; protocolo: string };
      d.draft.rsp = { id: t.id, protocolo: t.protocolo };
      return create2266(s, d.draft, now, ctx, out);
    }
    case 'close.rspCreate': {
      if (d.kind !== 'close.waiting') return;
      const t = result.ticket as { id: string; protocolo: string };
      d.draft.rsp = { id: t.id, protocolo: t.protocolo };
      out.say(`RSP registrado: protocolo ${t.protocolo}.`);
      return create2266(s, d.draft, now, ctx, out);
    }
    case 'close.create2266': {
      if (d.kind !== 'close.waiting') return;
      return monitoringCreated(s, d.draft, result.ticket as { id: string; protocolo: string }, ev.id, now, ctx, out);
    }
    case 'checkin.ticket':
    case 'checkin.existing': {
      const m = s.monitorings[String(context.monitoringId)];
      if (!m || m.phase !== 'recording') return;
      if (result.found !== true) {
        m.phase = 'agent_checkin';
        s.dialog = { kind: 'checkin.summary', monitoringId: m.id, code: String(context.code) };
        return out.say(
          `Não achei o protocolo ${String(context.protocolo)} entre os atendimentos de ${m.customer.name}. Confere o número, ou me mande um resumo que eu abro o atendimento.`,
        );
      }
      const t = result.ticket as { id: string; protocolo: string };
      return recordWeek(s, m, {
        scenario: context.scenario === 'C' ? 'C' : 'A',
        code: String(context.code),
        summary: String(context.summary),
        protocolo: t.protocolo,
      }, ev.id, now, ctx, out);
    }
    case 'customer.followup': {
      const m = s.monitorings[String(context.monitoringId)];
      const chatId = typeof result.chatId === 'string' ? result.chatId : null;
      if (!m || !chatId) return;
      m.customerChatId = chatId;
      out.push({
        type: 'forward',
        stream: `chat:${chatId}`,
        name: 'monitoring.link',
        data: { monitoringId: m.id, agentStream: s.stream, agentName: m.agent.name, customerName: m.customer.name },
      });
      return;
    }
    case 'seller.user': {
      const m = s.monitorings[String(context.monitoringId)];
      if (!m || !m.seller) return;
      const user = result.found === true ? (result.user as UserInfo) : null;
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

function onFailure(s: AgentState, ev: InternalEvent, context: Record<string, unknown>, out: Out): void {
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

function monitoringCreated(
  s: AgentState,
  draft: Draft,
  ticket: { id: string; protocolo: string },
  seed: string,
  now: Date,
  ctx: FlowContext,
  out: Out,
): void {
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
  out.timer(`mon|${m.id}|due|1`, due, { monitoringId: m.id, week: 1 });
  const rsp = m.rsp ? `, vinculado ao RSP ${m.rsp.protocolo}` : '';
  out.say(
    `${pick(seed, ['Pronto', 'Tudo certo', 'Feito'])}, ${firstName(draft.agent.name) || firstName(s.name)}! Criei o 2266 de ${m.customer.name} (${m.customer.code}): protocolo ${ticket.protocolo}${rsp}. Ele está delegado para você, e o primeiro contato de monitoramento fica para ${ctx.calendar.describe(due)}. Eu te chamo nesse dia.`,
  );
  nextQueued(s, seed, out);
}

// ---- the weekly check-in ------------------------------------------------------------------

function onTimer(s: AgentState, ev: InternalEvent, now: Date, ctx: FlowContext, out: Out): void {
  const m = s.monitorings[String(ev.data.monitoringId)];
  if (!m) return;
  const week = Number(ev.data.week) as WeekNo;
  const kind = ev.name.split('|')[2];
  if (kind === 'due') {
    if (m.phase !== 'scheduled' || m.week !== week || ev.data.dueAt !== m.dueAt) return; // stale
    return weekDue(s, m, ev.id, now, ctx, out);
  }
  if (kind === 'window') {
    if (m.phase !== 'customer_wait' || m.week !== week) return;
    m.customerReply = { kind: 'none', text: '', at: now.toISOString() };
    return startCheckin(s, m, ev.id, now, ctx, out);
  }
  if (kind === 'remind') {
    if (m.phase !== 'agent_checkin' || m.week !== week) return;
    const max = ctx.monitoring.maxReminders;
    m.reminders += 1;
    if (s.dialog.kind === 'idle') s.dialog = { kind: 'checkin.contact', monitoringId: m.id };
    out.say(`Lembrete: ainda falta registrar o contato da ${WEEK_ORDINAL[m.week]} semana de ${m.customer.name} (${m.customer.code}). Conseguiu falar com o cliente? (sim/não)`);
    if (m.reminders < max) out.timer(`mon|${m.id}|remind|${m.week}`, nextMorning(now, ctx), { monitoringId: m.id, week: m.week });
    else out.push({ type: 'log', level: 'warn', message: 'check-in still unanswered after the last reminder', data: { monitoringId: m.id } });
    return;
  }
  if (kind === 'seller') {
    if (m.phase !== 'seller_wait') return;
    m.reminders += 1;
    out.say(`Lembrete: o monitoramento de ${m.customer.name} (${m.customer.code}) segue com o vendedor desde a 1ª semana. Quando ele der retorno, me diga: "o vendedor retornou do cliente ${m.customer.code}: …".`);
    if (m.reminders < ctx.monitoring.maxReminders) {
      const at = ctx.calendar.dueAfter(now, ctx.monitoring.sellerReminderDays, ctx.monitoring.reminderTime, true);
      out.timer(`mon|${m.id}|seller|1`, at, { monitoringId: m.id, week: 1 });
    }
  }
}

function nextMorning(now: Date, ctx: FlowContext): Date {
  return ctx.calendar.dueAfter(now, 1, ctx.monitoring.reminderTime, true);
}

function weekDue(s: AgentState, m: Monitoring, seed: string, now: Date, ctx: FlowContext, out: Out): void {
  m.customerReply = null;
  m.reminders = 0;
  if (m.customer.phone && !m.optOut) {
    if (!ctx.calendar.isBusinessTime(now)) {
      // Never message a customer out of business hours: try again at the next opening.
      const at = ctx.calendar.nextOpening(now);
      m.dueAt = at.toISOString();
      out.timer(`mon|${m.id}|due|${m.week}`, at, { monitoringId: m.id, week: m.week });
      return;
    }
    m.phase = 'customer_wait';
    out.push({
      type: 'karoo.proactive',
      to: { phone: m.customer.phone },
      department: ctx.monitoring.customerDepartment,
      text: customerFollowUp(seed, m),
      onResult: { stream: s.stream, tag: 'customer.followup', context: { monitoringId: m.id, week: m.week } },
    });
    out.timer(`mon|${m.id}|window|${m.week}`, ctx.calendar.endOfNextBusinessDay(now), { monitoringId: m.id, week: m.week });
    return;
  }
  startCheckin(s, m, seed, now, ctx, out);
}

function startCheckin(s: AgentState, m: Monitoring, seed: string, now: Date, ctx: FlowContext, out: Out): void {
  m.phase = 'agent_checkin';
  out.cancel(`mon|${m.id}|window|${m.week}`);
  out.timer(`mon|${m.id}|remind|${m.week}`, nextMorning(now, ctx), { monitoringId: m.id, week: m.week });
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

function nextQueued(s: AgentState, seed: string, out: Out): void {
  while (s.dialog.kind === 'idle' && s.queue.length > 0) {
    const id = s.queue.shift() as string;
    const m = s.monitorings[id];
    if (m && m.phase === 'agent_checkin') {
      s.dialog = { kind: 'checkin.contact', monitoringId: m.id };
      out.say(checkinPrompt(seed, m));
    }
  }
}

function checkinContact(s: AgentState, id: string, text: string, seed: string, now: Date, ctx: FlowContext, out: Out): void {
  const m = s.monitorings[id];
  if (!m) {
    s.dialog = { kind: 'idle' };
    return;
  }
  const answer = yesNo(text);
  if (answer === 'yes') {
    const code = demandCode(text, ctx.monitoring.okCode);
    if (m.customerReply?.kind === 'ok' && !/demanda|duvida|erro|problema/.test(fold(text))) {
      // The customer said all is fine and the agent confirms: a contact with no technical demand.
      s.dialog = { kind: 'idle' };
      m.phase = 'recording';
      const summary = `Cliente respondeu ao acompanhamento: "${m.customerReply.text.replace(/\s+/g, ' ').trim()}", sem demanda técnica`;
      createSpecific(s, m, ctx.monitoring.okCode, summary, 'A', now, ctx, out);
      return out.say(`Combinado: registro como contato sem demanda técnica (${ctx.monitoring.okCode}) vinculado ao 2266 ${m.ticket.protocolo}…`);
    }
    if (code && code !== ctx.monitoring.okCode && /\d|duvida|erro|dsn|sup/.test(fold(text).replace(/^sim\W*/, ''))) {
      s.dialog = { kind: 'checkin.summary', monitoringId: id, code };
      return out.say(summaryQuestion(seed, code));
    }
    s.dialog = { kind: 'checkin.demand', monitoringId: id };
    return out.say(demandQuestion(seed));
  }
  if (answer !== 'no') return out.say('Me responda só "sim" (houve contato com o cliente) ou "não" (não houve), por favor.');
  s.dialog = { kind: 'idle' };
  if (m.week === 1) return scenarioB(s, m, seed, now, ctx, out);
  // Scenario C: register the attempt in a 000029 linked to the 2266.
  m.phase = 'recording';
  const summary = `Tentativa de contato sem retorno na ${WEEK_LABEL[m.week]} do monitoramento`;
  createSpecific(s, m, DEMAND_CODES.other, summary, 'C', now, ctx, out);
  out.say(`Entendido: sem contato na ${WEEK_ORDINAL[m.week]} semana. Vou registrar a tentativa num 000029 vinculado ao 2266 ${m.ticket.protocolo}.`);
}

function checkinSummary(s: AgentState, id: string, code: string, text: string, now: Date, ctx: FlowContext, out: Out): void {
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
  createSpecific(s, m, code, trimmed, 'A', now, ctx, out);
  out.say(`Abrindo o ${code} (${CODE_NAMES[code] ?? 'atendimento'}) vinculado ao 2266 ${m.ticket.protocolo}…`);
}

function createSpecific(
  s: AgentState,
  m: Monitoring,
  code: string,
  summary: string,
  scenario: 'A' | 'C',
  now: Date,
  ctx: FlowContext,
  out: Out,
): void {
  const customerWords = m.customerReply && m.customerReply.kind !== 'none' ? `\nO cliente escreveu: "${m.customerReply.text}"` : '';
  const ticket: NewTicket = {
    CodigoTipoAtendimento: code,
    Categoria: 'O',
    Assunto: `${CODE_NAMES[code] ?? 'Atendimento'} - Monitoramento 2266 (${WEEK_ORDINAL[m.week]} semana)`,
    IdentificadorCliente: m.customer.id,
    IdentificadorUsuarioResponsavel: m.agent.id,
    DataProvidenciar: ctx.calendar.bimerDateTime(now),
    Texto: `${summary}${customerWords}\nContato da ${WEEK_LABEL[m.week]} do monitoramento pós-implantação; vinculado ao 2266 protocolo ${m.ticket.protocolo}.`,
    ChaveExterna: `karoo-bot:${code}:${m.id}:w${m.week}`,
    IdentificadorAtendimentoVinculado: m.ticket.id,
  };
  out.bimer({ op: 'createTicket', ticket }, 'checkin.ticket', { monitoringId: m.id, code, summary, scenario });
}

interface WeekOutcome {
  scenario: 'A' | 'C';
  code: string;
  summary: string;
  protocolo: string;
}

function recordWeek(s: AgentState, m: Monitoring, o: WeekOutcome, seed: string, now: Date, ctx: FlowContext, out: Out): void {
  const week = m.week;
  const note =
    o.scenario === 'C'
      ? `tentativa de contato sem retorno — protocolo ${o.protocolo}`
      : `${o.summary.replace(/\s+/g, ' ').replace(/[.\s]+$/, '')} — protocolo ${o.protocolo}`;
  m.weeks[week] = { note, scenario: o.scenario, code: o.code, protocolo: o.protocolo };
  out.cancel(`mon|${m.id}|remind|${week}`);
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
    out.timer(`mon|${m.id}|due|${m.week}`, due, { monitoringId: m.id, week: m.week });
    out.say(weekRecorded(seed, m, week, ctx.calendar, ''));
  } else {
    handOver(s, m, o, seed, now, ctx, out);
  }
  nextQueued(s, seed, out);
}

function handOver(s: AgentState, m: Monitoring, o: WeekOutcome, seed: string, now: Date, ctx: FlowContext, out: Out): void {
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

function scenarioB(s: AgentState, m: Monitoring, seed: string, now: Date, ctx: FlowContext, out: Out): void {
  out.cancel(`mon|${m.id}|remind|1`);
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
  out.timer(`mon|${m.id}|seller|1`, ctx.calendar.dueAfter(now, ctx.monitoring.sellerReminderDays, ctx.monitoring.reminderTime, true), {
    monitoringId: m.id,
    week: 1,
  });
  out.say(
    `${pick(seed, ['Entendido.', 'Certo.', 'Ok.'])} Na 1ª semana sem contato não se abre 000029: deleguei o 2266 ${m.ticket.protocolo} ao vendedor responsável pelo cliente, explicando a situação, e registrei isso na linha da primeira semana. Vou aguardar o retorno dele — quando vier, me diga "o vendedor retornou do cliente ${m.customer.code}: …".`,
  );
  nextQueued(s, seed, out);
}

/** The agent reports the salesperson's return for one of their own monitorings. */
function sellerReturnFromAgent(s: AgentState, text: string, seed: string, now: Date, ctx: FlowContext, out: Out): void {
  const code = findCustomerCode(text);
  const waiting = Object.values(s.monitorings).filter((m) => m.phase === 'seller_wait' && (!code || m.customer.code === code));
  if (waiting.length === 1) return sellerReturned(s, waiting[0] as Monitoring, noteOf(text), seed, now, ctx, out);
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

function sellerReturned(s: AgentState, m: Monitoring, note: string, seed: string, now: Date, ctx: FlowContext, out: Out): void {
  out.cancel(`mon|${m.id}|seller|1`);
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
  startCheckin(s, m, seed, now, ctx, out);
}

// ---- news from other streams ----------------------------------------------------------------

function onForward(s: AgentState, ev: InternalEvent, now: Date, ctx: FlowContext, out: Out): void {
  if (ev.name === 'seller.return') {
    const code = String(ev.data.customerCode);
    const m = Object.values(s.monitorings).find((x) => x.customer.code === code && x.phase === 'seller_wait');
    if (!m) return;
    out.say(`O vendedor ${str(ev.data.fromName, str(ev.data.from))} deu retorno sobre ${m.customer.name} (${code})${str(ev.data.note) ? `: "${str(ev.data.note)}"` : ''}.`);
    return sellerReturned(s, m, str(ev.data.note), ev.id, now, ctx, out);
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
      startCheckin(s, m, ev.id, now, ctx, out);
    }
    return;
  }
  if (m.phase === 'customer_wait') {
    m.customerReply = { kind: kind === 'ok' ? 'ok' : 'issue', text, at: now.toISOString() };
    return startCheckin(s, m, ev.id, now, ctx, out);
  }
  out.say(`${m.customer.name} (${m.customer.code}) escreveu no chat de acompanhamento: "${text}"`);
}

// ---- commands -------------------------------------------------------------------------------

function statusText(s: AgentState, protocolo: string | null, ctx: FlowContext): string {
  if (!protocolo) return 'Me diga o protocolo: "status 2026112300042".';
  const m = Object.values(s.monitorings).find(
    (x) => x.ticket.protocolo === protocolo || x.rsp?.protocolo === protocolo || Object.values(x.weeks).some((w) => w?.protocolo === protocolo),
  );
  if (!m) return `Não encontrei nenhum monitoramento seu com o protocolo ${protocolo}.`;
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

/** "1".."5", a code, or the agent's words → the specific ticket type. */
export function demandCode(text: string, okCode: string): string | null {
  const t = fold(text);
  const byNumber: Record<string, string> = { '1': '000001', '2': '000002', '3': '000003', '4': '000025', '5': okCode };
  const n = /^(\d{1,6})\b/.exec(t)?.[1];
  if (n && byNumber[n]) return byNumber[n];
  if (n && ['000001', '000002', '000003', '000025', '000029', '25', '29'].includes(n)) return n.padStart(6, '0');
  if (/(apenas ok|so ok|somente ok|sem demanda|nenhuma demanda|nada tecnico|tudo ok|tudo certo|^ok$)/.test(t)) return okCode;
  if (/\bdsn\b|desenvolv|bug/.test(t)) return '000003';
  if (/\bsup\b|resolvid|corrigi|resolvi/.test(t)) return '000025';
  if (/operac|usuario errou|cliente errou|fez errado|erro do cliente|erro de uso/.test(t)) return '000002';
  if (/duvida|como fazer|nao sabia|pergunt/.test(t)) return '000001';
  return null;
}
