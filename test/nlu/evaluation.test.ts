import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, evaluate, loadSplit, TARGETS, withRelabels } from '../../src/eval/nlu.js';
import { faqLabelsOf } from '../../src/faq/knowledge-base.js';

/**
 * The language layer on text it was not trained on. The held-out split (data/nlu/heldout) was
 * written before any tuning by an author who never saw the training data; CI fails 3 points
 * below each target of issue 12. `npm run eval:nlu` prints the full report.
 */
const { model, index } = buildModel();
const ids = faqLabelsOf(index.entries());
const MARGIN = 0.03;

describe('held-out evaluation', () => {
  // The labels in force: those given again after the base grew (relabel/faq.tsv) over the first ones.
  const r = evaluate(model, loadSplit('data/nlu/heldout', ids).corpus);
  it.each([
    ['FAQ top-1', () => r.faqInScope.accuracy, TARGETS.faqTop1],
    ['FAQ out-of-scope rejection', () => r.faqRejection.accuracy, TARGETS.faqRejection],
    ['customer and partner intents', () => r.customer.accuracy, TARGETS.customer],
    ['scheduling topic', () => r.topic.accuracy, TARGETS.topic],
    ['agent dialog answers', () => r.dialogAnswers.accuracy, TARGETS.dialogAnswers],
  ])('%s is at most 3 points below its target', (_name, measured, target) => {
    expect(measured()).toBeGreaterThanOrEqual(target - MARGIN);
  });
});

describe('labels given again after the base grew', () => {
  it('replace the first ones for the same texts (accents and punctuation aside), and the first ones are kept', () => {
    const faq = [
      { label: 'none', text: 'apos o contato delego o 2266 pra qdo?', where: 'faq.tsv:2' },
      { label: 'none', text: 'qual a senha do wifi', where: 'faq.tsv:3' },
      { label: 'faq.parecer-p', text: 'o que e o P', where: 'faq.tsv:4' },
    ];
    const { faq: now, first } = withRelabels(faq, [
      { label: 'faq.qual-tipo-atendimento', text: 'Após o contato, delego o 2266 pra qdo', where: 'relabel/faq.tsv:2' },
      { label: 'none', text: 'qual a senha do wifi', where: 'relabel/faq.tsv:3' },
    ]);
    expect(now.map((u) => u.label)).toEqual(['faq.qual-tipo-atendimento', 'none', 'faq.parecer-p']);
    expect([...first]).toEqual([['apos o contato delego o 2266 pra qdo?', 'none']]);
  });

  it('given again twice, the later file (by name) wins: relabel/faq2.tsv over relabel/faq.tsv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'karoo-split-'));
    try {
      mkdirSync(join(dir, 'relabel'));
      writeFileSync(join(dir, 'faq.tsv'), 'none\tdepois do contato o que coloco no 2266\nnone\tqual a senha do wifi\n');
      writeFileSync(join(dir, 'relabel', 'faq.tsv'), 'faq.parecer-e-encerrar\tdepois do contato o que coloco no 2266\n');
      writeFileSync(join(dir, 'relabel', 'faq2.tsv'), 'faq.qual-tipo-atendimento\tdepois do contato o que coloco no 2266\n');
      const { corpus, first } = loadSplit(dir, ids);
      expect(corpus.faq.map((u) => u.label)).toEqual(['faq.qual-tipo-atendimento', 'none']);
      expect([...first]).toEqual([['depois do contato o que coloco no 2266', 'none']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
