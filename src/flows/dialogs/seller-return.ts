import type { Turn } from '../agent-state.js';
import { greeting } from '../monitoring/messages.js';
import { capitalise, str } from '../phrases.js';
import { formatPhone } from '../../util/phone.js';
import { customerRef, type Monitoring } from '../monitoring/model.js';
import { rewrite2266 } from './week-record.js';
import { outcomeOf } from '../../domain/results.js';
import { timerIds } from '../timer-ids.js';
import type { InternalEvent } from '../../domain/stream.js';
import { startCheckin } from './checkin-queue.js';
import { asksSomething, opensAsQuestion } from '../../nlu/question-cues.js';
import { fold } from '../../util/text.js';

/**
 * The salesperson's part of a week 1 without contact (the check-in delegated the 2266 to them,
 * `checkin.ts`, scenario B): they are told in their Karoo bot chat; their return, reported by
 * them or by the agent, is written on the week's line, the 2266 comes back to the agent, and the
 * week-1 contact is tried again. Pure.
 */

/** The salesperson's Karoo login, read from Bimer after a week 1 without contact: they are told in their own bot chat. */
export function onSellerUser(t: Turn, ev: InternalEvent, context: Record<string, unknown>): void {
  const { s, seed, out } = t;
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
      text: [
        `${greeting(seed, user.name)} ${m.erasedAt ? capitalise(customerRef(m)) : `O cliente ${customerRef(m)}`} não respondeu ao contato da 1ª semana do monitoramento pós-implantação, e o 2266 (protocolo ${m.ticket.protocolo}) foi delegado para você.`,
        str(context.attempts),
        `Pode entrar em contato com o cliente${phonesToCall(m)}? Quando tiver retorno, me diga aqui: "retornei do cliente ${m.customer.code}: <o que o cliente disse>".`,
      ]
        .filter(Boolean)
        .join(' '),
    });
    out.say(`Avisei o vendedor ${user.name} pelo Karoo.`);
  } else {
    out.say(`O vendedor do cliente não tem login no Karoo; avise-o por outro canal, por favor.`);
  }
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

/**
 * What the salesperson said: the words after a colon or a dash ("…retornou do 123: ela viajou"),
 * else after the clause that tells the return ("o pedro me deu retorno, ela tava viajando…").
 */
export function noteOf(text: string): string {
  const after = /[:\-–]\s*(.+)$/s.exec(text)?.[1]?.trim() ?? RETURN_CLAUSE.exec(text)?.[1]?.trim();
  return after && after.length > 2 ? after : '';
}

/** The clause that tells a return ("o vendedor retornou", "o pedro me deu retorno"), and what follows it. */
const RETURN_CLAUSE = /^[^,.;!]*\b(?:retorno|retornou|respondeu|deu\s+(?:um\s+)?(?:retorno|resposta))\b[^,.;!]*[,.;!]\s*(.+)$/is;
const SELLER_WORD = /\b(?:vendedor|vendedora|vend)\b/;
const SUPERVISION_WORD = /\b(?:supervis\w*|coordenador\w*|gerente)\b/;
const RETURN_WORD = /\b(?:retorno|retornou|retornar|respondeu|resposta)\b/;

/**
 * The salesperson's return told in the agent's own words, not as the command ("o pedro me deu
 * retorno, conseguiu falar com a dona…"): the monitoring waiting for it, when exactly one of the
 * agent's does and the message names the salesperson (the word or their first name) and a return
 * without asking anything.
 */
export function sellerReturnTold(t: Turn, text: string): Monitoring | null {
  const waiting = Object.values(t.s.monitorings).filter((m) => m.phase === 'seller_wait');
  const m = waiting.length === 1 ? waiting[0] : undefined;
  if (!m) return null;
  const folded = fold(text);
  const first = fold(m.seller?.name ?? '').split(' ')[0] ?? '';
  // A customer with no salesperson waits for supervision's return ("a carla da supervisão me deu retorno…").
  const namesSeller = SELLER_WORD.test(folded) || (first.length > 2 && folded.split(/[^a-z0-9]+/).includes(first)) || (!m.seller && SUPERVISION_WORD.test(folded));
  return namesSeller && RETURN_WORD.test(folded) && !asksSomething(folded) && !opensAsQuestion(text) ? m : null;
}

export function sellerReturned(t: Turn, m: Monitoring, note: string): void {
  const { now, ctx } = t;
  const who = m.seller ? 'vendedor retornou' : 'retorno recebido (cliente sem vendedor)';
  takeBack(t, m, `${who} em ${ctx.calendar.formatDate(now)}${note ? `: ${note}` : ''}`, `${m.seller ? 'Retorno do vendedor recebido' : 'Retorno recebido'}: retomar o contato da 1ª semana do monitoramento.`);
  // The salesperson's words are theirs, not the customer's: the check-in tells them as such.
  m.sellerReturn = note ? { note, at: now.toISOString() } : null;
  m.customerReply = null;
  // The week-1 contact is tried again with the agent (the seed leaves this open; see docs/ROUTINES.md).
  startCheckin(t, m);
}

/**
 * The implanter reached the customer before the salesperson did: the 2266 comes back to them, and
 * the salesperson, who was asked to call the customer, is told it is no longer needed.
 */
export function takenBackByImplanter(t: Turn, m: Monitoring): void {
  const { s, seed, now, ctx, out } = t;
  takeBack(t, m, `2266 retomado pelo implantador em ${ctx.calendar.formatDate(now)}`, 'Retomado pelo implantador: contato da 1ª semana do monitoramento.');
  if (!m.seller?.login) return;
  out.push({
    type: 'karoo.proactive',
    to: { login: m.seller.login },
    department: 'bot',
    text: `${greeting(seed, m.seller.name ?? '')} Pode desconsiderar o pedido sobre ${customerRef(m)}: ${s.name ?? 'o implantador'} falou com o cliente e retomou o 2266 (protocolo ${m.ticket.protocolo}). Obrigado!`,
  });
}

/**
 * The 2266 comes back from the salesperson to the implanter (their return, or the implanter who
 * reached the customer first): the week-1 line keeps the story, the reminders to the salesperson stop.
 */
function takeBack(t: Turn, m: Monitoring, line: string, delegationNote: string): void {
  const { now, ctx, out } = t;
  out.cancel(timerIds.monitoring(m.id, 'seller', 1));
  m.weeks[1] = { ...m.weeks[1], note: `${m.weeks[1]?.note ?? 'sem contato com o cliente'}; ${line}`, scenario: 'B', code: null, protocolo: null };
  rewrite2266(t, m, 1);
  out.bimer({ op: 'delegate', ticketId: m.ticket.id, userId: m.agent.id, date: ctx.calendar.bimerDateTime(now), note: delegationNote }, 'mon.delegate', { monitoringId: m.id });
  m.phase = 'agent_checkin';
}

/**
 * The record's numbers for a call, as people read them, each one WhatsApp said reaches nobody marked so (a number
 * without WhatsApp may still take a call): " (telefones no cadastro: (21) 99999-0000, sem WhatsApp; (21) 2222-0000)".
 */
function phonesToCall(m: Monitoring): string {
  const phones = [...new Set([m.customer.phone, ...(m.customer.others ?? [])].filter((p): p is string => Boolean(p)))];
  if (phones.length === 0) return '';
  const said = phones.map((p) => {
    const dead = m.deadPhones?.[p];
    return `${formatPhone(p)}${dead ? (dead.error === 'blocked' ? ', que bloqueou a empresa no WhatsApp' : ', sem WhatsApp') : ''}`;
  });
  return ` (${phones.length === 1 ? 'telefone no cadastro' : 'telefones no cadastro'}: ${said.join('; ')})`;
}
