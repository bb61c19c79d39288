import { sameCode } from '../../domain/ticket-codes.js';
import type { TicketDraft } from '../../domain/ticket-draft.js';
import { customerCode, protocol } from '../../nlu/entities.js';
import type { AgentReading } from '../../nlu/language-model.js';
import type { Dialog, Draft, Turn } from '../agent-state.js';
import { beforeInlineParecer, inlineParecer, parecerAfterCode, rspRequested, withoutParecerLabel } from '../language.js';
import { firstDue, monitoringCreated } from '../monitoring/cycle.js';
import { greeting } from '../monitoring/messages.js';
import { externalKey2266, monitoringId, text2266 } from '../monitoring/model.js';
import { pick } from '../phrases.js';
import { askAgain } from './commands.js';
import { fold, oneLine, truncate } from '../../util/text.js';
import { outcomeOf } from '../../domain/results.js';
import type { InternalEvent } from '../../domain/stream.js';

/**
 * The implantation close (docs/mission/monitoring-2266.md §1), in the order it happens: the
 * agent says the implantation is finished; the bot looks the customer up in Bimer, asks for the
 * parecer and the RSP (its protocol, or the bot registers it), then creates the 2266 delegated to
 * the agent 7 days ahead, and the weekly cycle starts (`monitoring/cycle.ts`). Pure.
 */

type DialogAnswer = 'answer.yes' | 'answer.yes_demand' | 'answer.no' | 'answer.register';

/** The close's first message: the customer's code, and the parecer ("Parecer: …") and the RSP's protocol when it already gives them. */
export function startClose(t: Turn, text: string, code: string | null): void {
  const { s, seed, out } = t;
  const rsp = protocol(text) ?? undefined;
  const labelled = inlineParecer(text);
  if (labelled) code = customerCode(beforeInlineParecer(text));
  // "…do cliente 123, cliente satisfeito mas teve dúvida no caixa": the parecer said without its label.
  const inline = labelled ?? (code ? parecerAfterCode(text, code) : null);
  const said = inline && rsp ? withoutRsp(inline, rsp) || null : inline;
  // "parecer: cliente satisfeito. rsp registra vc": the request is no part of the `P:` line (the RSP is asked next).
  const parecer = said ? pLine(withoutParecerLabel(rspRequested(said).rest)) || null : null;
  // "…, rsp registrar": the RSP is opened by the bot, not asked for again.
  const registerRsp = !rsp && rspRequested(text).requested;
  if (!code) {
    s.dialog = { kind: 'close.needCode', parecer, ...(rsp && { rsp }), ...(registerRsp && { registerRsp }) };
    out.say(`${greeting(seed, s.name ?? '')} Parabéns pela implantação! Qual é o código do cliente no Bimer?`);
    return;
  }
  lookup(t, code, parecer, rsp, registerRsp);
}

export function lookup(t: Turn, code: string, parecer: string | null, rsp?: string, registerRsp = false): void {
  const { s, out } = t;
  s.dialog = { kind: 'close.lookup', code, parecer, ...(rsp && { rsp }), ...(registerRsp && { registerRsp }) };
  out.bimer({ op: 'lookupClose', customerCode: code, agentLogin: s.login }, 'close.lookup', { code });
  out.say(`Um instante, estou conferindo o cliente ${code} no Bimer…`);
}

/** Checks the RSP's protocol in Bimer (the 2266 follows once it is found); `lead` opens the line the agent reads. */
function checkRsp(t: Turn, draft: Draft, protocolo: string, lead = ''): void {
  t.s.dialog = { kind: 'close.waiting', draft };
  t.out.bimer({ op: 'findTicketByProtocol', customerCode: draft.customer.code, protocolo }, 'close.rspFind', { protocolo });
  t.out.say(`${lead}Conferindo o RSP ${protocolo} no Bimer…`);
}

/**
 * The parecer's words without the RSP's protocol said with them ("cliente satisfeito, rsp
 * 2026110900017" → "cliente satisfeito"): the protocol goes to the RSP, not on the "P:" line.
 */
export function withoutRsp(text: string, protocolo: string): string {
  const digits = protocolo.split('').join('[\\s.\\-/]?');
  const mention = new RegExp(
    `(?:\\b(?:e|com)\\s+)?(?:\\b(?:o|do)\\s+)?(?:\\b(?:(?:protocolo|prot|n[uú]mero|n[º°o])\\.?\\s+d[oa]\\s+)?(?:rsp|protocolo|prot)\\b\\.?\\s*(?:é|eh|e|n[º°o]?\\.?|[:#=-])?\\s*(?:o\\s+)?)?${digits}`,
    'i',
  );
  return text
    .replace(mention, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,.;:])(?:\s*[,.;:])+/g, '$1')
    .replace(/^[\s,.;:–-]+|[\s,;:–-]+$/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * A message while the close waits (for Bimer, the RSP's protocol or the customer's code): true
 * when the close took it. Waiting for Bimer, only a protocol sent ahead is kept; a cancel still
 * goes through.
 */
export function closeMessage(t: Turn, d: Dialog, reading: AgentReading): boolean {
  const { out } = t;
  const cancel = reading.kind === 'intent' && reading.intent === 'agent.cancel';
  if ((d.kind === 'close.lookup' || d.kind === 'close.waiting') && !cancel) {
    if (d.kind === 'close.lookup' && reading.entities.protocol) {
      d.rsp = reading.entities.protocol;
      out.say(`Anotei o RSP ${reading.entities.protocol}. Assim que o Bimer confirmar o cliente eu confiro o protocolo.`);
    } else {
      out.say('Só um instante: ainda estou aguardando o Bimer responder. Te aviso assim que terminar.');
    }
    return true;
  }
  if (d.kind === 'close.rsp' && reading.entities.protocol) {
    checkRsp(t, d.draft, reading.entities.protocol);
    return true;
  }
  if (d.kind === 'close.needCode' && reading.entities.customerCode && !cancel) {
    lookup(t, reading.entities.customerCode, d.parecer, reading.entities.protocol ?? d.rsp, d.registerRsp === true && !reading.entities.protocol);
    return true;
  }
  return false;
}

/** The longest parecer the 2266's "P:" line keeps (code points; the check-ins quote it too). */
export const PARECER_MAX = 500;

/** The parecer as the "P:" line holds it: one line (line breaks and tabs are spaces), at most `PARECER_MAX`. */
function pLine(text: string): string {
  return truncate(oneLine(text), PARECER_MAX);
}

/** The parecer, in the agent's own words: it goes on the 2266's "P:" line. */
/** A word that answers the bot's questions, never an opinion of the delivery; group 1: "registrar" (the RSP's "open it for me"). */
const DIALOG_WORD = /^\s*(?:(registr\w*|abre|abra|abri)|sim|s|nao|n|ok|okay|blz|beleza|pode|isso|certo|feito|pronto|cancel\w*)\s*[.!]*\s*$/;

export function closeParecer(t: Turn, d: Extract<Dialog, { kind: 'close.parecer' }>, text: string): void {
  const { s, seed, out } = t;
  // The RSP said with the parecer ("cliente satisfeito, rsp 2026…") is the RSP, and no part of the parecer.
  const said = protocol(text);
  if (said) d.rsp = said;
  // "parecer cliente animado, registra o rsp pra mim": the label and the request are no part of it.
  const { rest, requested } = rspRequested(said ? withoutRsp(text, said) : text.trim());
  const parecer = pLine(withoutParecerLabel(rest));
  // A bare "registrar" (the RSP's answer, said a step early), "sim" or "ok" is no parecer: the 2266 got "P: registrar".
  const bare = DIALOG_WORD.exec(fold(parecer));
  const registers = requested || bare?.[1] !== undefined;
  if (parecer.length < 3 || bare) {
    const noted = said ? `Anotei o RSP ${said}. ` : registers ? 'Certo, eu registro o RSP. ' : '';
    if (registers && !said) d.registerRsp = true;
    return out.say(`${noted}Escreva o parecer em uma ou duas frases, por favor (vai na linha "P:" do 2266).`);
  }
  d.draft.parecer = parecer;
  if (d.rsp) return checkRsp(t, d.draft, d.rsp, 'Parecer anotado. ');
  if (requested || d.registerRsp) {
    s.dialog = { kind: 'close.waiting', draft: d.draft };
    registerRsp(t, d.draft);
    return out.say('Parecer anotado. Vou registrar o RSP da implantação no Bimer e em seguida o 2266.');
  }
  s.dialog = { kind: 'close.rsp', draft: d.draft };
  out.say(`Parecer anotado. ${askRsp(seed)}`);
}

function askRsp(seed: string): string {
  return pick(seed, [
    'Agora o RSP: qual é o protocolo do RSP desta implantação? Se ainda não registrou, responda "registrar" que eu abro para você.',
    'E o RSP (Relatório de Serviço Prestado)? Me passe o protocolo, ou responda "registrar" para eu abrir agora.',
  ]);
}

/** The answer to "what is the RSP's protocol?": a yes asks for the number, "registrar" has the bot open it. */
export function rspAnswer(t: Turn, d: Extract<Dialog, { kind: 'close.rsp' }>, intent: DialogAnswer, text: string): void {
  const { s, out } = t;
  const f = fold(text);
  // "o rsp eu já abri, peraí que vou ver o número": it exists; opening another would make a second RSP.
  if (intent === 'answer.yes' || intent === 'answer.yes_demand' || ALREADY_OPENED.test(f)) {
    return out.say('Ótimo! Quando tiver o número, me passe o protocolo do RSP (a data e um número, ex.: 2026110900017).');
  }
  // A "no" about something else ("n consegui falar, liguei 2x…") is no answer to the RSP's question.
  if (intent === 'answer.no' && !NOT_YET.test(f)) return out.say(askAgain(t, d));
  s.dialog = { kind: 'close.waiting', draft: d.draft };
  registerRsp(t, d.draft);
  out.say('Certo, vou registrar o RSP da implantação no Bimer e em seguida o 2266.');
}

/** An RSP already there, its number to come ("já abri", "já registrei o rsp sim, só um seg"). */
const ALREADY_OPENED = /\bja\s+(?:o\s+)?(?:abri|registrei|criei|fiz|tenho|lancei|abriram|registraram|existe|foi (?:aberto|registrado|criado)|(?:esta|ta) (?:aberto|registrado))\b/;
/** A "no" to the RSP's question: not registered yet, in a few words or saying so. */
const NOT_YET = /^\s*(?:\S+\s*){1,3}$|\b(?:rsp|registr\w*|abri|abriu|criei|ainda|tenho)\b/;

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

/** Bimer's answers during the close: the customer found, the RSP found or created, the 2266 created. */
export function onCloseResult(t: Turn, ev: InternalEvent, context: Record<string, unknown>): void {
  const { s, now, ctx, out } = t;
  const d = s.dialog;
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
        s.dialog = { kind: 'close.parecer', draft, ...(d.rsp && { rsp: d.rsp }), ...(d.registerRsp && { registerRsp: true }) };
        return out.say(
          `${who} Qual é o seu parecer técnico sobre a entrega e a percepção do cliente? Ele vai na linha "P:" do 2266 (ex.: "Cliente satisfeito e teve algumas dúvidas.").`,
        );
      }
      if (d.rsp) return checkRsp(t, draft, d.rsp, `${who} Parecer anotado. `);
      if (d.registerRsp) {
        s.dialog = { kind: 'close.waiting', draft };
        registerRsp(t, draft);
        return out.say(`${who} Parecer anotado. Vou registrar o RSP da implantação no Bimer e em seguida o 2266.`);
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
      // The 2266 cites the RSP of this delivery: a ticket of another type (the last cycle's 000003) is no RSP.
      if (ticket.typeCode && !sameCode(ticket.typeCode, ctx.monitoring.rspType)) {
        s.dialog = { kind: 'close.rsp', draft: d.draft };
        return out.say(
          `O protocolo ${ticket.protocolo} é de um atendimento ${ticket.typeCode}, não do RSP (${ctx.monitoring.rspType}) desta entrega. Me mande o protocolo do RSP, ou responda "registrar" para eu abrir o RSP.`,
        );
      }
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
  }
}

/** A step of the close that Bimer refused for good: nothing registered is lost; the agent tries again later. */
export function closeFailed(t: Turn, tag: string, error: string): void {
  const { s, out } = t;
  const d = s.dialog;
  if (d.kind === 'close.lookup' || d.kind === 'close.waiting') s.dialog = { kind: 'idle' };
  out.say(`Não consegui concluir no Bimer: ${whyInWords(error)}. Nada foi perdido do que já estava registrado; tente de novo em alguns minutos ou fale com seu supervisor.`);
  out.push({ type: 'log', level: 'error', message: 'bimer step failed for good', data: { tag, error } });
}

/** Why Bimer failed, said to the agent in Portuguese (the technical error stays in the log). */
function whyInWords(error: string): string {
  if (/authentication failed/i.test(error)) return 'o Bimer recusou o login do bot (avise o suporte técnico)';
  if (/\b(?:5\d\d|429|408)\b|unavailable|timeout|timed out|ECONN|fetch failed|socket/i.test(error)) return 'o Bimer ficou fora do ar por mais tempo do que eu podia esperar';
  return `o Bimer recusou o pedido (${error})`;
}
