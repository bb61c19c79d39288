import { readFileSync } from 'node:fs';
import { parseKnowledgeBase } from '../../src/faq/knowledge-base.js';
import { buildLanguage } from '../../src/training/build.js';

/**
 * Trains the language layer once before the suite (into var/nlu-model.json, the bot's default
 * NLU_MODEL_FILE), so that every test worker's app loads it in a fraction of a second instead of
 * training it again.
 */
export default function setup(): void {
  const built = buildLanguage('data/nlu/train', parseKnowledgeBase(readFileSync('kb/faq.yaml', 'utf8')), 'var/nlu-model.json');
  if (built.fileProblem) throw new Error(built.fileProblem);
}
