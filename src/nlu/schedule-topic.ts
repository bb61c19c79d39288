import { fold } from '../util/text.js';
import type { ScheduleTopic } from './intents.js';

/**
 * What a request to schedule names (pure). A customer asks to schedule a training, a change to the
 * coupon (ticket), labels or a custom NF-e in those words: the classifier's reading of a scheduling
 * request stands only when the message names its topic and does not say it is not needed. Without
 * it, "funcionou!!! vou até acender uma vela pra vc" was answered with the next business day for a
 * training nobody asked for. Each of the 660 scheduling requests of the training and dev data
 * names its topic in these words (4 did not before "reciclagem", "retreinamento", "trein" and
 * "layout" were added).
 */
const TOPIC_WORDS: Record<ScheduleTopic, string> = {
  training: String.raw`\w*trein\w*|treino\w*|capacita\w*|curso\w*|ensin\w*|aprender|aula\w*|reciclage\w*|explica\w*|mostrar|apresenta\w*|orienta\w*`,
  coupon: String.raw`cupo\w*|cupom|ticket\w*|tiquete\w*|comprovante\w*|layout\w*|rodape\w*|cabecalho\w*|recibo\w*|bobina\w*|via\w*`,
  labels: String.raw`etiqu\w*|gondola\w*|codigo de barras|cod de barras|precific\w*`,
  nfe: String.raw`nf\w*|nota\w*|danfe\w*|logo\w*|personaliz\w*|customiz\w*|layout\w*|modelo\w*`,
};
const NAMES: Record<ScheduleTopic, RegExp> = {
  training: new RegExp(String.raw`\b(?:${TOPIC_WORDS.training})\b`),
  coupon: new RegExp(String.raw`\b(?:${TOPIC_WORDS.coupon})\b`),
  labels: new RegExp(String.raw`\b(?:${TOPIC_WORDS.labels})\b`),
  nfe: new RegExp(String.raw`\b(?:${TOPIC_WORDS.nfe})\b`),
};
/** "Não precisa de treinamento", "sem necessidade de curso": the topic named as not needed. */
const NOT_NEEDED: Record<ScheduleTopic, RegExp> = Object.fromEntries(
  (Object.keys(TOPIC_WORDS) as ScheduleTopic[]).map((topic) => [
    topic,
    new RegExp(String.raw`\b(?:(?:nao|n|nem)\s+(?:precis\w*|quer\w*|vai\s+precisar|vamos\s+precisar)|sem\s+necessidade)\s+(?:de\s+)?(?:mais\s+)?(?:nenhum\w*\s+|outr[oa]s?\s+|um\s+|uma\s+)?(?:${TOPIC_WORDS[topic]})\b`),
  ]),
) as Record<ScheduleTopic, RegExp>;

/** Whether the message names the topic of the scheduling request it was read as, and not as something not needed. */
export function namesScheduleTopic(text: string, topic: ScheduleTopic): boolean {
  const folded = fold(text);
  return NAMES[topic].test(folded) && !NOT_NEEDED[topic].test(folded);
}

/**
 * The work asked for on a topic, as word stems ("configurar", "personalizar", "colocar",
 * "trocar", "instalar"…): the readings below and the chat's scheduling clauses
 * (`flows/chat/schedule.ts`) take a message that says one of them as asking for the work, each with
 * the words of its own that also do.
 */
export const WORK_STEMS = ['configur', 'personaliz', 'customiz', 'ajust', 'arrum', 'mud', 'coloc', 'troc', 'instal'] as const;
/** The stems as an alternation, each followed by `rest` (`\w*` on folded text, `\p{L}*` with the u flag). */
export function workStems(rest: string): string {
  return WORK_STEMS.map((stem) => `${stem}${rest}`).join('|');
}

/** "e a nfce? ela tbm vai funcionar?": whether a thing works, asked of the technician… */
const WORKS_ASKED = /\b(?:vai funcionar|vai dar certo|funciona|funcionaria|ta funcionando|esta funcionando|da certo)\b[^?]*\?/;
/** …with no word that asks for the work done (to schedule, to set up, to change). */
const WORK_ASKED_FOR = new RegExp(String.raw`\b(?:agend\w*|marc\w*|horario\w*|${workStems(String.raw`\w*`)}|quer\w*|queria|preciso|precisa\w*|pode\w*|da pra|tem como|gostaria)\b`);

/** A question whether the topic works ("e a nfce, vai funcionar?"), which asks nothing to be scheduled. */
export function asksIfItWorks(text: string): boolean {
  const folded = fold(text);
  return WORKS_ASKED.test(folded) && !WORK_ASKED_FOR.test(folded);
}

/** Words that ask for the work itself: to schedule it, have it done, set up or changed. */
const WORK_WANTED = new RegExp(
  String.raw`\b(?:agend\w*|\w*marc\w*|combin\w*|horario\w*|vaga\w*|data|datas|dia|dao|dar|dariam|pode ser|\d{1,2}\s*h|\d{1,2}:\d{2}|hoje|hj|amanha|segunda|terca|quarta|quinta|sexta|sabado|domingo|${workStems(String.raw`\w*`)}|mont\w*|visita\w*|vir aqui|vem aqui|venha\w*|treinar|ensinar|fazer (?:um|uma|o|a)|faz(?:em)? (?:um|uma|o|a))\b`,
);
/** "Preciso de um treinamento", "queria uma etiqueta nova": the topic itself asked for. */
const TOPIC_WANTED = new RegExp(
  String.raw`\b(?:quero|queria|queremos|preciso|precisamos|precisava|gostaria|pode(?:m|ria)?|poderiam|tem como|da pra (?:vcs|voces|vc|voce))\b(?:\s+\S+){0,4}?\s+(?:${Object.values(TOPIC_WORDS).join('|')})\b`,
);
const QUESTION_OPENING = /^(?:consigo|da pra|quanto|qto|qnto|como|onde|qual|quais|quando|o que|oq|ja|tem|existe|e possivel)\b/;

/**
 * A question about the topic that asks for nothing to be done ("consigo imprimir o cupom em duas
 * vias?", "quanto custa o treinamento de vocês?", "o treinamento já foi pago?"): the technician
 * answers it; it is no request to schedule.
 */
export function asksAboutTopic(text: string): boolean {
  const folded = fold(text);
  const asks = folded.includes('?') || QUESTION_OPENING.test(folded.trim());
  return asks && !WORK_WANTED.test(folded) && !TOPIC_WANTED.test(folded);
}
