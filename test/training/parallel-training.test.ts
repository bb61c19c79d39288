import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaqIndex } from '../../src/faq/faq-index.js';
import { faqLabelsOf, parseKnowledgeBase } from '../../src/faq/knowledge-base.js';
import { loadCorpus } from '../../src/files/corpus.js';
import { LanguageModel } from '../../src/nlu/language-model.js';
import { buildLanguageInParallel } from '../../src/training/build.js';
import { trainInParallel } from '../../src/training/parallel-training.js';

const entries = parseKnowledgeBase(readFileSync('kb/faq.yaml', 'utf8'));
const index = new FaqIndex(entries);

/** A small training folder: every tenth line of each training file (the real one takes seconds to train). */
function smallData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nlu-parallel-'));
  const corpus = loadCorpus('data/nlu/train', faqLabelsOf(entries));
  const lines = (rows: { label: string; text: string; context?: string }[], withContext: boolean) =>
    rows.filter((_, i) => i % 10 === 0).map((u) => (withContext ? `${u.label}\t${u.context ?? 'idle'}\t${u.text}` : `${u.label}\t${u.text}`)).join('\n') + '\n';
  writeFileSync(join(dir, 'agent.tsv'), lines(corpus.agent, true));
  writeFileSync(join(dir, 'customer.tsv'), lines(corpus.customer, false));
  writeFileSync(join(dir, 'faq.tsv'), lines(corpus.faq, false));
  writeFileSync(join(dir, 'technician.tsv'), lines(corpus.technician, false));
  writeFileSync(join(dir, 'demand.tsv'), lines(corpus.demand, false));
  return dir;
}

describe('training on two cores', () => {
  const dir = smallData();
  const corpus = loadCorpus(dir, faqLabelsOf(entries));

  it('trains the model one core trains, classifier by classifier', async () => {
    const parallel = await trainInParallel(corpus, index);
    const serial = new LanguageModel(corpus, index);
    expect(parallel.toJSON()).toEqual(serial.toJSON());
    expect(parallel.agent('quanto paga o plantao?', 'idle')).toEqual(serial.agent('quanto paga o plantao?', 'idle'));
  });

  it('writes the model file the next start reads, and names a bad line of the data', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nlu-model-')), 'model.json');
    const first = await buildLanguageInParallel(dir, entries, file);
    expect(first.source).toBe('trained');
    expect(JSON.parse(readFileSync(file, 'utf8')).model).toEqual(first.nlu.toJSON());
    const bad = mkdtempSync(join(tmpdir(), 'nlu-bad-'));
    writeFileSync(join(bad, 'faq.tsv'), 'faq.nao-existe\tcomo?\n');
    await expect(buildLanguageInParallel(bad, entries)).rejects.toThrow(/faq.tsv, line 1: .*nao-existe/);
  });
});
