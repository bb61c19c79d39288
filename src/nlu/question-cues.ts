import { fold } from '../util/text.js';

/**
 * Whether a message asks something, read from its words alone (pure): the language layer uses it
 * to tell a question from a command or an answer, and the free-text steps of a dialog (a parecer,
 * a week's summary) to tell a question from the words they wait for.
 */

/** A message that asks something: a question mark, or an interrogative opening. */
const QUESTION_CUE =
  /\?|(?:^|[,.;:!]\s*)(?:\S+ ){0,3}?(?:como|qual|quais|quando|qdo|qnd|onde|aonde|quem|o que|oq|pq|por que|porque|posso|devo|tenho que|tem que|precisa|preciso|e se|se o cliente|pra que|para que|quanto|quantos|quantas|qnto|qntos|qnta|qntas|qnt|qnts|qto|qtos|qta|qtas|qts|existe|e normal|sabe|(?:pra|para|p) q (?:serve|servem|eh|e|existe|precisa|preciso|tenho|temos|fazer|faco|faz|fazemos))\b|\b(?:ou tem mais|e agora|e dps|e depois|o que (?:mais|falta)|oq (?:mais|falta)|ou nao)(?: \S+)?\s*$/;
/** Asking to know, in so many words ("queria saber", "fiquei na dúvida", "me explica"). */
const ASKS_TO_KNOW = /\b(?:gostaria de saber|queria saber|quero saber|queria entender|preciso saber|fiquei na duvida|fiquei com duvida|to com (?:uma )?duvida|estou com (?:uma )?duvida|tenho uma duvida|me tira uma duvida|me explica|me explique)\b/;
/** A question word left at the end ("a contestação do plus vai pra quem"), or "qm" anywhere ("passo pra qm"). */
const QUESTION_WORD_LAST = /\bqm\b|\b(?:pra|para|com|de|por) (?:quem|onde|qual|quanto|quantos|quantas|qnts|qnto|qto)[\s.!,;:]*$|\b(?:qnd|qdo|quando|onde|aonde|quanto|qnto|qto)[\s.!,;:]*$/;
/** A message with a thanks or an acknowledgement in it ("entendi, valeu, certo") asks nothing by its tag. */
const NOT_AN_ACK = '(?!.*\\b(?:valeu|vlw|obrigad\\w*|obg|entendi|beleza|blz|perfeito|combinado|show)\\b)';
/** A tag asking to confirm what was said ("o monit acaba mas o suporte continua né", "resumo e protocolo na linha, certo"). */
const CONFIRM_TAG = new RegExp(
  `^${NOT_AN_ACK}(?:\\S+\\s+){3,}(?:ne|neh)[\\s.!,;:]*$|^${NOT_AN_ACK}(?:\\S+\\s+){2,}\\S+,\\s*(?:certo|correto|confere|e isso|isso mesmo|ta certo|nao e)[\\s.!,;:]*$`,
);

/** "…sem contato onde coloco o protocolo do 29": where, how or what the agent is to do, asked after the case is told. */
const ASKS_HOW_I_DO = /\b(?:onde|como|qual|quando|pra quem|para quem|o que|oq)\s+(?:eu\s+)?(?:coloco|ponho|boto|lanco|registro|faco|abro|crio|delego|mando|passo|anoto|marco|preencho|uso|informo|aviso|escrevo)\b/;

/**
 * A clause that ends the message by asking what the writer is to do ("ngm respondeu no chat do plantao
 * faz 40 min, oq faco"): where a parecer is expected, a question; "teve dúvida de como faço sangria"
 * (no clause of its own) tells the customer's question.
 */
const ENDS_ASKING_HOW_I_DO = new RegExp(`(?:^|[,.;:!-]\\s*|\\b(?:e|mas|entao|ai)\\s+)${ASKS_HOW_I_DO.source}(?:\\s+\\S+){0,5}[\\s.!]*$`);

export function endsAskingHowIDo(text: string): boolean {
  return ENDS_ASKING_HOW_I_DO.test(fold(text));
}

/** Whether a message asks something: a question mark or an interrogative, or a question told in other words. */
export function asksSomething(folded: string): boolean {
  return [QUESTION_CUE, ASKS_TO_KNOW, QUESTION_WORD_LAST, CONFIRM_TAG, ASKS_HOW_I_DO].some((cue) => cue.test(folded));
}

/**
 * A case put to the assistant ("se eu n conseguir falar, qual atendimento abro?", "e se ele não
 * atender?"): a hypothesis asks about the routine; it never answers the bot's yes-or-no question.
 */
const HYPOTHESIS = /^\s*(?:(?:mas|e|ah|pera|so|uma duvida|duvida|e ai|antes|rapidinho|uma pergunta|pergunta|so uma coisa)[\s,!:.-]+)*(?:e\s+)?se\s+(?!(?:nao|n)\s+(?:me\s+engano|estou\s+enganad[oa]|to\s+enganad[oa]))(?:eu|ele|ela|o cliente|a cliente|o vendedor|ninguem|nao|n|der|for|ficar|tiver|o rsp|o 2266)\b/;

/** A condition on the customer inside a question ("quem eu aviso se o cliente nao responde na semana 2?", "e qnd ele nao atende, aviso quem?"). */
const CONDITION_INSIDE = /\b(?:se|quando|qnd|qdo|qndo|caso)\s+(?:o cliente|a cliente|o client|ele|ela|ninguem|nao|n)\b/;

export function putsACase(text: string): boolean {
  const f = fold(text);
  // (found by an outside tester: "quem eu aviso se o cliente nao responde na semana 2?" in a check-in was taken for its "não")
  return HYPOTHESIS.test(f) || (text.includes('?') && CONDITION_INSIDE.test(f));
}

/**
 * A message that ends by asking the assistant what to do ("…o cliente não respondeu, crio um
 * atendimento ou só atualizo o 2266?", "abro 000029?", "e agora?"): whatever it tells before, it
 * answers no yes-or-no question of the bot's; the question is answered and the question resumes.
 */
const ASKS_WHAT_TO_DO =
  /\b(?:abro|crio|faco|mando|delego|atualizo|registro|coloco|marco|passo|lanco|preciso abrir|preciso criar|tenho que|tenho q|devo|oq acontece|o que acontece|e agora|como fica|qual (?:codigo|atendimento|tipo)|pra quem|para quem)\b[^?.!]*\?[\s?!]*$/;

export function asksWhatToDo(text: string): boolean {
  return ASKS_WHAT_TO_DO.test(fold(text));
}

/** An interrogative opening the message, after a greeting or a filler at most ("pera, qnts dias…", "oi, como…"). */
const OPENS_WITH_QUESTION =
  /^\s*(?:(?:oi|ola|opa|ei|e|pera|perai|so|mas|ah|antes|bom dia|boa tarde|boa noite|uma duvida|duvida|rapidinho|uma pergunta)[\s,!:.-]+)*(?:como|qual|quais|quando|qdo|qnd|onde|aonde|quem|qm|o que|oq|pq|por que|posso|devo|pra que|para que|quanto|quantos|quantas|qnto|qntos|qnta|qntas|qnt|qnts|qto|qtos|qta|qtas|qts|e se|existe|e normal|tem como|da pra)\b/;

/**
 * A message that is a question even without its question mark, where free text is expected: it
 * opens with an interrogative ("qnts dias depois eu delego o 2266"), ends with one ("a pendência vai
 * pra quem") or with a tag asking to confirm ("esse P é o parecer técnico né"). Asking in other words does not
 * count there: "ele queria saber como zerar o estoque" is the customer's question, told as a summary;
 * and "Cliente satisfeito, como esperado" opens with none and is a parecer.
 */
export function opensAsQuestion(text: string): boolean {
  const folded = fold(text);
  return text.includes('?') || [OPENS_WITH_QUESTION, QUESTION_WORD_LAST, CONFIRM_TAG].some((cue) => cue.test(folded));
}

/**
 * Asking who is writing ("quem é?", "quem tá falando", "q numero eh esse", "quem me mandou
 * isso?"), as a customer answers an automatic message from a number they do not know: the
 * question, then what else the message says (`rest`, folded; '' when it says nothing else).
 * "quem é o responsável…" asks something else.
 */
const ASKS_WHO =
  /(?:^|[\s,.!?;:])(?:quem (?:e|eh|fala|ta falando|esta falando|seria|e vc|e voce|sao voces|sao vcs|(?:me )?mandou (?:isso|essa msg|essa mensagem|mensagem))|q(?:ue)? (?:numero|n) (?:e|eh) esse|q(?:ue)? empresa (?:e|eh) (?:essa|esta)|(?:de )?onde (?:voces|vcs) (?:sao|falam)|de onde (?:e|eh|fala|falam))(?:\s+(?:ai|mesmo|por favor|pf|pfv))?(?=\s*(?:[?!.,;:]|$))[?!.,;:\s]*/;

export function asksWhoWrites(text: string): { rest: string } | null {
  const folded = fold(text);
  const m = ASKS_WHO.exec(folded);
  if (!m) return null;
  const rest = `${folded.slice(0, m.index)} ${folded.slice(m.index + m[0].length)}`
    .replace(/^[\s,.!?;:]*(?:(?:oi|ola|opa|bom dia|boa tarde|boa noite)\b[\s,.!?;:]*)?/, '')
    .trim();
  return { rest };
}
