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
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return wellFormed(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [wellFormed(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
