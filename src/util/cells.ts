/**
 * A value made safe for a spreadsheet cell (OWASP's CSV injection rule): a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return runs as a formula in Excel and LibreOffice, so
 * it gets a leading `'` and is shown as text. Every export applies it to every cell.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
