/**
 * The exact formats of the agents' dialogs that stay rules (intents, entities and everything
 * else people mean are read by the language layer, `src/nlu/`).
 */

/** "Parecer: cliente satisfeito..." written inline with the close. */
export function inlineParecer(text: string): string | null {
  const match = /parecer\s*[:\-–]\s*(.+)$/is.exec(text);
  return match?.[1]?.trim() || null;
}
