/** A string field of loosely typed data (JSON answers, internal payloads), or the fallback. */
export function asText(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}
