import MiniSearch from 'minisearch';
import { processTerm, tokenize } from '../faq/portuguese.js';

/**
 * The nearest labelled questions to a message, each phrasing a document of its own (BM25+ by
 * MiniSearch, Portuguese stems, fuzzy for typos): a view of the FAQ that remembers how each
 * author put a question, where the classifiers average every author's words into one entry.
 * Each label's share of the top neighbours' scores is its vote; `none` (out of scope) votes too.
 */
export class Neighbours {
  private readonly search: MiniSearch<{ id: number; text: string }>;
  private readonly labels: string[];

  constructor(
    examples: readonly { label: string; text: string }[],
    private readonly k = 10,
  ) {
    this.labels = examples.map((e) => e.label);
    this.search = new MiniSearch({
      fields: ['text'],
      tokenize,
      processTerm,
      searchOptions: { fuzzy: (term) => (term.length >= 5 ? 0.2 : false), prefix: (term) => term.length >= 5, combineWith: 'OR' },
    });
    this.search.addAll(examples.map((e, id) => ({ id, text: e.text })));
  }

  /** Each label's share of the top neighbours' scores, best first (empty when nothing matches). */
  vote(text: string): { label: string; score: number }[] {
    const top = this.search.search(text).slice(0, this.k);
    const total = top.reduce((sum, r) => sum + r.score, 0);
    if (total <= 0) return [];
    const votes = new Map<string, number>();
    for (const r of top) {
      const label = this.labels[Number(r.id)] ?? 'none';
      votes.set(label, (votes.get(label) ?? 0) + r.score / total);
    }
    return [...votes].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score);
  }
}
