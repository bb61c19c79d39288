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

/** At most `max` characters: a longer text is cut (at `max - 1`, trailing space dropped) and ends in "…". */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
