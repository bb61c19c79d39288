import type { WordingKind } from '../../nlu/wording.js';
import { fnv1a } from '../../util/hash.js';
import { fold, truncate } from '../../util/text.js';
import { MINUTE_MS } from '../../domain/durations.js';

/**
 * What QA and the supervisors need to know about one chat during one plantão shift (issue 14),
 * kept in the chat's state while the shift lasts and sent to the `ops:qa` stream when the chat
 * closes and when the shift ends. Derived from the events the chat already sees; no customer
 * words are kept, only the technicians' (as a hash and a short excerpt, to find pasted texts).
 * Pure.
 */

export interface TechnicianRef {
  login: string;
  name: string | null;
}

/** A technician text long enough to be a pasted one: its hash and how it starts. */
export interface PhraseRef {
  hash: string;
  excerpt: string;
  /** The technician's login. */
  by: string;
}

export type { WordingKind } from '../../nlu/wording.js';

export interface ChatRecord {
  chatId: string;
  chatNumber: number | null;
  sector: string;
  contactName: string | null;
  partner: boolean;
  /** The technicians who wrote in the chat, in the order they first did. */
  technicians: TechnicianRef[];
  firstContactAt: string | null;
  firstResponseAt: string | null;
  /** The contact's oldest message no technician has answered yet, or null. */
  waitingSince: string | null;
  /** The shift ended with the contact still waiting for an answer. */
  leftWaiting: boolean;
  /** The longest the contact waited for a technician ("tempo parado"), in minutes, and in which wait. */
  longestWaitMinutes: number;
  longestWaitFrom: string | null;
  checkins: number;
  notice: boolean;
  /** How the chat ended, if it did during the shift. */
  closed: 'tudo-ok' | 'resolvido' | 'pelo-tecnico' | null;
  closedAt: string | null;
  /** Whether the chat was told the plantão's hours (by the bot, or a technician's text with a time). */
  hoursTold: boolean;
  /** `#pendente`'s reason, when the technician marked one. */
  pending: string | null;
  /** The pending work was the bot's, for a contact nobody answered by the last shift's end: no technician marked it. */
  pendingByBot?: true;
  /** The customer was a reseller's and was sent to the reseller. */
  resellerRedirect: boolean;
  /** Messages of the bot that could not be sent (WhatsApp's 24-hour window had closed): check-in, notice, closing. */
  notSent?: string[];
  phrases: PhraseRef[];
  wording: { kind: WordingKind; by: string; excerpt: string }[];
}

/** Technician texts at least this long (folded) are compared across chats for pasted phrases. */
export const PHRASE_MIN_CHARS = 40;
const MAX_PHRASES = 30;
const MAX_WORDING = 5;

export function newRecord(chatId: string, chatNumber: number | null, sector: string, contactName: string | null, partner: boolean): ChatRecord {
  return {
    chatId,
    chatNumber,
    sector,
    contactName,
    partner,
    technicians: [],
    firstContactAt: null,
    firstResponseAt: null,
    waitingSince: null,
    leftWaiting: false,
    longestWaitMinutes: 0,
    longestWaitFrom: null,
    checkins: 0,
    notice: false,
    closed: null,
    closedAt: null,
    hoursTold: false,
    pending: null,
    resellerRedirect: false,
    phrases: [],
    wording: [],
  };
}

/** Whole minutes from an instant (ISO) to another, never negative. */
export const minutesBetween = (from: string, to: Date): number => Math.max(0, Math.round((to.getTime() - Date.parse(from)) / MINUTE_MS));

/** Ends the contact's current wait (a technician answered, the chat closed, the shift ended). */
export function endWait(r: ChatRecord, at: Date): void {
  if (!r.waitingSince) return;
  const waited = minutesBetween(r.waitingSince, at);
  if (waited > r.longestWaitMinutes) {
    r.longestWaitMinutes = waited;
    r.longestWaitFrom = r.waitingSince;
  }
  r.waitingSince = null;
}

/** The contact wrote. `needsNothing`: they said all is fine or solved, so they wait for no one. */
export function contactWrote(r: ChatRecord, at: Date, needsNothing: boolean): void {
  const iso = at.toISOString();
  r.firstContactAt ??= iso;
  if (needsNothing) endWait(r, at);
  else r.waitingSince ??= iso;
}

/** A technician wrote `text` in the chat; `wording` is what the language layer read in it (QA's flags). */
export function technicianWrote(r: ChatRecord, who: TechnicianRef, text: string, at: Date, wording: readonly WordingKind[], holding = false): void {
  if (!r.technicians.some((t) => t.login === who.login)) r.technicians.push(who);
  if (r.firstContactAt && !r.firstResponseAt) r.firstResponseAt = at.toISOString();
  const waiting = r.waitingSince !== null;
  endWait(r, at);
  // "Vou verificar, um momento" answers nothing yet: the contact now waits for what was promised (QA's "tempo parado"
  // ran 5 minutes on a chat nobody answered again until the shift ended).
  if (holding && waiting) r.waitingSince = at.toISOString();
  if (mentionsHours(text)) r.hoursTold = true;
  const phrase = phraseOf(text, r.contactName);
  if (phrase && r.phrases.length < MAX_PHRASES && !r.phrases.some((p) => p.hash === phrase.hash && p.by === who.login)) r.phrases.push({ ...phrase, by: who.login });
  for (const kind of wording) if (r.wording.length < MAX_WORDING) r.wording.push({ kind, by: who.login, excerpt: excerptAround(text, WORDING_CUES[kind]) });
}

/** The shift is over: a wait still running ends here, and is remembered as left unanswered. */
export function shiftEnded(r: ChatRecord, at: Date): void {
  if (r.closed) return;
  if (r.waitingSince) r.leftWaiting = true;
  endWait(r, at);
}

export function closedAs(r: ChatRecord, how: NonNullable<ChatRecord['closed']>, at: Date): void {
  if (r.closed) return;
  endWait(r, at);
  r.closed = how;
  r.closedAt = at.toISOString();
  if (how !== 'pelo-tecnico') r.hoursTold = true; // the bot's closing messages always give the hours
}

const excerptOf = (text: string): string => truncate(text.replace(/\s+/g, ' ').trim(), 80);

/** The words a wording QA counts is about: its excerpt shows them, not the greeting before them. */
const WORDING_CUES: Record<WordingKind, RegExp> = { calls: /liga|telefon|zoiper|chamada/, training: /treina/ };

/**
 * At most 80 characters of a line around the words QA counts ("…vamos verificar, você… não atendemos ligações"), cut by
 * code points; an outside tester's flag quoted a greeting and a pasted formula, cut before the words themselves.
 */
function excerptAround(text: string, cue: RegExp): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  const folded = fold(line);
  const m = cue.exec(folded);
  // (the index in code points: folding keeps one per character)
  const at = m && Array.from(folded).length === chars.length ? Array.from(folded.slice(0, m.index)).length : -1;
  if (chars.length <= 80 || at < 50) return excerptOf(text);
  const start = Math.max(0, Math.min(at - 30, chars.length - 79));
  const piece = chars.slice(start, start + 79).join('').trim();
  return `…${start + 79 < chars.length ? truncate(piece, 78) : piece}`;
}

/** Words a pasted text starts with that change from chat to chat ("Olá, Sérgio!", "Prezado cliente,"). */
const GREETING = new Set(['ola', 'oi', 'prezado', 'prezada', 'prezados', 'caro', 'cara', 'sr', 'sra', 'senhor', 'senhora', 'bom', 'boa', 'dia', 'tarde', 'noite', 'cliente', 'tudo', 'bem']);

/**
 * A technician text as it is compared across chats: folded, punctuation and numbers out, the
 * contact's names and the greeting out (a pasted text is pasted with another name in each chat).
 */
export function phraseOf(text: string, contactName: string | null): Omit<PhraseRef, 'by'> | null {
  const names = new Set(fold(contactName ?? '').replace(/[^a-z ]+/g, ' ').split(' ').filter(Boolean));
  const words = fold(text)
    .replace(/[^a-z ]+/g, ' ')
    .split(' ')
    .filter((w) => w && !names.has(w));
  while (words.length > 0 && GREETING.has(words[0] as string)) words.shift();
  const normal = words.join(' ');
  if (normal.length < PHRASE_MIN_CHARS) return null;
  return { hash: fnv1a(normal).toString(36), excerpt: excerptOf(text) };
}

/** "o plantão vai até as 18h", "voltamos segunda às 08:00", "atendemos até 18 horas". */
export function mentionsHours(text: string): boolean {
  return /\b([01]?\d|2[0-3])\s*(h\b|hs\b|hrs?\b|horas\b|:[0-5]\d)/.test(fold(text));
}

