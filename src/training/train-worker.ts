import { parentPort, workerData } from 'node:worker_threads';
import { FaqIndex } from '../faq/faq-index.js';
import { faqLabelsOf, type KbEntry } from '../faq/knowledge-base.js';
import { loadCorpus } from '../files/corpus.js';
import { type Utterance } from '../nlu/dataset.js';
import { LanguageModel } from '../nlu/language-model.js';

/**
 * The language layer trained in a worker thread (`trainInBackground`): the training folder, the
 * knowledge base and the taught lines in; the corpus it read and the trained classifiers out as
 * JSON text (a string crosses threads as one copy), so the main thread never reads the files again. The main thread's event loop never waits for the 3–7 s of training.
 */

export interface TrainInput {
  dir: string;
  entries: KbEntry[];
  extraFaq: Utterance[];
}

export type TrainOutput = { ok: true; corpus: string; json: string; ms: number } | { ok: false; error: string };

const input = workerData as TrainInput;
const t0 = performance.now();
let out: TrainOutput;
try {
  const corpus = loadCorpus(input.dir, faqLabelsOf(input.entries));
  corpus.faq.push(...input.extraFaq);
  const read = JSON.stringify(corpus); // as read, before the training sees it
  const nlu = new LanguageModel(corpus, new FaqIndex(input.entries));
  out = { ok: true, corpus: read, json: JSON.stringify(nlu.toJSON()), ms: Math.round(performance.now() - t0) };
} catch (err) {
  out = { ok: false, error: (err as Error).message };
}
parentPort?.postMessage(out);
