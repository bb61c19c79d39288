/**
 * A ticket's text the bot rewrites (the 2266's: "monitoramento", "P: …", a line per week) keeps what
 * people wrote in it in Bimer meanwhile: Bimer's `PUT …/texto` replaces the whole body, and the
 * 2266 is also worked by hand ("OBS SUPERVISÃO: cliente pediu retorno às 14h"). Pure.
 */

/** What a line is about, for matching the bot's lines with Bimer's: "(x) primeira semana — …" → "primeira semana", "P: …" → "p:". */
function lineKey(line: string): string {
  const l = line
    .trim()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  if (l.startsWith('p:')) return 'p:';
  return (l.replace(/^\(\s*x?\s*\)\s*/, '').split(/\s+[—–-]\s+/)[0] ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * `ours` (the text the bot means to write), followed by every line of `current` (the text Bimer holds
 * now) that is none of the bot's own lines, in their order: a person's note survives the bot's next
 * write; the bot's own lines (its weeks, its `P:`) are the bot's version.
 */
export function withPeoplesLines(current: string, ours: string): string {
  const own = new Set(ours.split('\n').map(lineKey));
  const kept = current.split(/\r?\n/).filter((line) => line.trim() !== '' && !own.has(lineKey(line)));
  return kept.length > 0 ? `${ours}\n${kept.join('\n')}` : ours;
}
