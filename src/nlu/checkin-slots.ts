import { DEMAND_MENU_INTENTS, DEMAND_TICKET, type AgentIntent } from './intents.js';
import { option, protocol, withoutPhones } from './entities.js';
import { fold } from '../util/text.js';

/**
 * What an implanter's first answer to the weekly check-in already says ("falei sim, ele tinha
 * dúvida pra tirar o relatório de vendas"): the demand (by its code, its menu number or in
 * words), the protocol of a ticket already opened, and the implanter's own description, which
 * is the week's summary. The bot then asks only for what is missing. Pure; the words are read by
 * the caller's classifier (`readDemand`).
 */

export type DemandIntent = Extract<AgentIntent, `demand.${string}`>;

export interface CheckinSlots {
  demand: DemandIntent | null;
  protocol: string | null;
  /** The description the implanter gave (without the "sim, falei" before it), or null. */
  summary: string | null;
  /**
   * A ticket the implanter says they opened, with no protocol Bimer could have given ("já abri o
   * 000001", "prot 12345"): the number they gave as its protocol, or '' when they gave none; null
   * when they said no such thing (or gave the protocol).
   */
  openedWithout: string | null;
}

/** "já abri o 000001", "criei um atendimento": a ticket the implanter opened ("abre o 2" asks the bot to). */
const SAYS_OPENED = /\b(?:abri|criei|gerei)\s+(?:(?:o|a|um|uma)\s+)?(?:atendimento|chamado|ticket|protocolo|0000(?:01|02|03|25|29))\b/;
/** "prot 12345": a number given as a protocol, too short for one of Bimer's. */
/** What follows a protocol's label before its number ("prot.", "protocolo nº", "protocolo:"). */
const LABEL_TAIL = String.raw`\.?\s*(?:n[º°o]\.?\s*)?[:#]?\s*`;
/** A protocol's label ("prot", "protocolo nº", "proto:"). */
const PROTOCOL_LABEL = String.raw`\b(?:prot(?:ocolo)?|protoc|proto)${LABEL_TAIL}`;
const SHORT_PROTOCOL = new RegExp(String.raw`${PROTOCOL_LABEL}(\d{1,12})\b`);

/** Each demand by its ticket code ("apenas ok" is the mission's 000029). */
const BY_CODE = new Map<string, DemandIntent>(Object.values(DEMAND_MENU_INTENTS).map((intent) => [DEMAND_TICKET[intent] === 'ok' ? '000029' : DEMAND_TICKET[intent], intent]));

/** The demand a ticket code stands for, however many of its zeros were typed ("3", "003", "000003"). */
export function demandOfCode(code: string): DemandIntent | undefined {
  return BY_CODE.get(String(Number(code)).padStart(6, '0'));
}

/** "errei", "na verdade", "nao pera", "na real": the agent takes back what they just said (a self-correction's cue). */
const SELF_CORRECTION = String.raw`(?:errei|me enganei|na verdade|na vdd|na real|quer dizer|ou melhor|corrigindo|n[aã]o[\s,.!]+pera|pera[\s,.!]+n[aã]o)\b`;
/** What follows a self-correction ("…nao pera, [nao consegui nao]"). */
const CORRECTED = new RegExp(String.raw`\b${SELF_CORRECTION}[\s,.:;-]*(.+)$`, 'i');
/** The correction's own words at its start ("nao pera, na real ela lançou…"): cues said one after another. */
const CORRECTION_HEAD = new RegExp(String.raw`^(?:[\s,.:;!-]*(?:(?:ops|opa)[\s,.!]+)?${SELF_CORRECTION})+[\s,.:;!-]*`, 'i');
/** "…, então é 000003", "era o 000025": the code said inside a correction, no part of the description. */
const CODE_SAID = /(?:\b(?:ent[aã]o|entao|ai|aí)\s+)?(?:\b(?:eh|é|e|era|foi|vai ser|fica)\s+)?(?:\b(?:o|um)\s+)?\b0000(?:01|02|03|25|29)\b/gi;

/** "sim", "falei sim com ele", "consegui, liguei hj cedo": the yes (and when, and how) before the description. */
const YES_HEAD = String.raw`(?:sim|s|ss|siim|simm|(?:teve|houve|tive)\s+contato(?:\s+sim)?|contato\s+feito|falei|consegui\s+falar|(?:consegui|fiz|tive)\s+contato|conversei|conversamos|consegui|conseguimos|liguei|atendeu|retornou|deu certo|foi|claro|aham|uhum|isso|positivo|ok)`;
/**
 * Who was spoken to: "com ele", "com o cliente", "liguei pra ela", "pro cliente"; a role or a name only when the clause ends there
 * ("com a dona, …", "com o seu José hoje, …"): "c/ o contador sobre o fechamento" keeps who it was.
 */
const WHO_PRONOUN = String.raw`(?:ele|ela|eles|elas|o\s+cliente|a\s+cliente|o\s+cli|a\s+cli)\b`;
const ROLE_NOUN = String.raw`(?:dono|dona|gerente|respons[aá]vel|propriet[aá]ri[oa]|financeiro|contador|contadora|caixa)(?:\s+(?:dele|dela|deles|delas|da\s+loja))?`;
const WHO_ROLE = String.raw`(?:o|a)\s+${ROLE_NOUN}`;
const WHO_NAME = String.raw`(?:(?:o|a)\s+)?(?:(?:seu|sr\.?|sra\.?|dona|dr\.?|dra\.?)\s+)?(?!(?:d[uú]vida|erro|problema|demanda|defeito|bug|lentid)\p{L}*)\p{L}+(?:\s+\p{L}+){0,2}(?:\s+d[oa]\s+\p{L}+)?`;
const WHO_END = String.raw`\s*(?:[,.;:!-]|$|(?:hoje|hj|ontem|agora|cedo|mais\s+cedo|de\s+manh|pela\s+manh|[aà]\s+tarde|de\s+tarde|por\s|pelo\s|no\s+whats|no\s+zap))`;
const YES_WHO = String.raw`(?:(?:com|c\/|c|pra|para|p\/)\s+(?:${WHO_PRONOUN}|(?:${WHO_ROLE}|${WHO_NAME})(?=${WHO_END}))|pro\s+(?:cliente\b|cli\b|(?:${ROLE_NOUN}|${WHO_NAME})(?=${WHO_END})))`;
/** When, and how. */
const YES_WHEN = String.raw`(?:hoje|hj|ontem|agora(?:\s+(?:pouco|cedo))?|agr|agorinha|h[aá]\s+pouco|(?:mais\s+)?cedo|(?:de|d|pela)\s+manh[aã]|(?:de|d|[aà])\s+tarde|sim|j[aá]|(?:pelo|por|no)\s+(?:whats(?:app)?|zap|telefone(?:\s+fixo)?|tel|fone|fixo|celular|cel)|por\s+liga[cç][aã]o|e\s+(?:ele|ela|o\s+cliente|a\s+cliente)?\s*(?:atendeu|respondeu|retornou)|e\s+(?:falei|conversei)(?:\s+com\s+(?:ele|ela|o\s+cliente|a\s+cliente|o\s+dono|a\s+dona))?)`;
/** "oi bot, falei sim…": a greeting before the yes. */
const GREETING = String.raw`(?:(?:oi|ol[aá]|opa|e\s+a[ií]|bom\s+dia|boa\s+tarde|boa\s+noite)(?:\s+bot)?[\s,.!:;-]+)?`;
const YES = new RegExp(String.raw`^\s*${GREETING}(?:${YES_HEAD}\b[\s,.!:;-]*)+(?:(?:${YES_WHO}|${YES_WHEN})\b[\s,.!:;-]*)*`, 'iu');

/** A yes that tells the contact itself ("falei sim!"), not one that opens a description ("foi duvida…"). */
const CONTACT_SAID = /\b(?:falei|conversei|conversamos|consegui|conseguimos|contato|atendeu|retornou)\b/i;

/** An answer without its opening yes ("falei sim com ele, tinha dúvida…" → "tinha dúvida…"). */
export function afterYes(text: string): string {
  return text.replace(YES, '').trim();
}

/** A menu choice written in the answer: "foi o 2", "opcao 4", "a 3", "sim, 1". */
const MENU_IN_TEXT = /(?:^|[\s,;:(-])(?:foi\s+(?:o|a)|opcao|opção|opc|op|item|numero|número|alternativa|demanda|n[º°o]?)\s*([1-5])\b/i;

/** "3. o xml sai sem a tag", "demanda 1, ela não sabia…": the menu's number set apart at the head of the description. */
const MENU_HEAD = /^(?:(?:demanda|op[cç][aã]o|opc|op|item|n[uú]mero)\s*)?[1-5]\s*[.,:;)–-]\s*/i;

/**
 * "erro na integração que o dev precisa ver", "mandei pro dsn": a demand for the developers
 * (000003), told by where it goes ("não precisou de dev" tells none).
 */
const TO_DEVELOPERS = /(?<!\b(?:nao|n|sem|nem)\s+(?:\S+\s+){0,2})(?:\b(?:o|os)\s+(?:dev|devs|dsn|desenvolvimento)\s+(?:precisa|precisam|tem\s+que|tem\s+q|vai|vao|vão)\s+(?:ver|olhar|corrigir|arrumar|resolver)|\b(?:pro|pros|pra|para\s+o|p\/\s*o|p\s+o)\s+(?:dev|devs|dsn|desenvolvimento)\b)/i;

/**
 * "abre o 2 pra mim", "pode criar um 29", "lanca no 000002 por favor", "abre pra mim": the implanter
 * asking the bot to open the ticket, no part of the description. Its number, when it has one, is a
 * menu choice (1 to 5) or a code said short (25, 29). A verb with none of these ("nao abre o caixa
 * 2") is no such request. Said in the past ("abri o 2 com 2026…"), its number is the demand all the same.
 */
// ("abre vc o chamado": the one asked named between the verb and its object, found by an outside tester)
const OPEN_VERB = String.raw`(?:(?:pode|podes|vc\s+pode|voc[eê]\s+pode|consegue)\s+)?(?:abre|abra|abrir|abri|cria|crie|criar|criei|lan[cç]a|lance|lan[cç]ar|lan[cç]ei|registra|registre|registrei|coloca|coloque|coloquei|gera|gere|gerei)(?:\s+(?:vc|voc[eê]|tu|a[ií]))?`;
const FOR_ME = String.raw`(?:\s+(?:pra|para|pro|p\/|p)\s+(?:mim|n[oó]s|ela|ele|o\s+cliente|a\s+cliente|(?:o\s+)?(?:dsn|desenvolvimento|suporte)))?(?:\s*,?\s*(?:por\s+favor|pfv?r?|pf))?`;
const OPEN_REQUEST = new RegExp(
  String.raw`\b${OPEN_VERB}\s+(?:(?:(?:o|a|um|uma|no|na|como)\s+)?(?:(?:atendimento|chamado|ticket|tipo|c[oó]digo)\s+)?(?:n[º°o]?\s*)?(0{0,4}(?:[1-5]|25|29))(?=\s*(?:pra|para|pro|p\/|por\s+favor|pf|com|[,.;!]|$))|(?:(?:o|a|um|uma)\s+)?(?:atendimento|chamado|ticket)\b(?!\s+\d)|(?:pra|para|p\/|p)\s+(?:mim|n[oó]s|ela|ele|o\s+cliente|a\s+cliente)\b)${FOR_ME}`,
  'i',
);

/** "abre você", "cria aí pra mim": the request with no object, at the end of a clause (found by an outside tester in a 000003's text). */
const OPEN_YOURSELF = /\b(?:abre|abra|cria|crie|registra|registre|lan[cç]a|lance|gera|gere)\s+(?:vc|voc[eê]|tu|a[ií])(?:\s+(?:pra|para|p\/)\s+mim)?(?:\s*,?\s*(?:por\s+favor|pfv?r?|pf))?(?=\s*(?:[,.;!?]|$))/gi;

/**
 * A training asked for ("pediu treinamento de NFC-e pra funcionária nova"), with no error, bug or question
 * named: no demand of the menu's is told (an outside tester's was read as a bug for development), so it is asked.
 */
const TRAINING_ONLY = (folded: string): boolean => /\b(?:treinamento|treinamentos|capacitacao|treinar)\b/.test(folded) && !/\b(?:erro|bug|duvida|problema|falha|defeito|nao sabia|nao sabe)\b/.test(folded);

/** "pode abrir", "consegue criar pra mim": the request with no object, at the end of a clause. */
const PLEASE_OPEN = /\b(?:pode|podes|vc\s+pode|voc[eê]\s+pode|consegue)\s+(?:abrir|criar|lan[cç]ar|registrar|gerar)(?:\s+(?:pra|para|p\/)\s+(?:mim|ela|ele))?(?:\s*,?\s*(?:por\s+favor|pfv?r?|pf))?(?=\s*(?:[,.;!?]|$))/gi;

/** "tipo 25", "cod 2", "código 29": the demand's type said by its number. */
const TYPE_IN_TEXT = /\b(?:tipo|c[oó]d(?:igo)?\.?)\s*(?:n[º°o]?\s*)?(0{0,4}(?:[1-5]|25|29))(?!\d)/i;

/** Every type said by its number, taken out of the description. */
const TYPES_IN_TEXT = new RegExp(TYPE_IN_TEXT.source, 'gi');
/** "abri o atendimento … pra essa semana": that a ticket was opened, and for which week, tells no demand nor what was talked about. */
const OPENED_FOR_THE_WEEK = /\b(?:(?:ja|já)\s+)?(?:abri|criei|registrei|gerei)\s+(?:o|a|um|uma)\b(?:\s+(?:atendimento|chamado|ticket|protocolo))?(?:\s+(?:pra|para|p|d[ae]|n[ae])\s*(?:essa|esta|dessa|desta|nessa|nesta)\s+semana)?|\b(?:pra|para|d[ae]|n[ae])\s*(?:essa|esta|dessa|desta|nessa|nesta)\s+semana\b/gi;
/** The same told as a clause of its own ("abri um 000002 pra essa semana, …"): no part of the summary; "abri o 000002 pq …" is its start. */
const OPENED_CLAUSE = /\b(?:(?:ja|já)\s+)?(?:abri|criei|registrei|gerei)\s+(?:o|a|um|uma)\b(?:\s+(?:atendimento|chamado|ticket|protocolo))?(?:\s+0000(?:01|02|03|25|29))?(?:\s+(?:pra|para|p|d[ae]|n[ae])\s*(?:essa|esta|dessa|desta|nessa|nesta)\s+semana)?(?=\s*(?:[,.;!]|$|de\s+(?:d[uú]vida|erro|bug|problema)))|\b(?:pra|para|d[ae]|n[ae])\s*(?:essa|esta|dessa|desta|nessa|nesta)\s+semana\b/gi;

/** The demand a request to open names ("abre o 2", "cria um 29", "abre o 000025"), or a type said by its number ("tipo 25"). */
function openedDemand(text: string): DemandIntent | undefined {
  const n = OPEN_REQUEST.exec(text)?.[1] ?? TYPE_IN_TEXT.exec(text)?.[1];
  if (!n) return undefined;
  const value = Number(n);
  return value >= 1 && value <= 5 && n.length === 1 ? DEMAND_MENU_INTENTS[value] : demandOfCode(n);
}

/** "Não teve dúvida nenhuma, só elogiou o sistema", "sem dúvidas": no demand, said in so many words. */
const NO_DEMAND =
  /\b(?:(?:nao|n|nem) (?:teve|tinha|tem|houve|ha|apresentou|trouxe|relatou|falou de) (?:nenhuma? |mais )?(?:duvidas?|demandas?|problemas?|erros?|nada|reclamac(?:ao|oes))(?: nenhuma?)?|sem (?:nenhuma? )?(?:duvidas?|demandas?|problemas?|reclamac(?:ao|oes))|nenhuma (?:duvida|demanda|reclamacao)|nenhum problema)\b/g;

/**
 * The contact with no demand ("não teve dúvida nenhuma, só elogiou"): read as a doubt for its
 * "dúvida" before. A demand told beside the denial ("não teve dúvida, foi erro de operação") stays.
 */
function noDemandSaid(said: string, readDemand: (words: string) => DemandIntent | null): DemandIntent | undefined {
  const folded = fold(said);
  const denied = folded.match(NO_DEMAND) ?? [];
  if (denied.length === 0) return undefined;
  const besides = folded.replace(NO_DEMAND, ' ');
  const other = words(besides) >= 2 ? readDemand(besides) : null;
  // A doubt read beside "não teve dúvida" is the denied word read again; beside "nenhum problema" it is a doubt ("só queria saber como…").
  const doubtsDenied = denied.some((d) => /duvida|demanda|nada/.test(d));
  return other && !(other === 'demand.question' && doubtsDenied) ? other : 'demand.ok_only';
}

/** "2 duvidas: …", "1 erro no fechamento", "5 notas com cfop errado": a number that counts what follows, not a menu choice. */
const COUNTED = /^\s*(?:a|e)?\s*\d{1,2}\s+(?:[a-z]+s|erro|duvida|nota|coisa|pergunta|problema|vez|bug|cliente|caixa|pdv|produto|dia|hora)\b/;

/** A menu choice as said ("foi a opcao 1", "era o 3", "o 2" left by "sim foi"): no part of the description. */
const MENU_PHRASE = /(?:\b(?:foi|era|eh|é)\s+)?(?:\b(?:o|a)\s+)?\b(?:op[cç][aã]o|opc|op|item|n[uú]mero|alternativa)\s*[1-5]\b(?!\d)|\b(?:foi|era)\s+(?:o|a)\s+[1-5]\b(?!\d)|^\s*(?:o|a)\s+[1-5]\b(?!\d)/gi;

/** "com o cliente 123 hj", "da loja 4521": which customer (and when), no part of the description. */
const CUSTOMER_REF = /(?:\b(?:com|c\/)\s+)?(?:\b(?:d?[oa])\s+)?\b(?:cliente|cli|loja|empresa)\s+\d{1,6}\b(?:\s+(?:hj|hoje|ontem)\b)?/gi;
/** "quero registrar a semana dele": the request, no part of the description. */
const WANTS_TO_RECORD = /\b(?:(?:eu\s+)?(?:quero|queria|vou|preciso|pode|pra|para|p\/)\s+)?(?:registrar|lancar|lançar|anotar|gravar)\s+(?:a|o)?\s*(?:semana|contato|monitoramento|acompanhamento)(?:\s+(?:dele|dela|da semana|desta semana|dessa semana|d[oa]\s+\d{1,6}))?\b/gi;
/** "…, registra a semana 1 aí": the request to the bot closing the answer, no part of the description. */
const RECORD_IT = /\b(?:registra|registre|lanca|lança|anota|grava)\s+(?:a|o)?\s*(?:semana|contato)(?:\s+(?:[123]|um|dois|tres|três))?(?:\s+(?:ai|aí|pra mim|p mim|pf|pfv|por favor))*\b/gi;

/** A demand's name at the head of the answer, set apart by a comma, colon or dash ("foi duvida:", "era erro de sistema -"). */
const DEMAND_LABEL = /^(?:(?:era|foi|eh|é|e|tipo|uma?|de|so|só)\s+)*(?:d[uú]vidas?|bug|erro\s+(?:de\s+|do\s+|da\s+)?(?:opera[cç][aã]o|operacional|sistema|sist)(?:\s+(?:dsn|sup|suporte|desenvolvimento|(?:que|q)\s+precisa\s+(?:de\s+)?(?:desenvolvimento|dev|dsn)))?|apenas\s+ok|s[oó]\s+ok|tudo\s+ok|sem\s+demanda)(?:\s+(?:pro|pra|para\s+o|p\/\s*o?|p)\s+(?:dev|devs|dsn|desenvolvimento|suporte))?\s*[,:;–-]\s*/i;

export function checkinSlots(text: string, readDemand: (words: string) => DemandIntent | null): CheckinSlots {
  const found = protocol(text);
  // Two codes said ("abre 000025… nao pera, vai pro dev, então é 000003"): the last one is meant.
  const code = [...text.matchAll(/\b(0000(?:01|02|03|25|29))\b/g)].at(-1)?.[1];
  // The protocol goes with its label ("prot 2026…", "protocolo nº 2026…"): neither is part of the description.
  const withLabel = found ? new RegExp(String.raw`(?:\b(?:prot(?:ocolo)?|protoc|proto|atendimento|chamado|ticket)${LABEL_TAIL})?` + found.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : null;
  // "prot 12345": no protocol of Bimer's, but no part of the description either.
  const short = found ? undefined : SHORT_PROTOCOL.exec(fold(text))?.[1];
  const shortLabel = short ? new RegExp(String.raw`${PROTOCOL_LABEL}${short}\b`, 'i') : null;
  const said = text.replace(CUSTOMER_REF, ' ').replace(YES, '').replace(withLabel ?? shortLabel ?? '\u0000', ' ').replace(WANTS_TO_RECORD, ' ').replace(RECORD_IT, ' ').trim();
  // The request to open is no part of the description, but where it sends the ticket ("abri chamado p dev") tells the demand.
  const rest = said.replace(OPEN_REQUEST, ' ').replace(OPENED_CLAUSE, ' ').replace(PLEASE_OPEN, ' ').replace(OPEN_YOURSELF, ' ').replace(TYPES_IN_TEXT, ' ').replace(MENU_PHRASE, ' ').trim();
  const menu = MENU_IN_TEXT.exec(text)?.[1] ?? (rest && !COUNTED.test(fold(rest)) ? option(rest) : null);
  // "…, ops não, errei, era erro de operação": the demand the agent corrects to is the one meant.
  // ("nao, pera, falei sim! a Carla disse…": the yes the correction opens with is no part of it either.)
  const corrected = CORRECTED.exec(said)?.[1]?.replace(CORRECTION_HEAD, '').replace(YES, (yes) => (CONTACT_SAID.test(yes) ? '' : yes));
  const correctedCode = corrected ? /\b(0000(?:01|02|03|25|29))\b/.exec(corrected)?.[1] : undefined;
  const demand =
    (correctedCode ? BY_CODE.get(correctedCode) : undefined) ??
    (corrected && words(corrected) >= 2 ? readDemand(corrected) : null) ??
    (code ? BY_CODE.get(code) : undefined) ??
    openedDemand(text) ??
    (menu ? DEMAND_MENU_INTENTS[Number(menu)] : undefined) ??
    (TO_DEVELOPERS.test(fold(text)) ? demandOfCode('000003') : undefined) ??
    noDemandSaid(said, readDemand) ??
    (words(said.replace(OPENED_FOR_THE_WEEK, ' ')) >= 1 && !TRAINING_ONLY(fold(said)) ? readDemand(said.replace(OPENED_FOR_THE_WEEK, ' ')) : null);
  // The description: what is left once the yes, the protocol, a bare code or number are taken out, if it says something.
  const described = rest
    .replace(/\b(?:ja|já)?\s*(?:abri|abro|criei|registrei|gerei)\s+(?:o|a|um|uma)?\s*(?:atendimento|chamado|ticket|protocolo|os)?\b/gi, ' ')
    .replace(/\b0000(?:01|02|03|25|29)\b/g, ' ')
    .replace(MENU_IN_TEXT, ' ')
    .replace(/^\s*(?:abri|abro|vai ser|e|eh|é|o|a|um|uma)?\s*[1-5]?\s*$/i, '')
    .replace(/^[\s,.;:!-]+|[\s,.;:!-]+$/g, '')
    .trim();
  // What is left, without the punctuation around it (nor doubled where a part was taken out) nor a leading "e" ("…ontem e ele disse que…").
  const whole = tidy(rest).replace(/^(?:e|a[ií]|ent[aã]o)\s+/i, '')
    // "…de boleto, já [abri o atendimento]": the "já" left of what was taken out.
    .replace(/[\s,;]+(?:e\s+)?(?:ja|já)$/i, '')
    // "[abri um] 000002, ela errou…", "[abri o atendimento …] de dúvida no relatório": the code or the "de" left at the start.
    .replace(/^(?:0000(?:01|02|03|25|29)\b|de\s+(?=(?:d[uú]vida|erro|bug|problema)))[\s,.;:-]*/i, '')
    // "3. o xml sai sem a tag", "demanda 1, ela n sabia": the menu's number is the demand, not its text.
    .replace(MENU_HEAD, '')
    // "pô, já falei.", "como te falei,": words to the bot, not the week's summary…
    .replace(/^(?:(?:p[oô]|poxa|pow|ah+|ops|opa|bom|ent[aã]o|j[aá] (?:te )?falei|te falei|como (?:eu )?(?:te )?(?:falei|disse))[\s,.!:;-]+)+/i, '')
    // …nor is "ops não, errei, era dúvida" after it (the demand it corrects is read from the whole).
    .replace(new RegExp(String.raw`[\s,.;]+(?:(?:ops|opa|pera)[\s,.!]+)?(?:n[aã]o[\s,.!]+)?${SELF_CORRECTION}.*$`, 'i'), '');
  // "era erro de operação, ela filtrava pela data errada": the demand's name set apart before the
  // description is the ticket's type, not its text (without the comma it is the description itself).
  const unlabelled = whole.replace(DEMAND_LABEL, '');
  // "…nao pera, na real ela lançou a sangria como suprimento, foi erro de operação": a correction that
  // tells what happened is the description; one that only names the demand ("errei, era dúvida") is not.
  const retold = corrected ? tidy(corrected.replace(OPEN_REQUEST, ' ').replace(CODE_SAID, ' ')).replace(DEMAND_LABEL, '') : '';
  const chosen = retold && words(retold) >= 3 && describes(retold) ? retold : demand && words(unlabelled) >= 3 ? unlabelled : whole;
  // A phone number told with it ("o tel novo dela é (21) 98888-7777") has no place in the 2266's line.
  const summary = withoutPhones(chosen);
  const openedWithout = found ? null : (short ?? (SAYS_OPENED.test(fold(text)) ? '' : null));
  return { demand: demand ?? null, protocol: found, summary: words(described) >= 3 && describes(summary) ? summary : null, openedWithout };
}

/** White space collapsed, no punctuation doubled where a part was taken out ("…dev, . NF-e"), none at either end. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([,.;:])(?:\s+[,.;:])+/g, '$1').replace(/\s+([,.;:])/g, '$1').replace(/^[\s,.;:!-]+|[\s,.;:!-]+$/g, '');
}

/**
 * Words that tell no content of what happened: the demand's names, fillers, who did what in general
 * ("teve umas coisinhas", "so duvida msm", "bug, mandei pro dsn", "deu erro mas o suporte resolveu").
 */
const SAYS_NOTHING = new Set(
  (
    'a o as os um uma uns umas e ou mas so sim nao ja ai la aqui ele ela eles elas eu gente nos voce vc de do da dos das no na nas em pra pro p para por com c sem ' +
    'que q se foi era eh teve tinha tem tive deu dava fez fiz houve ter ser estar tava ta esta msm mesmo mesma tb tbm tambem tudo td certo ok bem ' +
    'duvida duvidas erro erros operacao operacional sistema sist bug bugs problema problemas probleminha demanda demandas coisa coisas coisinha coisinhas algo alguma algumas ' +
    'dsn sup suporte dev desenvolvimento mandei mandamos enviei passei encaminhei resolveu resolvi resolvemos resolvido corrigiu corrigi ajustei arrumei arrumou ' +
    'registrar registro anotar abrir abri chamado atendimento ticket hr hora agora hoje hj ontem cliente cli tipo opcao op item sobre pouco'
  ).split(' '),
);

/** Whether a description says something of what happened (a word beyond the demand's name and fillers). */
function describes(text: string): boolean {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .some((w) => w.length > 0 && !SAYS_NOTHING.has(w) && !/^\d{1,2}$/.test(w));
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Whether an answer the classifiers found unclear still says there was a contact: it opens with
 * a yes ("falei sim, ...", "consegui, ...") or names the demand's code or menu number, and asks
 * nothing (a question mark is a question for the assistant).
 */
export function saysContact(text: string): boolean {
  if (text.includes('?') || /^\s*(?:n[aã]o|nao|n|nem|ninguem|ningu[eé]m)\b/i.test(text)) return false;
  if (onlyCalled(fold(text))) return false;
  return YES.test(text) && text.replace(YES, '') !== text ? true : /\b0000(?:01|02|03|25|29)\b/.test(text) || MENU_IN_TEXT.test(text);
}

/**
 * An answer to "conseguiu falar com o cliente?" that opens with a no ("nao. ja abri o 000029 …",
 * "nao consegui contato, abre o 29 pra mim", "ninguem atendeu"), corrected by no later yes
 * ("nao... pera, falei sim") and asking nothing; "nao sei se…", "nao teve demanda" are no such no.
 */
/**
 * "Ainda não liguei, faço amanhã", "vou ligar pra ela à tarde": the contact not tried yet, and
 * planned, which is no "no contact" (a bare "não falei ainda" is the week's no).
 */
const NOT_YET = /\b(?:ainda (?:nao|n) (?:liguei|falei|tentei|consegui ligar|consegui tentar|entrei em contato|fiz o contato|mandei)|(?:nao|n) (?:liguei|falei|tentei|mandei) ainda)\b/;
const PLANNED =
  /\b(?:(?:vou|irei|pretendo|vo) (?:ligar|falar|tentar|entrar em contato|mandar mensagem)|(?:ligo|faco|falo|tento|retorno) (?:amanha|hj|hoje|mais tarde|depois|segunda|terca|quarta|quinta|sexta|a tarde|de tarde|cedo|(?:no )?dia \d{1,2}|na (?:segunda|terca|quarta|quinta|sexta)|(?:na )?semana que vem|(?:na )?proxima semana|quando (?:ela|ele) voltar)|(?:ela|ele|o cliente|a cliente|a dona|o dono) (?:volta|retorna|chega) (?:amanha|segunda|terca|quarta|quinta|sexta|(?:no )?dia \d{1,2}|(?:na )?semana que vem|(?:na )?proxima semana))\b/;
/**
 * "A Maria pediu pra ligar dia 1", "combinei com ela de ligar na quinta": the call asked for later, planned when nothing
 * was tried yet ("ainda não liguei, …") or when it is all the answer says ("sim, resolvi na hora, 000025, ela pediu pra
 * ligar semana que vem" is a contact, whose customer wants a later one).
 */
const ASKED_LATER =
  /\b(?:pediu|pediram|quer|querem|prefere|preferiu|combinei|combinamos|marquei|marcamos|agendei|agendamos|fiquei de|ficamos de) (?:com (?:ela|ele|o cliente|a cliente|a dona|o dono|[a-z]+) )?(?:(?:pra|para|de|que|p) )?(?:(?:eu|a gente|nos) )?(?:ligar|ligasse|ligue|ligo|retornar|retornasse|retorne|falar|falasse)\b/;

const NOT_YET_ALL = new RegExp(NOT_YET.source, 'g');
const PLANNED_ALL = new RegExp(PLANNED.source, 'g');

export function notYetTried(text: string): boolean {
  const f = fold(text);
  const said = f.replace(NOT_YET_ALL, ' ').replace(PLANNED_ALL, ' ');
  const asked = ASKED_LATER.exec(f);
  const planned = PLANNED.test(f) || (asked !== null && (NOT_YET.test(f) || words(f.slice(0, asked.index)) <= 3));
  return planned && !CONTACT_SAID.test(said) && !/\b(?:ninguem|nao|n) (?:atendeu|atende|respondeu|responde)\b/.test(f);
}

export function deniesContact(text: string): boolean {
  if (text.includes('?')) return false;
  // "falei sim com ela. nao pera, nao consegui nao, quem atendeu foi a vizinha": the yes taken back is the no that follows it.
  const corrected = CORRECTED.exec(fold(text))?.[1]?.replace(/^[\s,.:;!-]+/, '');
  if (corrected && corrected !== fold(text) && deniesContact(corrected)) return true;
  const f = fold(text);
  const no = /^\s*(?:(?:nao|n|nops|negativo|infelizmente(?:\s+nao)?)(?:\s*[,.;:!-]+|\s*$|\s+(?:consegui|conseguimos|deu|rolou|atendeu|atende|respondeu|responde|retornou|falei|tive|foi\s+possivel))|ninguem\s+(?:atendeu|atende|respondeu|responde)|sem\s+(?:contato|retorno|resposta)|(?:nao|n)\s+(?:houve|teve|tive|rolou)\s+contato)/;
  return (no.test(f) || (TRIED_ONLY.test(f) && !REACHED.test(f))) && !/\b(?:pera|espera|falei sim|consegui sim|conversei sim|alias|ali[aá]s)\b/.test(f);
}

/**
 * "liguei pro fixo e pro cel de manhã": a call to a number, with nobody said to have answered, is an attempt
 * whose end is untold, no contact (found by an outside tester: it was recorded as a contact, "pro fixo e
 * pro cel de manha" its summary); "liguei pra ela, tirou a dúvida" still is one.
 */
function onlyCalled(f: string): boolean {
  return /^\W*(?:(?:eu|ja|hoje|hj|ontem)\s+)*liguei\s+(?:(?:\d+\s*x|\d+\s+vezes|duas vezes|tres vezes|de novo|novamente)\s+)?(?:(?:pro|pra|para o|para|no|na|nos|pros|p\/ o|p\/)\s+)?(?:o\s+)?(?:fixo|cel|celular|telefone|tel|fone|numero|numeros|whats|zap|os dois|2 numeros)\b/.test(f) && !REACHED.test(f);
}

/** Attempts told and nothing more: "fiz 2 tentativas ontem", "só tentativas", "tentei ligar de manhã e à tarde pro fixo". */
const TRIED_ONLY =
  /^(?:(?:fiz|fizemos|foram|so|apenas|somente|varias|duas|tres|\d+\s*x?)\s+)*tentativas?\b|^(?:(?:so|ja|eu)\s+)?tentei\s+(?:(?:\d+\s*x|\d+\s+vezes|duas vezes|tres vezes|de novo|novamente|varias vezes|ontem|hoje|de manha|a tarde)\s+)*(?:ligar|contato|contatar|falar|whats|zap|mensagem|msg|ligacao|o fixo|o cel)\b/;
/** …unless someone was reached after all ("tentei ligar de manhã, à tarde consegui"), which no negation takes back. */
const REACHED = /(?<!\b(?:nao|n|ninguem|nem)\s)\b(?:consegui|conseguimos|falei|conversei|conversamos|atendeu|retornou|respondeu|me ligou|deu certo)\b/;

/**
 * Where the protocol or the summary is asked: "perai vou procurar o numero", "nao lembro o protocolo agora",
 * "deixa eu achar aqui": the agent goes looking, which is no summary (found by an outside tester: each was
 * taken as one, and a second ticket opened with it as its text).
 */
const LOOKING = /^(?:(?:pera|perai|peraí|espera|calma|ok|blz|beleza|ja|entao)\W+)*(?:(?:vou|deixa eu|deixe eu|so vou|to indo|vo) (?:procurar|ver|achar|olhar|buscar|pegar|conferir|checar)|(?:nao|n) (?:lembro|sei|tenho|achei|acho)(?: (?:de cabeca|agora|aqui))?(?: (?:o|do|qual e o|qual o))? (?:protocolo|numero|prot|n)|procurando|to procurando|estou procurando|ja te (?:mando|passo)|ja (?:mando|passo))\b(?:[\s,.!]+(?:aqui|ai|o|a|numero|protocolo|prot|no|bimer|karoo|pra|vc|voce|e|te|ja|mando|passo|agora|de|cabeca|rapidinho|um|minuto|minutinho|momento|so|qual|era|sistema))*[\s,.!]*$/;

export function looksForProtocol(text: string): boolean {
  const f = fold(text).trim();
  return f.length <= 80 && !f.includes('?') && LOOKING.test(f);
}

/** An attempt told: "liguei 2x", "mandei whats", "ngm atendeu", "caixa postal". */
const ATTEMPT = /\b(?:liguei|tentei|mandei|ligacao|ligacoes|whats|zap|e-?mail|caixa postal|atendeu|atende|respondeu|responde|retornou|retorna)\b/;

/**
 * Whether an implanter writing unprompted reports a week's attempt that reached nobody ("nao
 * consegui, liguei 3x e ngm atendeu", "ninguem atendeu no fixo nem no cel"): a no told with the
 * attempt, nothing asked ("nao consigo contato, o que faço?" is a question for the assistant).
 */
export function reportsNoContact(text: string): boolean {
  const f = fold(text);
  if (f.includes('?') || ASKS.test(f) || /\b(?:o que|oq|oque|faco|fazer|e agora)\b/.test(f)) return false;
  return deniesContact(text) && ATTEMPT.test(f);
}

/** A contact told in the first words: "falei com ele", "consegui falar", "tive contato", "ele atendeu". */
const CONTACT_VERB =
  /\b(?:falei|conversei|conversamos|liguei|conseguimos|consegui(?:mos)?\s+(?:falar|contato|conversar|contatar)|(?:tive|tivemos|fiz|fizemos)\s+(?:o\s+)?contato|(?:o cliente|a cliente|ele|ela|o dono|a dona|a gerente|o gerente|(?:o|a)\s+(?!(?:sistema|servidor|sefaz|banco|pdv|programa|site|app|aplicativo|api|tela|nota|impressora|maquina|balanca|rede|internet|email|whats|zap)\b)[a-z]+)\s+(?:me\s+)?(?:atendeu|retornou|respondeu))\b/;
/** A clause that asks something ("…, tenho que abrir outro atendimento"): a question for the assistant, not a report. */
const ASKS = /(?:^|[,;.:]\s*|\be\s+)(?:como|onde|qual|quais|quando|qdo|qnd|preciso|precisa|tenho que|tenho q|devo|posso|pode|registro|abro|crio|e agora)\b/;

/**
 * Whether an implanter writing unprompted (the bot asked nothing) reports the week's contact:
 * a contact verb among the first words with no negation before it ("falei sim, ele tinha dúvida
 * pra tirar o relatório de vendas", "hoje conversei com a gerente, …"), and nothing asked. Stricter
 * than `saysContact`: a bare "ok" or "sim" out of any question is no report.
 */
export function reportsContact(text: string): boolean {
  const f = fold(text);
  if (f.includes('?') || ASKS.test(f)) return false;
  // "quero registrar a semana do 123, já falei c ele hj": the contact told after the request.
  return contactIn(f) || (WANTS_TO_RECORD_HEAD.test(f) && f.split(/\s*[,;.]\s*|\s+e\s+/).slice(1).some((clause) => contactIn(clause)));
}

/** "quero registrar a semana do 123, não consegui falar com ele": the no told right after the request. */
export function deniesAfterRequest(text: string): boolean {
  const f = fold(text);
  const next = WANTS_TO_RECORD_HEAD.test(f) ? f.split(/\s*[,;.]\s*/)[1] : undefined;
  return next !== undefined && deniesContact(next);
}

/** A message that opens by asking to record a week ("quero registrar a semana do 123, …"). */
const WANTS_TO_RECORD_HEAD = /^\W*(?:(?:eu\s+)?(?:quero|queria|vou|preciso|pode|bora)\s+)?(?:registrar|lancar|anotar|gravar|registra|lanca|anota)\s+(?:a|o)?\s*(?:semana|contato|monitoramento|acompanhamento)\b/;

/** A contact told among the first words, with no negation before it, whatever else the message asks ("falei com o cliente, e agora?"). */
export function tellsContact(text: string): boolean {
  return contactIn(fold(text));
}

/** "nao pera, me enganei!", "opa, errei,": a correction's opening, before the contact it now tells. */
const CORRECTION_LEAD = /^\W*(?:(?:nao|n|ops|opa)[\s,.!]+)?(?:pera[\s,.!]+)?(?:(?:me enganei|errei|na verdade|na vdd|na real|corrigindo)[\s,.!]+)+/;

/** Where a report turns ("tentei 2x sem sucesso, mas a tarde ela me retornou", "duvida: como cancelar NFC-e. falei com a dona"): each part is read on its own. */
const CLAUSE_BREAK = /[,.;:!]+|\s+(?:mas|porem|so que|dai|ai|entao|depois)\s+/;
/** What the customer asked, told by the implanter: the question word there is theirs. */
const CUSTOMERS_QUESTION = /\b(?:duvida|duvidas|perguntou|pergunta|queria saber|quer saber|nao sabia|nao sabe|pediu|ensinei|expliquei|mostrei)\b[\s:,-]*(?:(?:sobre|de|do|da)\s+)?(?:como|onde|qual|quais|quando)\b/g;
/** "te falei", "ja falei", "como falei", "falei q…": the implanter reminding the bot, not telling a contact. */
const TOLD_THE_BOT = /\b(?:(?:te|ja|como|eu te|ja te)\s+(?:falei|disse)|falei\s+(?:q|que|pra|p)\b)/;
/** A clause that says the attempt failed ("liguei e ninguem atendeu", "retornou nao"). */
const FAILED = /\b(?:nao|n|nem|ninguem|sem (?:sucesso|resposta|retorno)|caixa postal|ocupado)\b/;

/**
 * An answer to "conseguiu falar?" that tells a contact in a later part, after a failed attempt or
 * the demand ("cliente nao respondeu o whats, mas liguei e falei com o Marcos: duvida…", "tentei
 * 2x sem sucesso, mas a tarde ela me retornou no whats: tudo ok", "duvida: como cancelar NFC-e.
 * falei com a dona"): the answer, whatever its words look like (a salesperson's "retorno", a
 * "cancelar"). Not a question; a clause that says the attempt failed tells no contact; "liguei"
 * alone tells an attempt, not a contact.
 */
export function contactTold(text: string): boolean {
  const f = fold(text);
  // The customer's question told ("duvida: como cancelar NFC-e", "perguntou onde fica o relatorio") is no question to the bot.
  if (f.includes('?') || ASKS.test(f.replace(CUSTOMERS_QUESTION, ' '))) return false;
  return f.split(CLAUSE_BREAK).some((clause) => {
    // "liguei" tells an attempt; what follows it tells whether someone answered ("liguei e falei com o Marcos").
    const c = clause.trim().replace(/^(?:(?:e|a tarde|de tarde|hoje|hj|ontem|depois|liguei(?: \S+)?(?: e)?)\s+)+/, '');
    // "te falei q eles so voltam dia 4", "como falei": words to the bot, no contact.
    return !/^liguei\b/.test(c) && contactIn(c) && !FAILED.test(c) && !/\b(?:vendedor|vendedora|vend)\b/.test(c) && !TOLD_THE_BOT.test(c);
  });
}

/** `tellsContact` on a folded text. */
function contactIn(folded: string): boolean {
  const f = folded.replace(CORRECTION_LEAD, '');
  if (onlyCalled(f)) return false;
  const verb = CONTACT_VERB.exec(f);
  if (!verb || f.slice(0, verb.index).split(' ').filter(Boolean).length > 3) return false;
  return !/\b(?:nao|n|nem|ninguem|sem)\b/.test(f.slice(0, verb.index));
}

/**
 * "as duas, 1 e 2", "os dois", "1 e 4", "ambas" where the demand is asked: several demands chosen
 * for one contact, which gets one ticket. The menu numbers named (none for "as duas").
 */
export function severalDemands(text: string): number[] | null {
  const f = fold(text).replace(/[^a-z0-9 ,/&+]+/g, ' ').trim();
  const both = /^(?:(?:foram|foi|sao|eram)\s+)?(?:as duas|os dois|ambas|ambos|as 2|os 2|todas|todos|(?:as|os)\s+(?:tres|3))\b/.test(f);
  const pair = /^(?:(?:as duas|os dois|ambas|ambos|as 2|os 2)[\s,]*)?(?:(?:a|o|opcao|op)\s+)?([1-5])\s*(?:e|,|\/|&|\+)\s*(?:(?:a|o)\s+)?([1-5])\b/.exec(f);
  if (pair) return [...new Set([Number(pair[1]), Number(pair[2])])].length > 1 ? [Number(pair[1]), Number(pair[2])] : null;
  return both ? [] : null;
}

/**
 * Where the demand is asked, the yes taken back ("nao pera, confundi com outro cliente, nao falei
 * com a padaria nao", "na verdade nao consegui contato"): 'no' when it says there was no contact,
 * 'unsure' when it only says the customer was mixed up; null when it takes nothing back.
 */
export function contactTakenBack(text: string): 'no' | 'unsure' | null {
  const f = fold(text);
  if (f.includes('?')) return null;
  // (a bare "n, foi só um ok dele" answers the demand: no demand, not no contact)
  if (/\b(?:nao|n) (?:falei|consegui|conversei|tive contato|teve contato|rolou contato)\b|\b(?:ninguem|ngm) (?:atendeu|respondeu)\b|\bsem (?:contato|retorno|resposta)\b/.test(f)) return /\b(?:falei|consegui|conversei) sim\b/.test(f) ? null : 'no';
  return /\b(?:confundi|troquei|misturei) (?:com |os |de )?(?:outr[oa]|os clientes|cliente)\b/.test(f) ? 'unsure' : null;
}
