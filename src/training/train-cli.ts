/**
 * `npm run build` ends here: trains the language layer once and writes it to NLU_MODEL_FILE
 * (default var/nlu-model.json), so that `npm start` and the benchmarks load it instead of training
 * at start. Reads the same variables as the bot (FAQ_FILE, NLU_DATA_DIR, NLU_MODEL_FILE) and
 * nothing else; a bad line in the data stops the build with its file and number.
 */
import { readFileSync } from 'node:fs';
import { parseKnowledgeBase } from '../faq/knowledge-base.js';
import { buildLanguage } from './build.js';

const env = (name: string, fallback: string) => (process.env[name] ?? '').trim() || fallback;
const modelFile = process.env.NLU_MODEL_FILE === '' ? '' : env('NLU_MODEL_FILE', 'var/nlu-model.json');
try {
  const entries = parseKnowledgeBase(readFileSync(env('FAQ_FILE', 'kb/faq.yaml'), 'utf8'));
  if (!modelFile) {
    process.stderr.write('karoo-bot: NLU_MODEL_FILE is empty: the language layer is trained at each start\n');
  } else {
    const built = buildLanguage(env('NLU_DATA_DIR', 'data/nlu/train'), entries, modelFile);
    if (built.fileProblem) throw new Error(built.fileProblem);
    process.stderr.write(`karoo-bot: language layer ${built.source === 'file' ? 'already trained' : `trained in ${(built.ms / 1000).toFixed(1)} s`}: ${modelFile}\n`);
  }
} catch (err) {
  process.stderr.write(`karoo-bot: cannot train the language layer: ${(err as Error).message}\n`);
  process.exit(1);
}
