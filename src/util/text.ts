/** A string field of loosely typed data (JSON answers, internal payloads), or the fallback. */
export function asText(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

/** Accents and case folded, white space collapsed: how text is compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * At most `max` characters (code points, so an emoji is never cut in half): a longer text is cut
 * at `max - 1`, trailing space dropped, and ends in "…".
 */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : text;
}

/** At most `max` characters (code points), cut at the last word that fits, with "…" when cut. */
export function brief(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  const atWord = head.replace(/\s+\S*$/, '');
  return `${(atWord.length >= max / 2 ? atWord : head).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Half of a UTF-16 surrogate pair with no other half: not a character, refused by JSON decoders such as Redis's. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text made well-formed where it enters the bot: each lone surrogate (half an emoji, as a cut
 * profile name carries it) becomes U+FFFD, and NUL is dropped; everything else is kept as typed.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(/\0/g, '');
}

/** Every string inside a parsed JSON value (or YAML) made well-formed, keys included. */
export function wellFormedDeep<T>(value: T): T {
  return mapStringsDeep(value, wellFormed, true);
}

/** Every string inside a parsed JSON value (and its keys, with `keys`) changed by `change`. */
function mapStringsDeep<T>(value: T, change: (text: string) => string, keys = false): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return change(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [keys ? change(k) : k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Characters that change the direction of what follows (embeddings, overrides, isolates): a name or a quote carrying one reorders the staff's line. */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Controls, line breaks included (C0, DEL, C1, the line and paragraph separators). */
// eslint-disable-next-line no-control-regex -- matching the controls is the point
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

/**
 * A value shown on one line to people (a profile name): line breaks and other controls become
 * one space, direction overrides are dropped, and the ends are trimmed.
 */
export function oneLine(text: string): string {
  return withoutDirectionControls(text).replace(CONTROLS, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Every string inside a parsed JSON value without direction overrides (a Bimer record's name read reversed in a message). */
export function withoutDirectionControlsDeep<T>(value: T): T {
  return mapStringsDeep(value, withoutDirectionControls);
}

/** Text without direction overrides: what a person typed reads the same wherever it is quoted. */
export function withoutDirectionControls(text: string): string {
  return text.replace(DIRECTION_CONTROLS, '');
}
