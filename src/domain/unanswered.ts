/**
 * The questions the assistant did not know, offered as a close call, or answered with low
 * confidence: the `faq-unanswered` list the flows keep for people (the painel's teaching section,
 * `GET /admin/nlu/unknown`).
 */

/** One question as the flows kept it (`dialogs/faq.ts`). */
export interface UnansweredRecord {
  question: string;
  login: string;
  name?: string;
  at: string;
  kind: 'unknown' | 'options' | 'low';
  entries: string[];
  confidence: number;
}

/** A record read back from Redis (anything else is skipped): every field checked. */
export function readRecord(value: unknown): UnansweredRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.question !== 'string' || !v.question.trim() || typeof v.login !== 'string') return null;
  const kind = v.kind === 'options' || v.kind === 'low' ? v.kind : 'unknown';
  return {
    question: v.question.trim(),
    login: v.login,
    ...(typeof v.name === 'string' ? { name: v.name } : {}),
    at: typeof v.at === 'string' ? v.at : '',
    kind,
    entries: Array.isArray(v.entries) ? v.entries.filter((e): e is string => typeof e === 'string') : [],
    confidence: typeof v.confidence === 'number' ? v.confidence : 0,
  };
}
