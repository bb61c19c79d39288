import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Runs one of this folder's worker modules in a thread with `input` as its `workerData`, and
 * resolves with the one message it posts back. Rejects when the thread fails or ends without
 * answering.
 */

/** A training thread's heap limit (MB): a whole training keeps about 100 MB at its peak. */
export const TRAINING_HEAP_MB = 384;

/** The worker modules beside this one: `.ts` under tsx or Vitest (run with tsx's loader), `.js` once built. */
const EXT = extname(fileURLToPath(import.meta.url));

export function runInThread<I, O>(module: string, input: I, heapMb: number): Promise<O> {
  const url = new URL(`./${module}${EXT}`, import.meta.url);
  return new Promise<O>((resolve, reject) => {
    // Under tsx or Vitest the worker's module is TypeScript: tsx's loader is registered in the thread first.
    // The thread's own heap limit: training needs more than the bot's small heap (NODE_MAX_OLD_SPACE_MB), and gives it back when the thread ends.
    const options = { workerData: input, resourceLimits: { maxOldGenerationSizeMb: heapMb } };
    const worker =
      EXT === '.ts'
        ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true })
        : new Worker(url, options);
    let answered = false;
    worker.once('message', (message: O) => {
      answered = true;
      resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the ${module} thread stopped (exit code ${code}) before answering`));
    });
  });
}
