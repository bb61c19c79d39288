import type { CustomerReading } from '../../nlu/language-model.js';
import { namesAProblem } from '../../nlu/caveat.js';
import { when } from '../../nlu/entities.js';
import { workStems } from '../../nlu/schedule-topic.js';
import { TOPIC_NAMES, alsoAProblem, scheduleAnswer } from '../plantao/messages.js';
import { addressee, recentlySaid, sentToResellerAgain, type ChatTurn } from './state.js';

/**
 * No scheduling out of hours (docs/mission/weekend-on-call.md): a request to schedule training,
 * a coupon or label adjustment or a custom NF-e outside business hours is answered with the
 * sector's next opening, and the day and time the customer asked for said back, so they take it
 * to the sector. Pure.
 */
export function scheduleOutOfHours(t: ChatTurn, seed: string, text: string, reading: CustomerReading, inShift: boolean): boolean {
  const { s, now, ctx, out } = t;
  if (!reading.topic || ctx.calendar.isBusinessTime(now)) return false;
  // A reseller's customer, already sent to the reseller, is sent there again: the company's sector schedules nothing for
  // them (found by an outside tester: "…entre em contato com o setor responsável" to a reseller's customer).
  if (sentToResellerAgain(t, seed)) return false;
  const offset = ctx.calendar.utcOffsetMinutes(now);
  // A clause that tells a problem ("…e tbm o pdv ta travando"), not the request nor its details ("pode ser segunda as 10h?").
  const clauses = clausesOf(text).map((clause) => ({ clause, reading: ctx.nlu.customer(clause) }));
  const tellsProblem = (c: { clause: string; reading: CustomerReading }) => {
    const named = namesAProblem(c.clause);
    // "…e tb as etiquetas de gôndola não tão saindo": a topic's word in a problem told is no request for it.
    const readAsProblem = c.reading.topic ? named : c.reading.intent === 'customer.other' || c.reading.intent === 'customer.hardware';
    return (
      readAsProblem &&
      !SCHEDULING.test(c.clause) &&
      !COURTESIES_ONLY.test(c.clause) &&
      !SAW_THE_MESSAGE.test(c.clause) &&
      // A problem in words ("a impressora parou", "dá erro"), or a device named without the work wanted: "quero colocar o
      // logo", "vcs conseguem configurar a impressora de etiqueta?" and "só tenho tempo depois que fecha a loja" are the request.
      (named || ((c.reading.intent === 'customer.hardware' || ASKS.test(c.clause)) && !WORK_WANTED.test(c.clause))) &&
      // "pode ser segunda as 10h?" is the request's detail; "hoje a impressora parou tb" is a problem, though it names a day.
      !(when(c.clause, now, offset) && c.clause.split(/\s+/).length <= 6 && !named)
    );
  };
  const problem = clauses.length > 1 ? clauses.find(tellsProblem) : undefined;
  // The day wanted is read from the request, never from the problem ("…mas hoje a impressora parou").
  const request = problem ? clauses.filter((c) => c !== problem).map((c) => c.clause).join('. ') : text;
  // A day said of someone's start ("ela começa segunda", "o pessoal novo entra dia 14") is no day wanted for the work.
  const wanted = when(request.replace(SOMEONES_DAY, ' '), now, offset);
  // Only what the contact said: a day without an hour is told back without one. A day that is no
  // business day (tomorrow is Saturday) or comes before the next opening is no preference to take along.
  const opening = ctx.calendar.nextOpening(now);
  // …nor is the opening itself ("amanhã cedo" read as 08:00 on the day the sector opens): said once, as the opening.
  const takeable =
    wanted !== null &&
    ctx.calendar.isBusinessDay(new Date(wanted.at)) &&
    ctx.calendar.localDate(new Date(wanted.at)) >= ctx.calendar.localDate(opening) &&
    !(wanted.hourKnown && Date.parse(wanted.at) === opening.getTime());
  const asked = wanted && takeable ? (wanted.hourKnown ? ctx.calendar.describe(new Date(wanted.at)) : ctx.calendar.describeDay(new Date(wanted.at))) : null;
  // The topic is the request's: "queria marcar um treinamento … e tb as etiquetas não tão saindo" asks for a training.
  const topic = (problem && clauses.find((c) => c !== problem && c.reading.topic)?.reading.topic) || reading.topic;
  const answer = scheduleAnswer(seed, addressee(s, t.now), TOPIC_NAMES[topic], ctx.calendar.describe(opening), recentlySaid(s), asked);
  // The problem is not left unsaid: during a shift the plantão takes it now.
  out.say(problem && inShift ? `${answer}\n\n${alsoAProblem(seed, problem.clause)}` : answer);
  return problem !== undefined;
}

/** A clause of greetings and courtesies only ("oi bom dia, feliz feriado!"): no problem told. */
const COURTESIES_ONLY =
  /^(?:(?:oi|ol[aá]|opa|ei|bom\s+dia|boa\s+tarde|boa\s+noite|feliz\s+\p{L}+(?:\s+\p{L}+)?|tudo\s+bem|td\s+bem|como\s+vai|obrigad[oa]|valeu|gente|pessoal|amig[oa]|mo[çc][oa]|pra\s+voc[eê]s?|pra\s+vcs?|a\s+todos)[\s,!.?]*)+$/iu;

/** "Vi a mensagem do João", "recebi o aviso de vcs": the follow-up seen, no problem told (it had been read as a device's). */
const SAW_THE_MESSAGE = /^(?:(?:eu|ja|j[aá])\s+)?(?:vi|li|recebi)\s+(?:a\s+|o\s+|sua\s+|seu\s+)?(?:mensagem|msg|aviso|recado|whats|zap)\b(?:\s+\p{L}+){0,3}[\s.!]*$/iu;

/** Words that ask for work to be done, not tell a problem ("configurar", "colocar", "quero"). */
const WORK_WANTED = new RegExp(String.raw`\b(?:${workStems(String.raw`\p{L}*`)}|quero|queria|gostaria|conseguem|podem|tempo)\b`, 'iu');

/** "Ela começa segunda", "eles entram dia 14", "a gerente volta amanhã": when someone starts or comes back, and that day. */
const SOMEONES_DAY = /\b(?:come[cç]\p{L}*|entra|entram|chega|chegam|volta|voltam|inicia|iniciam|assume|assumem)\s+(?:a\s+partir\s+d[eoa]\s+|na\s+|no\s+|dia\s+|em\s+)?\S+(?:\s+(?:feira|que\s+vem|de\s+manh[aã]|[àa]s?\s+\S+))?/giu;

/** A question of its own ("como faço pra cancelar uma nota?"): the technician answers it. */
const ASKS = /\?|^(?:como|onde|qual|quais|quando|por\s*que|pq|o\s+que|oq)\b/iu;

/** Words of a scheduling request's details ("pode ser segunda?", "qual horário?"): no problem told. */
const SCHEDULING = /\b(?:agend\p{L}*|marca(?:r|do)?|marco|hor[aá]rio|pode\s+ser|d[aá]\s+pra\s+(?:ser|marcar|fazer|agendar)|disponib\p{L}*)/iu;

/** The clauses of a message, at a full stop, "também", "mas", "além disso", "outra coisa"; those of three words or more. */
function clausesOf(text: string): string[] {
  return text
    .split(/\s*(?:[.;!?…]+\s+|,?\s+(?:e\s+)?(?:tamb[eé]m|tbm|tb)\s+|,?\s+mas\s+|,?\s+al[eé]m\s+disso,?\s+|,?\s+outra\s+coisa,?\s+|,?\s+e\s+(?=(?:eu\s+)?(?:queria|quero|gostaria|preciso|precisava|quer[ií]amos)\b)|,?\s+e\s+(?=(?:o|a|os|as|meu|minha|nosso|nossa)\s+\p{L}+(?:\s+\p{L}+){0,3}\s+(?:n[aã]o|n|parou|parada|parado|travou|travando|caiu|deu|d[aá]|est[aá]|ta|t[aá])\b))/iu)
    .map((c) => c.replace(/^(?:outra\s+coisa|al[eé]m\s+disso|tamb[eé]m|tbm|tb|mas|e)\b[,:\s]*/i, '').trim())
    .filter((c) => c.split(/\s+/).length >= 3);
}
