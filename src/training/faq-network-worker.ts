import { parentPort, workerData } from 'node:worker_threads';
import type { Example } from '../nlu/classifier.js';
import { trainFaqClassifier } from '../nlu/language-model.js';

/**
 * The FAQ's classifier trained in a thread of its own (`parallel-training.ts`): the questions in,
 * the trained network out as JSON text (a string crosses threads as one copy).
 */

export interface FaqNetworkInput {
  questions: Example[];
}

export type FaqNetworkOutput = { ok: true; json: string } | { ok: false; error: string };

const input = workerData as FaqNetworkInput;
let out: FaqNetworkOutput;
try {
  out = { ok: true, json: JSON.stringify(trainFaqClassifier(input.questions).toJSON()) };
} catch (err) {
  out = { ok: false, error: (err as Error).message };
}
parentPort?.postMessage(out);
