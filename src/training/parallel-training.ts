import type { FaqIndex } from '../faq/faq-index.js';
import { IntentClassifier, type ClassifierJson } from '../nlu/classifier.js';
import type { Corpus } from '../nlu/dataset.js';
import { CLASSIFIER_NAMES, faqQuestions, LanguageModel, trainClassifiers } from '../nlu/language-model.js';
import type { FaqNetworkInput, FaqNetworkOutput } from './faq-network-worker.js';
import { runInThread, TRAINING_HEAP_MB } from './thread.js';

/**
 * The language layer trained on two cores: the FAQ's classifier, about half of the training
 * (nlp.js's network over some 12,000 questions), in a worker thread, the other classifiers here
 * meanwhile. Training is deterministic, so the model is the one `new LanguageModel(corpus, base)`
 * trains on one core (`test/training/parallel-training.test.ts` compares them).
 */
export async function trainInParallel(corpus: Corpus, faqIndex: FaqIndex): Promise<LanguageModel> {
  // The thread starts at once and trains while this one does the rest (synchronously: nothing else runs meanwhile).
  const pending = runInThread<FaqNetworkInput, FaqNetworkOutput>('faq-network-worker', { questions: faqQuestions(corpus, faqIndex) }, TRAINING_HEAP_MB);
  let rest;
  try {
    rest = trainClassifiers(corpus, faqIndex, CLASSIFIER_NAMES.filter((name) => name !== 'faq'));
  } catch (err) {
    pending.catch(() => undefined); // its failure, if any, would only repeat this one
    throw err;
  }
  const out = await pending;
  if (!out.ok) throw new Error(out.error);
  const faq = IntentClassifier.fromJSON(JSON.parse(out.json) as ClassifierJson);
  return new LanguageModel(corpus, faqIndex, undefined, undefined, { classifiers: { ...rest, faq } });
}
