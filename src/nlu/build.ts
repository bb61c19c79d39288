import { createHash } from 'node:crypto';
import { FaqIndex } from '../faq/faq-index.js';
import type { KbEntry } from '../faq/knowledge-base.js';
import { loadCorpus, type Corpus } from './dataset.js';
import { LanguageModel } from './language-model.js';

/**
 * Builds the language layer from the training folder and the knowledge base (the FAQ index and
 * the classifiers). Training is deterministic, so one built model serves every app built in the
 * same process from the same data (the tests build many).
 */

const built = new Map<string, { faq: FaqIndex; nlu: LanguageModel; ms: number }>();

export function buildLanguage(dir: string, entries: KbEntry[]): { faq: FaqIndex; nlu: LanguageModel; corpus: Corpus; ms: number; cached: boolean } {
  const faq = new FaqIndex(entries);
  // Reading and validating the data is cheap and stops the start on a bad line; training is memoised.
  const corpus = loadCorpus(dir, new Set(entries.map((e) => e.id)));
  const key = createHash('sha256').update(JSON.stringify([corpus, entries])).digest('hex');
  const hit = built.get(key);
  if (hit) return { ...hit, corpus, cached: true };
  const t0 = performance.now();
  const nlu = new LanguageModel(corpus, faq);
  const entry = { faq, nlu, ms: Math.round(performance.now() - t0) };
  if (built.size > 4) built.clear();
  built.set(key, entry);
  return { ...entry, corpus, cached: false };
}
