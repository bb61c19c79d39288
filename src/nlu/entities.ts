import * as chrono from 'chrono-node';
import { fold } from '../util/text.js';

/**
 * The entities of a message. Exact formats (a Bimer protocol, a customer code, a menu option)
 * are read by rules; dates and times ("amanhã às 10h", "segunda de manhã") by chrono-node's
 * Portuguese parser, after spelling the WhatsApp ways of writing them out.
 */

export interface Entities {
  /** A customer code, zero-padded to 6 digits ("cliente 123" → "000123"). */
  customerCode: string | null;
  /** A Bimer protocol: a run of 7 to 20 digits (customer codes have at most 6). */
  protocol: string | null;
  /** A menu option typed alone or as "opção 3" (1–9). */
  option: number | null;
  /** A week of the monitoring (1–3), "semana 2", "2ª semana", "segunda semana". */
  week: 1 | 2 | 3 | null;
  /**
   * A date or time the person mentioned, as typed and as an instant (in the business time zone);
   * `hourKnown` false when only the day was said ("segunda", "hoje").
   */
  when: { text: string; at: string; hourKnown: boolean } | null;
}

const WEEK_WORDS: Record<string, 1 | 2 | 3> = { primeira: 1, '1': 1, um: 1, uma: 1, segunda: 2, '2': 2, dois: 2, duas: 2, terceira: 3, '3': 3, tres: 3, ultima: 3 };

export function customerCode(text: string): string | null {
  // A protocol is not a customer code, nor is a phone ("(21) 97777-0003" was read as 097777).
  // …nor a ticket type named short ("onde coloco o protocolo do 29": the 000029).
  const t = fold(text.replace(PHONE, ' '))
    .replace(/\b\d{7,20}\b/g, ' ')
    .replace(/\b(?:protocolo|prot|atendimento|ticket|chamado|tipo)\s+(?:d[oae]\s+|o\s+|um\s+)?0{0,4}(?:1|2|3|25|29|30)\b/g, ' ');
  const explicit = /(?:cliente|cli|codigo|cod\.?|c[oó]d|bo|do|da|de)\s*(?:n[or]?\.?\s*|#\s*|:\s*)?(\d{1,6})\b/.exec(t);
  const any = explicit ?? /\b(\d{3,6})\b/.exec(t.replace(/\b(?:2266|0000(?:01|02|03|25|29|30))\b/g, ' '));
  return any?.[1] ? any[1].padStart(6, '0') : null;
}

/**
 * A phone number as people write one: "(21) 2222-0000", "21 99999-0000", "+55 21 99999 0000", or
 * any digits after "tel", "fixo", "celular", "whats"… It is never a ticket's protocol.
 */
const PHONE =
  /(?:\b(?:tel(?:efone)?|fone|fixo|celular|cel|whats(?:app)?|zap|contato|n[uú]mero)\b[\s.:]*(?:(?:dela|dele|deles|delas|d[oae]\s+\p{L}+)\s+)?(?:(?:[eé]|eh)\s+)?)(?:\+?\s*55[\s.-]*)?(?:\(?0?\d{2}\)?[\s.-]*)?\d{4,5}[\s.-]?\d{4}(?!\d)|(?:\+\s*55[\s.-]*)?\(\s*0?\d{2}\s*\)[\s.-]*\d{4,5}[\s.-]?\d{4}(?!\d)|(?:\+\s*55[\s.-]*)?(?<![\d.\-/])(?:0?\d{2}[\s.-]+)?9?\d{4}-\d{4}(?!\d)/giu;

/**
 * The text without the phone numbers in it, nor their label ("o tel dela é (21) 98888-7777"): a
 * week's summary goes into Bimer's 2266, where a person's number has no place.
 */
/** A phone with the word that led to it ("ligou do 21 9…"). */
const PHONE_SAID = new RegExp(String.raw`(?:\b(?:do|de|pelo|no|para o|pro|pra|o)\s+)?(?:${PHONE.source})`, 'giu');

export function withoutPhones(text: string): string {
  const cut = text.replace(PHONE_SAID, ' \uE000 ');
  if (cut === text) return text;
  return cut
    // "…, o tel novo dela é [número]": the label left without its number, and what led to it.
    .replace(/(?:^|[\s,.;:-]+)(?:tel(?:efone)?|fone|celular|cel|whats(?:app)?|zap|n[uú]mero)(?!\p{L})(?:\s+\p{L}+){0,3}?\s*(?:[eé]|eh)?\s*\uE000[\s,.;:-]*$/iu, '')
    .replace(/\s*\uE000\s*/g, ' ')
    .replace(/(?:(?:^|[\s,.;:-]+)(?:e|ah|o|a|e o|e a|ah o|ah a|novo|nova)(?!\p{L}))+[\s,.;:-]*$/giu, '')
    .replace(/\s+([,.;])/g, '$1')
    .replace(/[\s,;:-]+$/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export function protocol(text: string): string | null {
  // A ticket-type code next to it ("000001 2026120401143", "o 2266 2026112300043") is not the protocol's first digits, nor is a phone.
  const codesApart = text.replace(PHONE, ' ').replace(/\b0000(?:01|02|03|25|29|30)\b/g, ' ').replace(/\b2266(?=[\s.\-/]+\d{7,}(?!\d))|(?<=\d{7,}[\s.\-/]+)2266\b/g, ' ');
  // Bimer's protocols are the date and a number (2026120300118): written as "2026 12 03 00118" or "20261203.00118".
  const dated = /(?<![\d.\-/])(20\d{2})[.\-/ ]?(\d{2})[.\-/ ]?(\d{2})[.\-/ ]?(\d{5})(?![\d.\-/]*\d)/.exec(codesApart);
  if (dated) return dated.slice(1, 5).join('');
  return /(?<!\d)(\d{7,20})(?!\d)/.exec(codesApart.replace(/(\d)[.\-/ ](?=\d{3})/g, '$1'))?.[1] ?? null;
}

export function option(text: string): number | null {
  const t = fold(text).replace(/[^a-z0-9 ]+/g, ' ').trim();
  // "3", "opção 3", "a 3, bug", "3 - dsn": a menu number leading the message.
  const m = /^(?:(?:a|e|opcao|opc|op|numero|n|item|alternativa)\s*)?(\d)(?:\s*$|\s+(?=\D))/.exec(t);
  return m?.[1] ? Number(m[1]) : null;
}

export function week(text: string): 1 | 2 | 3 | null {
  const t = fold(text);
  const m = /\b(primeira|segunda|terceira|ultima|[123])\s*(?:a|ª)?\s*semana\b/.exec(t) ?? /\bsemana\s*(?:n\s*)?(um|uma|dois|duas|tres|[123])\b/.exec(t);
  return m?.[1] ? (WEEK_WORDS[m[1]] ?? null) : null;
}

/** "dia 30" → "30/12" (this month's, or the next month's when the day has passed), which chrono reads. */
function dayOfMonth(text: string, now: Date, offsetMinutes: number): string {
  const local = new Date(now.getTime() + offsetMinutes * 60_000);
  return text.replace(/\bdia\s+(\d{1,2})\b(?!\s*[/.-]\d)/gi, (whole, d: string) => {
    const day = Number(d);
    if (day < 1 || day > 31) return whole;
    const month = (local.getUTCMonth() + (day < local.getUTCDate() ? 1 : 0)) % 12;
    return `${day}/${month + 1}`;
  });
}

/** "amanha as 10h" → chrono reads "amanhã às 10:00". */
function spellTimes(text: string): string {
  return text
    // A greeting is no time of day: "boa tarde, dá pra fazer dia 30 às 14h?" asks for the 30th at 14:00.
    .replace(/\b(?:bom\s+dia|boa\s+tarde|boa\s+noite|bomdia|boatarde|boanoite)\b/gi, ' ')
    // …nor a wish: "feliz sábado!, pode ser segunda?" asks for Monday.
    .replace(/\bfeliz(?:es)?\s+(?:s[aá]bado|domingo|segunda|ter[cç]a|quarta|quinta|sexta|feriado|fim\s+de\s+semana|fds|natal|ano\s+novo|p[aá]scoa)\b/gi, ' ')
    .replace(/\bhj\b/gi, 'hoje')
    .replace(/\bamanha\b/gi, 'amanhã')
    .replace(/\bmanha\b/gi, 'manhã')
    .replace(/\bas (?=\d)/gi, 'às ')
    .replace(/\b(\d{1,2})\s*h\s*(\d{2})?\b/gi, (_m, h: string, min?: string) => `${h}:${min ?? '00'}`)
    .replace(/(?<!às )\b(\d{1,2}:\d{2})\b/g, 'às $1')
    .replace(/\bcedo\b/gi, 'às 8:00')
    .replace(/\b(seg|ter|qua|qui|sex|sab|dom)\b/gi, (d) => ({ seg: 'segunda', ter: 'terça', qua: 'quarta', qui: 'quinta', sex: 'sexta', sab: 'sábado', dom: 'domingo' })[d.toLowerCase()] ?? d);
}

/** A date or time in the message, taken forward from `now`; `offsetMinutes` is the business zone's. */
export function when(text: string, now: Date, offsetMinutes: number): Entities['when'] {
  const [first] = chrono.pt.parse(spellTimes(dayOfMonth(text, now, offsetMinutes)), { instant: now, timezone: offsetMinutes }, { forwardDate: true });
  return first ? { text: first.text, at: first.start.date().toISOString(), hourKnown: first.start.isCertain('hour') } : null;
}

/** Words that follow "sou o…", "aqui é a…" but are a role, not a name ("sou a dona", "aqui é o caixa"). */
const NOT_A_NAME = new Set(['dona', 'dono', 'gerente', 'responsavel', 'caixa', 'financeiro', 'financeira', 'contador', 'contadora', 'proprietario', 'proprietaria', 'funcionario', 'funcionaria', 'filho', 'filha', 'esposa', 'marido', 'mesmo', 'mesma', 'cliente', 'tecnico', 'tecnica', 'administrador', 'administradora', 'socio', 'socia', 'atendente', 'vendedor', 'vendedora', 'do', 'da', 'de', 'que', 'q', 'eu', 'nova', 'novo']);

/**
 * The name a person gives in their message ("meu nome é Jorge", "aqui é o jorge do mercado",
 * "sou a Márcia"), capitalised, or null: on a shared WhatsApp the one who writes is not always
 * the contact Karoo knows.
 */
export function introducedName(text: string): string | null {
  // Said to introduce oneself: at the start, after a greeting or a comma ("o sistema aqui é o antigo" names nobody).
  // …after "e" too ("ah, e aqui é a Cida"), and past a title ("aqui é a Dona Cida", "o seu Jorge", "o Sr. Antônio").
  const m = /(?:^\s*|[,.!;]\s*|\b(?:oi|ol[aá]|opa|bom dia|boa tarde|boa noite)\s+)(?:e\s+)?(?:meu nome (?:é|e|eh)|me chamo|aqui (?:é|e|eh|quem fala é|quem fala e)(?: (?:o|a))?|(?:eu )?sou (?:o|a))\s+(?:(?:dona|seu|sr|sra|senhor|senhora|dr|dra)\.?\s+)?(\p{L}{2,})/iu.exec(text);
  const word = m?.[1];
  if (!word || NOT_A_NAME.has(fold(word))) return null;
  return word.charAt(0).toLocaleUpperCase('pt-BR') + word.slice(1).toLocaleLowerCase('pt-BR');
}

/**
 * Whether a name a person gave ({@link introducedName}) is one of the words of the contact Karoo
 * knows ("sou a Maria" on Maria Souza's WhatsApp is Maria herself; "Ana" is not "Mariana").
 */
export function isContactsName(introduced: string, contactName: string | null): boolean {
  return contactName !== null && fold(contactName).split(/[^\p{L}]+/u).includes(fold(introduced));
}
