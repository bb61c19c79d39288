import { parentPort, workerData } from 'node:worker_threads';
import { FaqIndex } from '../faq/faq-index.js';
import type { KbEntry } from '../faq/knowledge-base.js';
import { loadCorpus } from '../files/corpus.js';
import { type Utterance } from '../nlu/dataset.js';
import { LanguageModel } from '../nlu/language-model.js';

/**
 * The language layer trained in a worker thread (`trainInBackground`): the training folder, the
 * knowledge base and the taught lines in, the trained classifiers out as JSON text (a string
 * crosses threads as one copy). The main thread's event loop never waits for the 3–7 s of training.
 */

export interface TrainInput {
  dir: string;
  entries: KbEntry[];
  extraFaq: Utterance[];
}

export type TrainOutput = { ok: true; json: string; ms: number } | { ok: false; error: string };

const input = workerData as TrainInput;
const t0 = performance.now();
let out: TrainOutput;
try {
  const corpus = loadCorpus(input.dir, new Set(input.entries.map((e) => e.id)));
  corpus.faq.push(...input.extraFaq);
  const nlu = new LanguageModel(corpus, new FaqIndex(input.entries));
  out = { ok: true, json: JSON.stringify(nlu.toJSON()), ms: Math.round(performance.now() - t0) };
} catch (err) {
  out = { ok: false, error: (err as Error).message };
}
parentPort?.postMessage(out);
