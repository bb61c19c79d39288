import type { Teaching } from '../domain/teaching.js';
import { faqLabelsOf, type KbEntry } from '../faq/knowledge-base.js';
import type { Utterance } from './dataset.js';

/**
 * The knowledge base and the FAQ training lines with the supervisors' teachings in force (the
 * undone ones aside): phrasings added to their entry (or to the entry that replaced it, or to an
 * entry taught before them), new entries appended (their questions as phrasings), out-of-scope questions as `none` lines. Pure; a
 * teaching whose entry is gone is skipped (the base changed under it), never an error that would
 * stop the bot.
 *
 * A teaching is a handful of lines against thousands, so it weighs more: its questions count
 * `WEIGHT` times, and a new entry also learns from its answer's sentences and its tags (the words
 * an agent asking again in other words is likely to use). Measured in test/painel/teach.test.ts
 * and test/nlu/teachings.test.ts: with the questions alone, a new entry was found only for
 * phrasings close to them ("reembolso de transporte plantao", 0.57) and not for "onde lanço o
 * recibo do taxi do plantao pra ser reembolsado?" (0.29, "não sei"); with the weight and the
 * answer, both (0.91 and 0.74), and the base's other answers unchanged.
 */

const WEIGHT = 3;

export function withTeachings(entries: readonly KbEntry[], teachings: readonly Teaching[]): { entries: KbEntry[]; faq: Utterance[] } {
  const byId = new Map(entries.map((e) => [e.id, { ...e, phrasings: [...e.phrasings] }]));
  const current = new Map(faqLabelsOf(entries));
  const faq: Utterance[] = [];
  const learn = (t: Teaching, label: string, texts: string[]) => faq.push(...texts.map((text, i) => ({ label, text, where: `taught:${t.id}:${i + 1}` })));
  const weighted = (texts: string[]) => Array.from({ length: WEIGHT }, () => texts).flat();
  // New answers first: a phrasing taught on one may sort before it (two teachings in the same millisecond).
  const ordered = [...teachings.filter((t) => t.kind === 'entry'), ...teachings.filter((t) => t.kind !== 'entry')];
  for (const t of ordered) {
    if (t.undone) continue;
    if (t.kind === 'phrasing') {
      const id = current.get(t.entryId);
      const entry = id === undefined ? undefined : byId.get(id);
      if (!entry) continue;
      entry.phrasings.push(...t.questions);
      learn(t, `faq.${entry.id}`, weighted(t.questions));
    } else if (t.kind === 'entry') {
      if (byId.has(t.entry.id)) continue;
      current.set(t.entry.id, t.entry.id); // a later phrasing may be taught on it
      byId.set(t.entry.id, { id: t.entry.id, question: t.entry.question, answer: t.entry.answer, phrasings: [...t.questions], tags: t.entry.tags, replaces: [] });
      const sentences = t.entry.answer.split(/(?<=[.;!?])\s+/).filter((x) => x.trim().length > 3);
      learn(t, `faq.${t.entry.id}`, [...weighted([t.entry.question, ...t.questions]), ...sentences, ...(t.entry.tags.length ? [t.entry.tags.join(' ')] : [])]);
    } else learn(t, 'none', weighted(t.questions));
  }
  return { entries: [...byId.values()], faq };
}
