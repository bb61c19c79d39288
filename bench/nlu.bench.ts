/**
 * `npm run bench:nlu`: the language layer's cost. Training time at start (target < 5 s), time to
 * read one message (target p99 < 5 ms) over the dev split's agent, customer and FAQ messages, and
 * the RSS the trained models add (target < 50 MB), each measured in this run against the floor of
 * the same process before the models exist.
 */
import { readFileSync } from 'node:fs';
import { parseKnowledgeBase } from '../src/faq/knowledge-base.js';
import { buildLanguage } from '../src/nlu/build.js';
import { loadCorpus } from '../src/nlu/dataset.js';

const gc = (globalThis as { gc?: () => void }).gc;
const entries = parseKnowledgeBase(readFileSync('kb/faq.yaml', 'utf8'));
const dev = loadCorpus('data/nlu/dev', new Set(entries.map((e) => e.id)));
gc?.();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const { nlu } = buildLanguage('data/nlu/train', entries);
const trainMs = performance.now() - t0;
gc?.();
const rssAfter = process.memoryUsage().rss;

const calls: (() => unknown)[] = [
  ...dev.agent.map((u) => () => nlu.agent(u.text, u.context)),
  ...dev.customer.map((u) => () => nlu.customer(u.text)),
  ...dev.faq.map((u) => () => nlu.agent(u.text, 'idle')),
];
for (let i = 0; i < 3; i++) for (const c of calls) c(); // warm-up
const times: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const c of calls) {
    const s = performance.now();
    c();
    times.push(performance.now() - s);
  }
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number;
const result = {
  trainMs: Math.round(trainMs),
  messages: times.length,
  p50Ms: +at(0.5).toFixed(3),
  p99Ms: +at(0.99).toFixed(3),
  maxMs: +at(1).toFixed(3),
  rssAddedMb: +((rssAfter - rssBefore) / 1024 / 1024).toFixed(1),
  targets: { trainMs: 5000, p99Ms: 5, rssAddedMb: 50 },
};
console.log(JSON.stringify(result));
console.log(`NLU: trained in ${(result.trainMs / 1000).toFixed(1)} s (target < 5 s); per message p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (target < 5 ms); models add ${result.rssAddedMb} MB RSS (target < 50 MB)`);
const ok = result.trainMs < 5000 && result.p99Ms < 5 && result.rssAddedMb < 50;
if (!ok) process.exitCode = 1;
