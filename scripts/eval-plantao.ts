/** `npm run eval:plantao`: prints how well the bot reads customers' and partners' messages. */
import { readLabelled, score } from '../src/eval/plantao-intents.js';

const result = score(readLabelled('data/plantao-intents.tsv'));
console.log(`plantão intents: ${result.correct}/${result.total} correct, accuracy ${(result.accuracy * 100).toFixed(1)}%`);
for (const [label, s] of Object.entries(result.perLabel)) {
  console.log(`  ${label.padEnd(9)} ${s.correct}/${s.total} (${((s.correct / s.total) * 100).toFixed(1)}%)`);
}
for (const m of result.misses) console.log(`  miss: "${m.text}" expected ${m.expected}, got ${m.got}`);
