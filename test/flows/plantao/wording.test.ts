import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IntentClassifier } from '../../../src/nlu/classifier.js';
import { parseCorpusFile } from '../../../src/nlu/dataset.js';
import { DEFAULT_THRESHOLDS, TRAINING } from '../../../src/nlu/settings.js';
import { cues, wordingByRules } from '../../../src/nlu/wording.js';
import { flowContext } from '../../helpers/monitoring.js';

/**
 * The QA flags on technicians' wording ("não atendemos ligações", "você não teve treinamento?")
 * as the language layer reads them (rules, then a classifier trained on
 * data/nlu/train/technician*.tsv), scored on `data/qa/heldout/`: lines written by someone who
 * never saw the rules nor the training lines, never tuned on. The floors were set before the
 * held-out split was first scored.
 */

const nlu = flowContext().nlu;
const badWording = (text: string) => nlu.technician(text);

type Label = 'calls' | 'training' | 'none';

function read(path: string): { label: Label; text: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [label, text] = l.split('\t') as [Label, string];
      return { label, text };
    });
}

function score(rows: { label: Label; text: string }[]) {
  const recall = (label: Label) => {
    const of = rows.filter((r) => r.label === label);
    return of.filter((r) => (badWording(r.text) ?? 'none') === label).length / of.length;
  };
  const none = rows.filter((r) => r.label === 'none');
  const falseFlags = none.filter((r) => badWording(r.text) !== null).length / none.length;
  return { calls: recall('calls'), training: recall('training'), falseFlags, n: rows.length };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

describe("the technicians' wording QA flags", () => {
  it.each([['held-out', 'data/qa/heldout/technician-wording.tsv']])('on the %s split: finds most of each, flags few of the rest', (split, path) => {
    expect(existsSync(path), path).toBe(true);
    const s = score(read(path));
    console.log(`QA wording, ${split} (${s.n} lines): "calls" found ${pct(s.calls)}, "training" found ${pct(s.training)}, other lines flagged ${pct(s.falseFlags)}`);
    expect(s.calls).toBeGreaterThanOrEqual(0.8);
    expect(s.training).toBeGreaterThanOrEqual(0.8);
    expect(s.falseFlags).toBeLessThanOrEqual(0.05);
  });

  it('holds out lines the training never saw', () => {
    const key = (t: string) => t.trim().toLowerCase().replace(/\s+/g, ' ');
    const trained = new Set(['technician.tsv', 'technician-2.tsv'].flatMap((f) => (parseCorpusFile(f, readFileSync(`data/nlu/train/${f}`, 'utf8'), new Map()).technician ?? []).map((u) => key(u.text))));
    const heldOut = read('data/qa/heldout/technician-wording.tsv');
    expect(heldOut.length).toBeGreaterThanOrEqual(200);
    expect(heldOut.filter((r) => trained.has(key(r.text))).map((r) => r.text)).toEqual([]);
  });

  it('cross-validated on its training lines (5 folds): the rules, then the classifier where they are silent', () => {
    const all = ['technician.tsv', 'technician-2.tsv'].flatMap((f) => parseCorpusFile(f, readFileSync(`data/nlu/train/${f}`, 'utf8'), new Map()).technician ?? []);
    const rows: { label: Label; got: Label }[] = [];
    for (let fold = 0; fold < 5; fold++) {
      const classifier = new IntentClassifier(all.filter((_, i) => i % 5 !== fold), TRAINING);
      for (const u of all.filter((_, i) => i % 5 === fold)) {
        const best = classifier.classify(u.text).ranked.find((r) => r.label !== 'None');
        const read = best && best.score >= DEFAULT_THRESHOLDS.technician ? (best.label === 'technician.calls' ? 'calls' : best.label === 'technician.training' ? 'training' : null) : null;
        const got = wordingByRules(u.text) ?? (read && cues(u.text, read) ? read : null) ?? 'none';
        rows.push({ label: u.label === 'technician.other' ? 'none' : (u.label.slice('technician.'.length) as Label), got });
      }
    }
    const found = (label: Label) => rows.filter((r) => r.label === label && r.got === label).length / rows.filter((r) => r.label === label).length;
    const none = rows.filter((r) => r.label === 'none');
    const falseFlags = none.filter((r) => r.got !== 'none').length / none.length;
    console.log(`QA wording, 5-fold cross-validation (${rows.length} lines): "calls" found ${pct(found('calls'))}, "training" found ${pct(found('training'))}, other lines flagged ${pct(falseFlags)}`);
    expect(found('calls')).toBeGreaterThanOrEqual(0.9);
    expect(found('training')).toBeGreaterThanOrEqual(0.9);
    expect(falseFlags).toBeLessThanOrEqual(0.06);
  });
});
