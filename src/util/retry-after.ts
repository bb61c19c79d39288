/**
 * `Retry-After` in milliseconds: seconds (what Karoo's contract sends), or an HTTP date when the
 * current time is given. Karoo and Bimer errors carry it; the queues wait that long.
 */
export function parseRetryAfter(header: string | null, nowMs?: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date) || nowMs === undefined) return undefined;
  return Math.max(0, date - nowMs);
}
