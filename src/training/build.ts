import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FaqIndex } from '../faq/faq-index.js';
import { faqLabelsOf, type KbEntry } from '../faq/knowledge-base.js';
import { IntentClassifier } from '../nlu/classifier.js';
import { loadCorpus } from '../files/corpus.js';
import { type Corpus, type Utterance } from '../nlu/dataset.js';
import { FEATURES_SOURCE } from '../nlu/features.js';
import { LanguageModel, type LanguageJson } from '../nlu/language-model.js';
import { FAQ_TRAINING, TRAINING } from '../nlu/settings.js';

/**
 * Builds the language layer from the training folder and the knowledge base (the FAQ index and
 * the classifiers). Training is deterministic, so its result is kept: in memory for every app the
 * process builds from the same data (the tests build many), and in `modelFile` for the next start.
 * The file is keyed by a hash of the data and of the code that reads and trains (features,
 * classifier, model); any change trains again. Loading it skips about two seconds of training
 * and the ~40 MB of memory training leaves behind.
 */

export interface BuiltLanguage {
  faq: FaqIndex;
  nlu: LanguageModel;
  corpus: Corpus;
  ms: number;
  /** `memory` (built earlier in this process), `file` (read from `modelFile`) or `trained`. */
  source: 'memory' | 'file' | 'trained';
  /** Why the file could not be read or written (never fatal: the model is then trained here). */
  fileProblem?: string;
}

const built = new Map<string, LanguageModel>();
/** The language layer's files whose code shapes a trained model (`src/nlu/`). */
const TRAINING_CODE = ['features', 'classifier', 'linear-classifier', 'packed-network', 'language-model', 'settings', 'dataset'];
/** The ones the key could not read beside this module (none, unless the layout changed: a test checks). */
export const unreadTrainingCode: string[] = [];
/**
 * The code that reads and trains, as it is on disk (the .ts sources under tsx or Vitest, the
 * compiled .js in dist/): the same files give the same key whatever runs them.
 */
const CODE = (() => {
  const ext = extname(fileURLToPath(import.meta.url));
  const sources = TRAINING_CODE.map((name) => {
    try {
      return readFileSync(fileURLToPath(new URL(`../nlu/${name}${ext}`, import.meta.url)), 'utf8');
    } catch {
      unreadTrainingCode.push(name);
      return name === 'features' ? FEATURES_SOURCE : String(name === 'classifier' ? IntentClassifier : LanguageModel);
    }
  });
  return sources.join('\n') + JSON.stringify([TRAINING, FAQ_TRAINING]);
})();

/** Forgets the models built in this process (tests of the model file). */
export function forgetBuiltLanguages(): void {
  built.clear();
}

export function languageKey(corpus: Corpus, entries: KbEntry[]): string {
  return createHash('sha256').update(CODE).update(JSON.stringify([corpus, entries])).digest('hex');
}

/** `extraFaq`: FAQ lines from elsewhere than the folder (the supervisors' teachings: `nlu/teachings.ts`). */
export function buildLanguage(dir: string, entries: KbEntry[], modelFile?: string, extraFaq: readonly Utterance[] = []): BuiltLanguage {
  const t0 = performance.now();
  const faq = new FaqIndex(entries);
  // Reading and validating the data is cheap and stops the start on a bad line.
  const corpus = loadCorpus(dir, faqLabelsOf(entries));
  corpus.faq.push(...extraFaq);
  const key = languageKey(corpus, entries);
  const done = (nlu: LanguageModel, source: BuiltLanguage['source'], fileProblem?: string): BuiltLanguage => {
    if (built.size > 4) built.clear();
    built.set(key, nlu);
    return { faq, nlu, corpus, ms: Math.round(performance.now() - t0), source, ...(fileProblem ? { fileProblem } : {}) };
  };
  const hit = built.get(key);
  if (hit) return done(hit, 'memory');
  let problem: string | undefined;
  if (modelFile) {
    try {
      const saved = JSON.parse(readFileSync(modelFile, 'utf8')) as { key?: string; model?: LanguageJson };
      if (saved.key === key && saved.model) return done(new LanguageModel(corpus, faq, undefined, saved.model), 'file');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') problem = `cannot read ${modelFile}: ${(err as Error).message}`;
    }
  }
  const nlu = new LanguageModel(corpus, faq);
  if (modelFile) {
    try {
      mkdirSync(dirname(modelFile), { recursive: true });
      const tmp = `${modelFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ key, model: nlu.toJSON() }));
      renameSync(tmp, modelFile); // whole or not at all, even with several processes at once
      problem = undefined; // a damaged file is replaced
    } catch (err) {
      problem = `cannot write ${modelFile}: ${(err as Error).message}`;
    }
  }
  return done(nlu, 'trained', problem);
}
