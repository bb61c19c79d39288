import { FaqIndex } from '../faq/faq-index.js';
import type { KbEntry } from '../faq/knowledge-base.js';
import type { Corpus, Utterance } from '../nlu/dataset.js';
import { LanguageModel, type LanguageJson } from '../nlu/language-model.js';
import { runInThread, TRAINING_HEAP_MB } from './thread.js';
import type { TrainInput, TrainOutput } from './train-worker.js';

/**
 * Retrains the language layer without blocking the event loop: the classifiers are trained in a
 * worker thread (`train-worker`), then the model is put together here a piece at a time, the
 * event loop served between the pieces. Rejects with the training's error (the caller keeps the
 * model it has).
 */

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function trainInBackground(dir: string, entries: KbEntry[], extraFaq: Utterance[]): Promise<{ faq: FaqIndex; nlu: LanguageModel; ms: number }> {
  const t0 = performance.now();
  const input: TrainInput = { dir, entries, extraFaq };
  const out = await runInThread<TrainInput, TrainOutput>('train-worker', input, TRAINING_HEAP_MB);
  if (!out.ok) throw new Error(out.error);
  await pause();
  const trained = JSON.parse(out.json) as LanguageJson;
  await pause();
  const corpus = JSON.parse(out.corpus) as Corpus; // the worker's read of the files (taught lines included)
  await pause();
  const faq = new FaqIndex(entries);
  await pause();
  const nlu = await LanguageModel.assemble(corpus, faq, trained, pause);
  return { faq, nlu, ms: Math.round(performance.now() - t0) };
}
