import type { KbEntry } from '../../faq/knowledge-base.js';
import type { AgentReading } from '../../nlu/language-model.js';
import type { FaqDecision } from '../../nlu/faq-reading.js';
import { fold } from '../../util/text.js';
import { protocol } from '../../nlu/entities.js';
import { plantaoFromRoster } from './faq-roster.js';
import type { Dialog, Turn } from '../agent-state.js';
import { helpText } from '../monitoring/messages.js';
import { customerRef } from '../monitoring/model.js';
import { capitalise, firstName, Hi, pick } from '../phrases.js';
import type { News } from '../news.js';

/**
 * The agents' assistant: a question about the routines answered from the knowledge base (when
 * two answers are close, the likelier one, with the other offered in a line), or "não sei" (the question is
 * kept for the maintainers); an answer that explains the 2266 offers to create it. Pure.
 */

/** The agents' assistant: answers questions about the routines from the knowledge base. */
export function faqReply(t: Turn, text: string, asked: FaqDecision): void {
  const { s, seed, now, out } = t;
  const found = forTheWeekAtHand(t, text, asked);
  const inDialog = s.dialog.kind !== 'idle';
  // When the plantão is on, or what its roster post is for, which the base does not say: the rules' days and the roster's hours.
  const fromRoster = found.kind === 'unknown' ? plantaoFromRoster(t, text) : null;
  if (fromRoster) {
    out.push({ type: 'metric', name: 'faq.question', outcome: 'answered' });
    return out.say(fromRoster);
  }
  out.push({ type: 'metric', name: 'faq.question', outcome: found.kind === 'answer' ? 'answered' : found.kind === 'options' ? 'options' : 'unknown' });
  // What the bot was unsure of, or did not know, is kept for the supervisors (/painel § Perguntas
  // sem resposta) with what it answered: "não sei", a close call, or an answer given with low confidence.
  const entries = found.kind === 'answer' ? [found.entry.id] : found.kind === 'options' ? found.entries.map((e) => e.id) : [];
  const kind = found.kind === 'answer' ? 'low' : found.kind;
  if (found.kind !== 'answer' || found.confidence < LOW_CONFIDENCE) {
    out.push({ type: 'record', list: 'faq-unanswered', value: { question: text, login: s.login, name: s.name, at: now.toISOString(), kind, entries, confidence: Math.round(found.confidence * 1000) / 1000 } });
  }
  if (found.kind === 'answer') {
    const others = otherAnswers(t, text, [found.entry.id]);
    // A protocol of a 2266 already made ("o rsp é 2026…" said again): told where it is, no offer to make another.
    const made = found.entry.action === 'create_2266' ? monitoringOfProtocol(t, text) : null;
    if (made && !text.includes('?')) return out.say(made); // told, not asked: where it is is the answer
    // The offer to create the 2266 waits for a yes: asked last, or not at all when more follows.
    // …nor after a question on what a thing is ("o que é RSP", "2266 é categoria o que?"): the agent asked to know, not to do.
    answerEntry(t, { ...found.entry, answer: fittedOpening(found.entry.answer, text) }, !inDialog && others.length === 0 && !made && !DEFINITION.test(fold(text)));
    if (made) out.say(made);
    return sayOthers(t, others);
  }
  if (found.kind === 'options') {
    // Two answers close together: the likelier one at once, the other offered in one line
    // (a menu first made the agent answer a question before getting any answer).
    const [a, b] = found.entries;
    answerEntry(t, a, false);
    const others = otherAnswers(t, text, [a.id]);
    if (others.length > 0) return sayOthers(t, others);
    if (inDialog) return out.say(`Se a sua dúvida era outra, "${b.question}", me pergunte de novo com um pouco mais de detalhe.`);
    s.dialog = { kind: 'faq.choose', ids: [a.id, b.id] };
    return out.say(pick(seed, [`Se a sua dúvida era outra, "${b.question}", responda 2.`, `Era outra coisa? Se for "${b.question}", responda 2.`]));
  }
  // One question on each routine, which read together the base does not place: each answered on its own.
  const both = otherAnswers(t, text, []);
  if (both.length === 2) return sayOthers(t, both, 'each');
  // What the bot can do follows a "não sei" once a day, not after every question it does not know.
  const today = t.ctx.calendar.formatDate(t.now);
  const showHelp = !inDialog && (!s.helpShownAt || t.ctx.calendar.formatDate(new Date(s.helpShownAt)) !== today);
  if (showHelp) s.helpShownAt = t.now.toISOString();
  out.say(
    `${pick(seed, ['Não sei responder isso com segurança.', 'Essa eu não sei.', 'Não encontrei isso no que eu sei.'])} Vale perguntar à sua supervisão imediata; anotei a pergunta para a equipe que mantém minhas respostas.${showHelp ? `\n${helpText(firstName(s.name))}` : ''}`,
  );
}

/**
 * What the agent's words name of a monitoring they already have: the protocol of its RSP or of its
 * 2266, said as such, told back with the 2266 and its next contact; null when none is named.
 */
function monitoringOfProtocol(t: Turn, text: string): string | null {
  const { s, ctx } = t;
  const said = protocol(text);
  if (!said) return null;
  const m = Object.values(s.monitorings).find((x) => x.rsp?.protocolo === said || x.ticket.protocolo === said);
  if (!m) return null;
  const which = m.ticket.protocolo === said ? `O 2266 ${said}` : `O RSP ${said} já está vinculado ao 2266 ${m.ticket.protocolo}, que`;
  const next = m.phase === 'done' ? ' O ciclo de 3 semanas já terminou e o 2266 está com a supervisão imediata.' : m.phase === 'scheduled' ? ` Não precisa criar outro: o próximo contato é ${ctx.calendar.describe(new Date(m.dueAt))}, e eu te chamo nesse dia.` : ' Não precisa criar outro: o monitoramento está em andamento.';
  return `${which} ${m.ticket.protocolo === said ? 'já é' : 'é'} o monitoramento de ${customerRef(m)}.${next}`;
}

/** An answer given below this confidence is also listed for the supervisors (they may teach a better one). */
const LOW_CONFIDENCE = 0.5;

/**
 * The questions of a message that asks several ("abro o 29? e quanto paga o plantão?"): each
 * piece ended by a question mark, and what follows the last one, when there are two or more with
 * three words or more each (none when the message quotes someone: their question marks are theirs).
 */
function questionsIn(text: string): string[] {
  if (/["“”]/.test(text)) return [];
  // Each piece's last sentence: "bom dia! quanto tempo…" asks "quanto tempo…".
  // "qual o código de erro de operação e quem fecha o 2266?": two questions joined by "e" and a question word.
  const pieces = text
    .split('?')
    .map((p) => (p.split(/[.!]+\s+/).at(-1) ?? '').replace(/^[\s,.;:!]+|[\s,.;:!]+$/g, ''))
    .flatMap((p) => p.split(JOINED_QUESTION))
    .map((p) => p.replace(/^(?:duas|2|tres|3)\s+(?:coisas|perguntas|duvidas)\s*[:,-]?\s*/i, '').trim())
    .filter((p) => p.split(/\s+/).length >= 3);
  return pieces.length >= 2 ? pieces : [];
}

/**
 * A question that asks who, which, how, where or when, as typed on WhatsApp too ("delego pra qm",
 * "qnd"), or offers a choice ("coloco o detalhe no 2266 ou no outro?"): no yes-or-no question.
 */
const OPEN_QUESTION =
  /\b(?:pra quem|para quem|qual|quais|como|onde|aonde|quando|qnd|qdo|quem|qm|o que|oq|quanto|quantos|qnto|qnts|qto|qtos)\b|\S\s+ou\s+(?!nao\b|n\b|nada\b)(?:\S+\s+){0,5}\S+\s*\??\s*$/;
/** An entry's answer opening with "Não!" or "Sim!" (to the yes-or-no question it is most asked as). */
const YES_NO_OPENING = /^(?:N[ãa]o|Sim)[!.,]\s+(\p{L})/u;

/**
 * The answer as said to this question: "Não! Na 1ª semana…" to "semana 1 sem contato, pra quem mando o
 * 2266?" answers a question nobody asked; the opening goes, the rest stands.
 */
export function fittedOpening(answer: string, question: string): string {
  const text = answer.trim();
  const f = fold(question);
  if (!OPEN_QUESTION.test(f) || /\b(?:ou nao|ne|certo)\s*\??\s*$/.test(f)) return answer;
  return text.replace(YES_NO_OPENING, (_m, first: string) => first.toUpperCase());
}

/**
 * A question on what a thing is, is for or why, not on what to do, or one about a 2266 the agent says exists
 * ("abri o 2266 mas esqueci de registrar o rsp, tem problema?"): no offer to create the 2266 after its answer.
 */
const DEFINITION =
  /\b(?:o que (?:e|eh|significa)|oq (?:e|eh|significa)|que eh|significa|(?:pra|para|p) (?:que|q) serve|categoria|pq|por que|porque)\b|\b(?:e|eh) (?:o )?(?:que|q|oq)(?:\s+(?:msm|mesmo))?[\s?!.]*$|\b(?:abri|criei|registrei|ja tenho|ja fiz) (?:o |um )?(?:2266|monitoramento|mestre)\b|\b2266 (?:ja )?(?:ta|esta|foi) (?:criado|aberto)\b/;

/** "…e quem fecha o 2266": a second question joined to the first. */
const JOINED_QUESTION = /,?\s+e\s+(?=(?:quem|qual|quais|como|onde|quando|quanto|quantos|quantas|o que|oq|pra quem|para quem|por que|pq)\b)/i;

/** The words that name each routine's subject: a piece without them leans on the rest of the message ("pra que ele existe?"). */
const SUBJECT = {
  plantao: /\b(plant\w*|plus|escala|fds|fim de semana|feriado|sabado|domingo|revend\w*|parceir\w*|partner|qa|qualidade|pendenc\w*|pendente|externo|agend\w*)\b/,
  monitoring: /\b(2266|0{3,4}\d{1,2}|29|rsp|semanas?|monitor\w*|vendedor\w*|supervis\w*|parecer|implant\w*|especific\w*|protocolos?)\b/,
};
const routineOf = (entryId: string): keyof typeof SUBJECT => (entryId.startsWith('plantao-') ? 'plantao' : 'monitoring');
/** The most answers given after the whole's: a message of many questions is better asked again one at a time. */
const MAX_OTHERS = 2;

/**
 * Each other question of the message that the base answers with confidence with an entry not yet
 * given, in its own words: it names its routine's subject ("e quanto paga o plantão?" after a
 * question on the 2266; "na 1a semana sem contato abro 000029? e na 2a?" asks two entries of the
 * same routine). One that leans on the rest ("pra q ele existe") or gets an answer already given is
 * left to the first answer; at most {@link MAX_OTHERS} more.
 */
function otherAnswers(t: Turn, text: string, answered: string[]): { question: string; answer: string }[] {
  const covered = new Set(answered);
  const others: { question: string; answer: string }[] = [];
  for (const question of questionsIn(text)) {
    if (others.length >= MAX_OTHERS) break;
    const found = t.ctx.nlu.faq(question);
    if (found.kind !== 'answer' || found.confidence < LOW_CONFIDENCE) continue;
    if (covered.has(found.entry.id) || !SUBJECT[routineOf(found.entry.id)].test(fold(question))) continue;
    covered.add(found.entry.id);
    others.push({ question, answer: found.entry.answer.trim() });
  }
  return others;
}

function sayOthers(t: Turn, others: { question: string; answer: string }[], lead: 'other' | 'each' = 'other'): void {
  for (const { question, answer } of others) {
    const about = lead === 'each' ? 'Sobre' : pick(t.seed + question, ['Sobre a outra pergunta,', 'Quanto à outra pergunta,']);
    t.out.say(`${about} “${question}”: ${answer}`);
  }
}

/** A supervisor taught the answer to a question this agent asked: told once, in the bot chat. */
export function taughtAnswer(t: Turn, news: News['faq.taught'] | null): void {
  if (!news) return;
  const { s, seed, out } = t;
  const opening = capitalise(pick(seed, [
    `${Hi(s.name)}lembra da sua pergunta “${news.question}”? A supervisão me ensinou a resposta:`,
    `${Hi(s.name)}você me perguntou “${news.question}” e eu não soube responder. Agora eu sei:`,
    `${Hi(s.name)}sobre a sua pergunta “${news.question}”: aprendi a resposta com a supervisão.`,
  ]));
  out.say(`${opening}\n\n${news.answer.trim()}`);
}

export function answerEntry(t: Turn, entry: { answer: string; action?: 'create_2266' | undefined }, offer = true): void {
  const { s, seed, out } = t;
  const answer = entry.answer.trim();
  if (entry.action === 'create_2266' && offer) {
    s.dialog = { kind: 'faq.offer', action: 'create_2266' };
    return out.say(`${answer}\n\n${pick(seed, ['Quer que eu crie o 2266 agora?', 'Quer que eu já registre o 2266 para você?'])} (sim/não)`);
  }
  out.say(answer);
}

/** The entry the agent picked among two options ("1", "a segunda"…), or null for anything else. */
export function chosenEntry(t: Turn, d: Extract<Dialog, { kind: 'faq.choose' }>, reading: AgentReading, text: string): KbEntry | null {
  const n = reading.entities.option ?? (/^\s*(primeir|a de cima)/i.test(fold(text)) ? 1 : /^\s*(segund|a de baixo)/i.test(fold(text)) ? 2 : null);
  return n === 1 || n === 2 ? t.ctx.faq.entry(d.ids[n - 1] as string) : null;
}

/** The answer to "quer que eu crie o 2266 agora?": a yes starts the close with the customer's code. */
export function offerAnswer(t: Turn, intent: 'answer.yes' | 'answer.yes_demand' | 'answer.no' | 'answer.register'): void {
  const { s, seed, out } = t;
  s.dialog = { kind: 'idle' };
  if (intent === 'answer.no') return out.say(pick(seed, ['Tudo bem! Quando quiser, é só me dizer "finalizei a implantação do cliente …".', 'Combinado. Se precisar, estou por aqui.']));
  s.dialog = { kind: 'close.needCode', parecer: null };
  out.say('Vamos lá! Qual é o código do cliente no Bimer? (ex.: 000123)');
}

/** The answers on a week without contact: which one holds depends on the week (the salesperson in week 1, a 000029 after). */
const NO_CONTACT_ENTRIES = new Set(['semana1-sem-contato', 'semana2-sem-contato', 'sem-contato-geral']);
/** A week named in the question ("na 2a semana", "semana 1"): then the question is about that week, not the one at hand. */
const WEEK_NAMED = /\b(?:(?:1|2|3|primeira|segunda|terceira)\s*(?:a|ª|º)?\s*semana|semana\s*(?:1|2|3|um|dois|tres))\b/;

/**
 * "se eu n conseguir falar, qual atendimento abro nessa semana?" in the middle of a check-in: asked
 * about "this week", the answer on a week without contact is the one for the week at hand (week 1
 * goes to the salesperson, no 000029), not the other week's (found playing the sandbox).
 */
function forTheWeekAtHand(t: Turn, text: string, found: FaqDecision): FaqDecision {
  const d = t.s.dialog;
  const m = 'monitoringId' in d ? t.s.monitorings[d.monitoringId] : undefined;
  const first = found.kind === 'answer' ? found.entry : found.kind === 'options' ? found.entries[0] : null;
  if (!m || !first || !NO_CONTACT_ENTRIES.has(first.id) || WEEK_NAMED.test(fold(text))) return found;
  const entry = t.ctx.faq.entry(m.week === 1 ? 'semana1-sem-contato' : 'semana2-sem-contato');
  return entry ? { kind: 'answer', entry, confidence: found.confidence } : found;
}
