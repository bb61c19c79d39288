import { findPhoneNumbersInText, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

/**
 * Phone numbers as the bot keeps them: E.164 (`+5521999990001`) everywhere inside, read with
 * libphonenumber-js (Brazil as the default region) from whatever people typed in Bimer, Karoo or
 * the roster, and formatted for people (`(21) 99999-0001`) only in the texts they read.
 *
 * Bimer often keeps the area code with the long-distance zeros (`(0021)99999-0001`, `(0051)3333-4444`):
 * read as typed, those digits give no valid Brazilian number (or one behind an international
 * prefix), so the leading zeros are also tried as a single trunk `0`. The full metadata set is
 * used because choosing a mobile number needs the number's type.
 */

export type PhoneKind = 'mobile' | 'fixed' | 'other';

export type PhoneReading =
  | { ok: true; e164: string; kind: PhoneKind; extension: string | null }
  | { ok: false; raw: string; reason: 'empty' | 'letters' | 'invalid' };

const DEFAULT_REGION = 'BR';
/** `ramal 22`, `r. 22`, `ext 22`, `x22`, `#22` at the end of a number. */
const EXTENSION = /\s*(?:[,;/-]\s*)?(?:ramal|ram\.?|r\.|ext\.?|extens[aã]o|x|#)\s*(\d{1,6})\s*$/i;

export function readPhone(raw: string | null | undefined): PhoneReading {
  const text = (raw ?? '').trim();
  if (!text) return { ok: false, raw: text, reason: 'empty' };
  const ext = EXTENSION.exec(text);
  const number = ext ? text.slice(0, ext.index) : text;
  // A letter left in the number is a typo or a name typed in the wrong field, never a vanity number here.
  if (/\p{L}/u.test(number)) return { ok: false, raw: text, reason: 'letters' };
  const digits = number.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 15) return { ok: false, raw: text, reason: 'invalid' };

  for (const candidate of candidates(number.trim(), digits)) {
    const parsed = parse(candidate);
    if (parsed) return { ok: true, e164: parsed.number, kind: kindOf(parsed), extension: ext?.[1] ?? null };
  }
  return { ok: false, raw: text, reason: 'invalid' };
}

/** E.164, or null when the text holds no valid number. */
export function toE164(raw: string | null | undefined): string | null {
  const text = raw ?? '';
  const known = readings.get(text);
  if (known !== undefined) return known;
  const reading = readPhone(text);
  const e164 = reading.ok ? reading.e164 : null;
  // The same contacts write again and again: their numbers are read once (a pure function, so a
  // cache of the last few thousand is safe), which keeps libphonenumber off the webhook's hot path.
  if (readings.size >= READINGS_KEPT) readings.clear();
  readings.set(text, e164);
  return e164;
}

const READINGS_KEPT = 5000;
const readings = new Map<string, string | null>();

/** A valid number already in E.164 (what a proactive Karoo send may carry). */
export function isE164(value: string): boolean {
  if (!/^\+[1-9]\d{7,14}$/.test(value)) return false;
  return parse(value)?.number === value;
}

/** The digits of an E.164 number, country code included (`5521999990001`): Bimer's phone lookup. */
export function lookupDigits(e164: string): string {
  return e164.replace(/\D/g, '');
}

/** For people: `(21) 99999-0001` for a Brazilian number, `+1 212 555 0100` for another; the text as given when it is no number. */
export function formatPhone(value: string): string {
  const parsed = parse(value.startsWith('+') ? value : (toE164(value) ?? ''));
  if (!parsed) return value;
  return parsed.country === DEFAULT_REGION ? parsed.formatNational() : parsed.formatInternational();
}

export interface PhoneChoice {
  /** The number for proactive messages: the first valid mobile (WhatsApp), else the first valid other one. */
  phone: string | null;
  /** What could not be read, as typed: the record to fix. */
  rejected: string[];
  /** The other valid numbers, mobiles first (tried when the first one has no WhatsApp). */
  others: string[];
}

/** Picks the number to write to among a record's phones (Bimer `Telefones`, in their order). */
export function choosePhone(raws: readonly (string | null | undefined)[]): PhoneChoice {
  const valid: { e164: string; kind: PhoneKind }[] = [];
  const rejected: string[] = [];
  for (const raw of raws) {
    const reading = readPhone(raw);
    if (reading.ok) valid.push(reading);
    else if (reading.reason !== 'empty') rejected.push(reading.raw);
  }
  const ordered = [...valid.filter((p) => p.kind === 'mobile'), ...valid.filter((p) => p.kind !== 'mobile')].map((p) => p.e164);
  const [best, ...rest] = [...new Set(ordered)];
  return { phone: best ?? null, rejected, others: rest };
}

function* candidates(number: string, digits: string): Generator<string> {
  if (number.startsWith('+')) {
    yield `+${digits}`;
    // `+55 (0021) 99999-0001`: the country code typed before the long-distance zeros.
    if (digits.startsWith('550')) yield `0${digits.slice(2).replace(/^0+/, '')}`;
    return;
  }
  yield digits;
  // `(0021)99999-0001`: the zeros of the long-distance prefix typed into the area code.
  if (digits.startsWith('00')) yield `0${digits.replace(/^0+/, '')}`;
  // `5521999990001` typed without the plus, `550021999990001`.
  if (digits.startsWith('55')) {
    yield `+${digits}`;
    yield `0${digits.slice(2).replace(/^0+/, '')}`;
  }
}

function parse(candidate: string): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(candidate, DEFAULT_REGION);
  return parsed?.isValid() ? parsed : undefined;
}

function kindOf(phone: PhoneNumber): PhoneKind {
  const type = phone.getType();
  if (type === 'MOBILE') return 'mobile';
  // Brazil's metadata tells mobiles from landlines; where a country's cannot, the number may be either.
  if (type === 'FIXED_LINE_OR_MOBILE') return 'mobile';
  if (type === 'FIXED_LINE') return 'fixed';
  return 'other';
}

/** The phones someone typed in a message ("podem me ligar no 51 98888-1111"), in E.164, as libphonenumber-js finds them. */
export function phonesInText(text: string): string[] {
  return findPhoneNumbersInText(text, DEFAULT_REGION)
    .map((f) => f.number)
    .filter((n) => n.isValid())
    .map((n) => n.number);
}
