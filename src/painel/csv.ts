import { spreadsheetSafe } from '../util/cells.js';

/** A CSV field (RFC 4180): never a formula (`spreadsheetSafe`), quoted when it holds a separator, a quote or a line break. */
function field(value: string | number | null): string {
  const text = typeof value === 'number' ? String(value) : spreadsheetSafe(value ?? '');
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV: `;`-separated (as spreadsheets in Brazil read it), CRLF line ends. */
export function csv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `${[header.map(field).join(';'), ...rows.map((r) => r.map(field).join(';'))].join('\r\n')}\r\n`;
}
