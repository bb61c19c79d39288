/** `npm run eval:faq`: top-1 accuracy on agents' questions and rejection of out-of-scope ones. */
import { scoreFaq } from '../src/eval/faq.js';

const s = scoreFaq('kb/faq.yaml', 'data/faq-eval.tsv');
console.log(`FAQ top-1 accuracy: ${s.top1}/${s.inScope} = ${(s.top1Accuracy * 100).toFixed(1)}% (right entry among two options: ${s.inOptions} more)`);
console.log(`FAQ out-of-scope rejection: ${s.rejected}/${s.outOfScope} = ${(s.rejection * 100).toFixed(1)}%`);
for (const m of s.misses) console.log(`  miss: "${m.question}" expected ${m.expected}, got ${m.got} (confidence ${m.confidence})`);
