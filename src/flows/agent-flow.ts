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
import { demandQuestion, greeting, helpText, listMonitorings, summaryQuestion } from './monitoring/messages.js';
import { WEEK_ORDINAL, externalKey2266, monitoringId, text2266, type WeekNo } from './monitoring/model.js';
import { firstName, pick, str } from './phrases.js';
import type { FlowContext, FlowResult, InternalEvent, StreamItem } from './types.js';
import { Out, type AgentState, type Draft } from './agent-state.js';
import {
  checkinContact,
  checkinSummary,
  demandCode,
  firstDue,
  monitoringCreated,
  onForward,
  onTimer,
  phonesRead,
  recordWeek,
  sellerReturnFromAgent,
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
    case 'close.lookup': {
      // The agent answers ahead (the RSP before the bot asked): keep it for when Bimer answers.
      const early = findProtocol(text);
      if (early) {
        d.rsp = early;
        return out.say(`Anotei o RSP ${early}. Assim que o Bimer confirmar o cliente eu confiro o protocolo.`);
      }
      return out.say('Só um instante: ainda estou aguardando o Bimer responder. Te aviso assim que terminar.');
    }
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

// ---- results of Bimer and Karoo calls -----------------------------------------------------

function onResult(s: AgentState, ev: InternalEvent, now: Date, ctx: FlowContext, out: Out): void {
  const ok = ev.data.ok === true;
  const result = (ev.data.result ?? {}) as Record<string, unknown>;
  const context = (ev.data.context ?? {}) as Record<string, unknown>;
  const d = s.dialog;

  if (ev.name === 'week.phones') {
    const m = s.monitorings[str(context.monitoringId)];
    // Bimer failing for good or the customer gone: the week goes on with the phone it had (none).
    const read = ok && result.found === true ? (result.phones as { phone: string | null; invalidPhones?: string[] }) : null;
    return m ? phonesRead(s, m, Number(context.week) as WeekNo, read, ev.id, now, ctx, out) : undefined;
  }
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
