import type { KarooEvent } from '../../domain/karoo-event.js';
import { PENDING_NO_REASON, PENDING_TECHNICIAN } from '../plantao/messages.js';
import { technicianWrote } from '../plantao/record.js';
import { askHardwareTickets } from './hardware.js';
import { armIdle, enterShift, leavePending, tellMonitoringOwner } from './shift.js';
import type { ChatTurn, PlantaoChat } from './state.js';
import { opensAsQuestion } from '../../nlu/question-cues.js';
import { fold } from '../../util/text.js';

/**
 * A technician (a Karoo agent) writes in a customer's or partner's chat: the hardware hint the
 * customer's problem was waiting for goes to them; during a shift the line goes into the QA record;
 * `#externo` takes the chat out of the bot's check-ins; `#pendente <motivo>` hands the chat to the
 * pending work of the shift (`ops:pending`); any other line restarts the silence count, so the bot
 * never talks over a person. Pure.
 */
export function technicianInChat(t: ChatTurn, event: KarooEvent, text: string): void {
  const { s, now, ctx } = t;
  askHardwareTickets(t, event.chat.agent);
  const shift = ctx.roster.activeShift(event.chat.department, now);
  const p = shift ? enterShift(t, shift) : s.plantao;
  const command = commandIn(text);
  // What the technician said to the contact, besides the command: a line of the QA record. A line opening with the
  // command ("#externo pode deixar, me chama quando voltar") says the rest to the contact; "#pendente trocar o leitor"
  // is the technician's act on the chat all the same (QA had counted such a chat "sem técnico", waiting to the end).
  // A bare "#externo" is that act too.
  const said = command ? command.before || command.after || `#${command.name}` : text;
  // ("Olá, tudo bem? …, aguarde só um instante" asks nothing of the contact: the greeting's question is no question.)
  const asks = opensAsQuestion(said.replace(GREETING_QUESTION, ' '));
  // "Vou verificar, um momento": the contact now waits for the technician (the check-in says the plantão has it,
  // never "conseguiu seguir?"), and QA counts that wait on.
  // (…unless the same line leaves the chat pending: "vou acessar aí. #pendente reinstalar o serviço, fica pra segunda" waits
  // for the next business day, and QA had counted it as 585 minutes without an answer: found by an outside tester.)
  // (…nor while the contact does what the line tells them: "vou verificar aqui, enquanto isso confere se a porta 4096 ta
  // liberada" waits for the contact's result, and QA had counted the 85 minutes the partner took as the technician's.)
  const instructs = INSTRUCTS.test(fold(said).replace(LEADING_NAME, ''));
  const working = !asks && !instructs && command?.name !== 'pendente' && WORKING.test(fold(said));
  if (shift && p?.record && event.chat.agent?.login && said) {
    technicianWrote(p.record, { login: event.chat.agent.login, name: event.chat.agent.name }, said, now, ctx.nlu.technicianKinds(said), working);
  }
  if (p && said) {
    p.awaitingTechnician = working;
    p.technicianWorking = working;
    p.technicianHolds = asks || HOLDS.test(fold(said)) || instructs;
    // The technician is still at it ("me manda uma foto do leitor?"): a close waiting on a quiet
    // while after an unclear "ok", or after an "all fine" the technician answers with a question, is off.
    if (p.closeDueAt && !p.externo && (p.closeUnsure || p.technicianHolds)) {
      p.closeDueAt = null;
      p.closeUnsure = false;
      p.askedToClose = false;
    }
  }
  if (command?.name === 'externo') return externo(p);
  if (command?.name === 'pendente') return pending(t, event, command.after || command.before || PENDING_NO_REASON, p, shift !== null);
  // The technician is talking: the bot does not talk over them, the silence count restarts.
  if (p && !p.externo && !p.closeDueAt) {
    p.pings = 0;
    armIdle(t, p);
  }
}

/** A greeting's "tudo bem?", "como vai?": no question to be answered before the technician goes on. */
const GREETING_QUESTION = /\b(?:tudo bem|td bem|tudo bom|tudo certo|como vai|como est[aá])\s*\?/gi;

/** A technician's line saying they are at it ("vou verificar, um momento", "aguarde", "já te retorno"). */
const WORKING = /\b(?:vou (?:verificar|ver|checar|conferir|analisar|olhar|testar|consultar|acessar|conectar|entrar)|deixa eu (?:ver|verificar|olhar|conferir)|um (?:momento|minuto|instante)(?:zinho)?|so um (?:momento|minuto|instante|pouco)|aguarde|ja (?:te )?(?:retorno|volto)|verificando|analisando|olhando aqui)\b/;

/** A technician's line asking the contact for something or to wait while they look ("me manda uma foto", "vou verificar, um momento"). */
const HOLDS = /\b(?:me (?:manda|mande|envia|envie|passa|passe|fala|fale|avisa|avise|diz|diga|conta|conte|retorna|retorne)|(?:testa|teste|tenta|tente) (?:ai|de novo|novamente|agora)|pode (?:me )?(?:mandar|enviar|passar|tirar|testar|verificar|conferir)|vou (?:verificar|ver|checar|conferir|analisar|olhar|testar|consultar)|deixa eu (?:ver|verificar|olhar|conferir)|um (?:momento|minuto|instante)(?:zinho)?|so um (?:momento|minuto|instante|pouco)|aguarde|aguarda|ja (?:te )?(?:retorno|volto)|verificando|analisando|olhando aqui)\b/;

/**
 * A technician's line telling the contact what to do ("reinicia o serviço do sitef e testa", "Maria, fecha o
 * sistema e abre de novo"): a bare "ok" answers the instruction, it says nothing is solved (found by an
 * outside tester: a partner's "ok" was asked "posso encerrar?", and the next "ok" closed the chat).
 */
const INSTRUCTS =
  /(?:^|[,.!;:]\s*|\be\s+|\bdepois\s+|\benquanto isso\s+)(?:reinici[ae]|fech[ae]|abr[ae]|abre|confer[ae]|confira|verifi(?:ca|que)|cli(?:ca|que)|acess[ae]|deslig[ae]|tir[ae]|coloc[ae]|coloque|troc[ae]|troque|atualiz[ae]|reinstal[ae]|entr[ae]|vai (?:em|no|na|ate)|v[aá] (?:em|no|na|ate)|apert[ae]|digit[ae]|selecion[ae]|marc[ae]|desmarc[ae]|test[ae]|tent[ae]|rod[ae]|execut[ae]|cadastr[ae]|mud[ae]|alter[ae]|limp[ae]|exclu[ai]|apag[ae]|salv[ae]|emit[ae]|reimprim[ae]|import[ae]|baix[ae]|instal[ae]|conect[ae]|reconect[ae]|reconfigur[ae]|configur[ae]|ve se|veja se)\b/;
/** "Maria, " or "Oi Maria, " before the instruction. */
const LEADING_NAME = /^\s*(?:(?:oi|ola|bom dia|boa tarde|boa noite)[\s,!]+)?(?:\p{L}+\s*,\s*)?/u;

/**
 * A command in a technician's line: `#externo` or `#pendente` anywhere as a hashtag ("vou
 * verificar, me passa a chave? #externo"; "#pendente renovar a licença"; "licença vence segunda
 * #pendente"), or `/externo`, `/pendente` opening the line; with what was written before and after it.
 */
export function commandIn(text: string): { name: 'externo' | 'pendente'; before: string; after: string } | null {
  const m = /^\s*\/(externo|pendente)\b/i.exec(text) ?? /(?:^|\s)#(externo|pendente)\b/i.exec(text);
  if (!m?.[1]) return null;
  const trim = (x: string) => x.replace(/^[\s:\-–,.;]+|[\s:\-–,;]+$/g, '').trim();
  return { name: m[1].toLowerCase() === 'externo' ? 'externo' : 'pendente', before: trim(text.slice(0, m.index)), after: trim(text.slice(m.index + m[0].length)) };
}

/** `#externo`: a chat the technicians follow outside the bot's rules (no check-ins, no close). */
function externo(p: PlantaoChat | null): void {
  if (!p) return;
  p.externo = true;
  p.idleDueAt = null;
  p.closeDueAt = null;
}

/** `#pendente <motivo>`: the chat goes to the shift's pending work, handed to a manager at the next opening. */
function pending(t: ChatTurn, event: KarooEvent, reason: string, p: PlantaoChat | null, inShift: boolean): void {
  if (p?.record && inShift) p.record.pending = reason;
  leavePending(t, p, {
    reason,
    by: event.chat.agent?.name ?? event.chat.agent?.login ?? PENDING_TECHNICIAN,
    chatNumber: event.chat.number,
    sector: event.chat.department,
    at: t.now.toISOString(),
  });
  // Left by the plantão (a technician's #pendente on a business day is the implanter's own department's business).
  if (inShift) tellMonitoringOwner(t, reason, t.now.toISOString(), false);
}
