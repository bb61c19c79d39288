import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaqLabels } from '../faq/knowledge-base.js';
import { parseCorpusFile, type Corpus } from '../nlu/dataset.js';

/** Every `*.tsv` of a folder (e.g. `data/nlu/train`), merged by audience (`checkin*.tsv`, scored by the flow, is not a classifier's file). */
export function loadCorpus(dir: string, faqIds: FaqLabels): Corpus {
  const corpus: Corpus = { agent: [], customer: [], faq: [], technician: [], demand: [] };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.tsv') && !f.startsWith('checkin')).sort()) {
    const part = parseCorpusFile(name, readFileSync(join(dir, name), 'utf8'), faqIds);
    corpus.agent.push(...(part.agent ?? []));
    corpus.customer.push(...(part.customer ?? []));
    corpus.faq.push(...(part.faq ?? []));
    corpus.technician.push(...(part.technician ?? []));
    corpus.demand.push(...(part.demand ?? []));
  }
  return corpus;
}
