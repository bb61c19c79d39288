import { readFileSync } from 'node:fs';
import { FaqIndex, type FaqThresholds } from '../faq/faq-index.js';
import { parseKnowledgeBase } from '../faq/knowledge-base.js';
import { readLabelledSet } from './labelled-set.js';

/** Scores the FAQ on data/faq-eval.tsv: top-1 accuracy in scope, rejection out of scope. */

export interface FaqScore {
  inScope: number;
  top1: number;
  top1Accuracy: number;
  /** In-scope questions answered with the right entry among two options. */
  inOptions: number;
  outOfScope: number;
  rejected: number;
  rejection: number;
  misses: { question: string; expected: string; got: string; confidence: number }[];
}

export function loadEval(path: string): { expected: string; question: string }[] {
  return readLabelledSet(path).map(({ label, text }) => ({ expected: label, question: text }));
}

export function scoreFaq(kbPath: string, evalPath: string, thresholds?: FaqThresholds): FaqScore {
  const index = new FaqIndex(parseKnowledgeBase(readFileSync(kbPath, 'utf8')), thresholds);
  const s: FaqScore = { inScope: 0, top1: 0, top1Accuracy: 0, inOptions: 0, outOfScope: 0, rejected: 0, rejection: 0, misses: [] };
  for (const { expected, question } of loadEval(evalPath)) {
    const a = index.ask(question);
    const got = a.kind === 'answer' ? a.entry.id : a.kind === 'options' ? `${a.entries[0].id}|${a.entries[1].id}` : 'none';
    if (expected === 'none') {
      s.outOfScope += 1;
      if (a.kind === 'unknown') s.rejected += 1;
      else s.misses.push({ question, expected, got, confidence: a.confidence });
      continue;
    }
    s.inScope += 1;
    if (a.kind === 'answer' && a.entry.id === expected) s.top1 += 1;
    else {
      if (a.kind === 'options' && a.entries.some((e) => e.id === expected)) s.inOptions += 1;
      s.misses.push({ question, expected, got, confidence: a.confidence });
    }
  }
  s.top1Accuracy = s.inScope ? s.top1 / s.inScope : 0;
  s.rejection = s.outOfScope ? s.rejected / s.outOfScope : 0;
  return s;
}
