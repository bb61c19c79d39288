import { fnv1a } from '../util/hash.js';

/** Picks one of several wordings, deterministically from a seed (an event id): flows stay pure. */
export function pick(seed: string, variants: readonly string[]): string {
  return variants[fnv1a(seed) % variants.length] as string;
}

export function firstName(name: string | null | undefined): string {
  const token = (name ?? '').trim().split(/\s+/)[0] ?? '';
  // Markup or a formula anywhere in it ("<img src=x onerror=…>" was greeted "Img"): a profile name that is no name.
  if (token.includes('\uFFFD') || /[<>{}=[\]|\\@#$%^*_~`]/.test(name ?? '')) return '';
  const first = token.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
  // Only a name is said back: a word of letters ("João", "D'Ávila", "Ana-Maria"), never half an
  // emoji made "Jos�" nor a profile name such as "@SUM(1+1)" or "<b>Zé</b>" (then no name at all).
  // …nor a run of letters no name has ("J" typed 3,000 times).
  // …nor a word that names a role or a place, not a person ("Cliente 302", "Loja Centro": greeted "Cliente, tudo bem?").
  if (NOT_A_NAME.test(first.toLowerCase())) return '';
  return NAME_WORD.test(first) && Array.from(first).length <= NAME_MAX ? first.charAt(0).toUpperCase() + first.slice(1) : '';
}

/** First words of a profile name that are no person's name. */
const NOT_A_NAME = /^(?:cliente|client|loja|mercado|supermercado|padaria|farmacia|farmácia|empresa|escritorio|escritório|financeiro|caixa|suporte|atendimento|contato|usuario|usuário|comercial|vendas|administrativo|adm|gerencia|gerência|recepcao|recepção)$/u;

/**
 * A contact's name as staff read it ("Chat 5031 (Maria Souza 🌸)"), or null when the profile name
 * is no name ("@SUM(1+1)", markup, half an emoji): the same test as the first name said back.
 */
export function shownName(name: string | null | undefined): string | null {
  return name && firstName(name) ? name.trim() : null;
}

/** " (Maria Souza 🌸)" after a chat's number in a staff text, or nothing when the profile name is no name. */
export function inParens(name: string | null | undefined): string {
  const shown = shownName(name);
  return shown ? ` (${shown})` : '';
}

/** The longest first name said back, in letters (the longest Brazilian first names have about 15). */
const NAME_MAX = 24;

/** A first name as people write it: letters, with an apostrophe, a hyphen or a dot between them. */
const NAME_WORD = /^\p{L}+(?:['’.-]\p{L}+)*$/u;

export { asText as str } from '../util/text.js';

/** What a chat was told lately: its last text, or its last few (newest last). */
export type Said = string | readonly string[] | null;

/**
 * One of the variants, never the text the chat got last (when there is another); given the
 * chat's last few texts, none of those either while a variant is left, else the one said longest ago.
 */
export function fresh(seed: string, variants: string[], last: Said): string {
  // A variant that opens with the name ("Maria, está tudo certo?") opens with a capital without it.
  const all = variants.map(capitalise);
  const recent = last === null ? [] : typeof last === 'string' ? [last] : last;
  const first = all.indexOf(pick(seed, all));
  for (let i = 0; i < all.length; i++) {
    const v = all[(first + i) % all.length] as string;
    if (!recent.includes(v)) return v;
  }
  // Every variant said lately: the one said longest ago (one variant only: that one).
  return [...all].sort((a, b) => recent.lastIndexOf(a) - recent.lastIndexOf(b))[0] as string;
}

/** "Maria, " to open a sentence with the person's first name, or nothing without one. */
export function Hi(name: string | null | undefined): string {
  const first = firstName(name);
  return first ? `${first}, ` : '';
}

/** ", Maria" to close a greeting with the person's first name ("Oi, Maria!"), or nothing without one ("Oi!"). */
export function toName(name: string | null | undefined): string {
  const first = firstName(name);
  return first ? `, ${first}` : '';
}

/** The text with its first letter in upper case. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Someone's words quoted at the end of a sentence, with its full stop: none added after words that end on their own
 * (`"…nota de devolução."` not `"…nota de devolução.".`).
 */
export function quotedEnd(words: string): string {
  return `"${words}"${/[.!?…]\s*$/.test(words) ? '' : '.'}`;
}
