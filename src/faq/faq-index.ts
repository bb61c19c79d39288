import MiniSearch from 'minisearch';
import type { KbEntry } from './knowledge-base.js';
import { fold } from '../util/text.js';
import { processTerm, terms, tokenize } from './portuguese.js';

/**
 * The knowledge base's entries, and retrieval over them: BM25+ ranking by MiniSearch over each
 * entry's question, phrasings and tags (the answer counts less), with fuzzy matching for typos and
 * Portuguese stemming, one of the readings the language layer decides a question with
 * (`nlu/faq-reading.ts`, the one path that answers). Pure once built.
 */

interface Doc {
  id: string;
  question: string;
  phrasings: string;
  tags: string;
  answer: string;
}

/** A greeting alone is not a question. */
const SMALL_TALK = /^(oi+|ola|e ai|opa|bom dia|boa tarde|boa noite)?[\s,!.]*(tudo (bem|bom|certo|joia|tranquilo)|td (bem|bom)|blz|beleza|como vai|tudo certo com voce)?[\s?!.]*$/;

export class FaqIndex {
  private readonly search: MiniSearch<Doc>;
  private readonly byId: Map<string, KbEntry>;
  /** Inverse document frequency of every stemmed term of the base. */
  private readonly idf = new Map<string, number>();
  private readonly unknownWeight: number;

  constructor(entries: KbEntry[]) {
    this.byId = new Map(entries.map((e) => [e.id, e]));
    this.search = new MiniSearch<Doc>({
      fields: ['question', 'phrasings', 'tags', 'answer'],
      storeFields: ['id'],
      tokenize,
      processTerm,
      searchOptions: {
        boost: { question: 3, phrasings: 2, tags: 2, answer: 0.3 },
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: (term) => term.length >= 5,
        combineWith: 'OR',
      },
    });
    const docs = entries.map((e) => ({ id: e.id, question: e.question, phrasings: e.phrasings.join(' \n '), tags: e.tags.join(' '), answer: e.answer }));
    this.search.addAll(docs);
    const df = new Map<string, number>();
    for (const d of docs) {
      const seen = new Set(terms(`${d.question} ${d.phrasings} ${d.tags} ${d.answer}`));
      for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    }
    for (const [t, n] of df) this.idf.set(t, Math.log(1 + docs.length / n));
    // A word the base has never seen weighs twice the rarest known word: questions about
    // something else are turned down rather than answered on a shared common word.
    this.unknownWeight = 2 * Math.log(1 + docs.length);
  }

  entry(id: string): KbEntry | null {
    return this.byId.get(id) ?? null;
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * The entries that match, best first, each with its confidence: the share of the question's
   * information it explains. Each word weighs its rarity in the base; a word the base has never
   * seen weighs the most.
   */
  rank(question: string, limit = 3): { entry: KbEntry; confidence: number; score: number }[] {
    if (SMALL_TALK.test(fold(question))) return [];
    const queryTerms = [...new Set(terms(question))];
    if (queryTerms.length === 0) return [];
    const results = this.search.search(queryTerms.join(' '));
    const matchedAnywhere = new Set(results.flatMap((r) => r.queryTerms));
    const weight = (t: string) => this.idf.get(t) ?? (matchedAnywhere.has(t) ? this.unknownWeight / 2 : this.unknownWeight);
    const total = queryTerms.reduce((sum, t) => sum + weight(t), 0);
    return results.slice(0, limit).map((r) => {
      const explained = [...new Set(r.queryTerms)].reduce((sum, t) => sum + weight(t), 0);
      return { entry: this.byId.get(String(r.id)) as KbEntry, confidence: Math.min(1, Math.round((explained / total) * 1000) / 1000), score: r.score };
    });
  }

  /** Every entry (the language layer trains on their questions and phrasings). */
  entries(): KbEntry[] {
    return [...this.byId.values()];
  }
}
