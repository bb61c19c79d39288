import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FaqIndex } from '../faq/faq-index.js';
import type { KbEntry } from '../faq/knowledge-base.js';
import type { Corpus, Utterance } from '../nlu/dataset.js';
import { LanguageModel, type LanguageJson } from '../nlu/language-model.js';
import type { TrainInput, TrainOutput } from './train-worker.js';

/**
 * Retrains the language layer without blocking the event loop: the classifiers are trained in a
 * worker thread (`train-worker`), then the model is put together here a piece at a time, the
 * event loop served between the pieces. Rejects with the training's error (the caller keeps the
 * model it has).
 */

/** The worker's module beside this one: `.ts` under tsx or Vitest (run with tsx's loader), `.js` once built. */
const EXT = extname(fileURLToPath(import.meta.url));
const WORKER = new URL(`./train-worker${EXT}`, import.meta.url);

/** The training thread's heap limit (MB): a training keeps about 100 MB at its peak. */
const TRAINING_HEAP_MB = 384;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function trainInBackground(dir: string, entries: KbEntry[], extraFaq: Utterance[]): Promise<{ faq: FaqIndex; nlu: LanguageModel; ms: number }> {
  const t0 = performance.now();
  const input: TrainInput = { dir, entries, extraFaq };
  const out = await new Promise<TrainOutput>((resolve, reject) => {
    // Under tsx or Vitest the worker's module is TypeScript: tsx's loader is registered in the thread first.
    // The thread's own heap limit: training needs more than the bot's small heap (NODE_MAX_OLD_SPACE_MB), and gives it back when the thread ends.
    const options = { workerData: input, resourceLimits: { maxOldGenerationSizeMb: TRAINING_HEAP_MB } };
    const worker =
      EXT === '.ts'
        ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER.href)}); })`, { ...options, eval: true })
        : new Worker(WORKER, options);
    let answered = false;
    worker.once('message', (message: TrainOutput) => {
      answered = true;
      resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the training thread stopped (exit code ${code}) before answering`));
    });
  });
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
