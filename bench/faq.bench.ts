/**
 * `npm run bench:faq`: time to answer one agent question with a 500-entry knowledge base (the 32
 * real entries plus generated ones of the same shape), on the path production answers by: the
 * language layer's FAQ reading (classifier, nearest questions, retrieval), trained on that base
 * and data/nlu/train. Target: under 5 ms.
 */
import { readFileSync } from 'node:fs';
import { loadCorpus } from '../src/files/corpus.js';
import { FaqIndex } from '../src/faq/faq-index.js';
import { LanguageModel } from '../src/nlu/language-model.js';
import { faqLabelsOf, parseKnowledgeBase, type KbEntry } from '../src/faq/knowledge-base.js';

const real = parseKnowledgeBase(readFileSync('kb/faq.yaml', 'utf8'));
const topics = ['estoque', 'financeiro', 'fiscal', 'compras', 'vendas', 'pdv', 'balança', 'etiqueta', 'sped', 'boleto', 'caixa', 'contabilidade', 'produção', 'frota', 'crm', 'relatório', 'backup', 'certificado', 'tef', 'nfe'];
const verbs = ['configurar', 'cadastrar', 'emitir', 'cancelar', 'ajustar', 'consultar', 'importar', 'exportar', 'conferir', 'fechar', 'abrir', 'corrigir'];
const objects = ['pedido', 'nota', 'produto', 'cliente', 'fornecedor', 'lote', 'tabela de preço', 'usuário', 'permissão', 'inventário', 'título', 'remessa'];
const generated: KbEntry[] = [];
for (let i = 0; generated.length + real.length < 500; i++) {
  const t = topics[i % topics.length] as string;
  const v = verbs[(i * 7) % verbs.length] as string;
  const o = objects[(i * 5) % objects.length] as string;
  generated.push({
    id: `gerada-${i}`,
    question: `Como ${v} ${o} no módulo de ${t}?`,
    answer: `Para ${v} ${o} no módulo de ${t}, acesse o menu ${t}, escolha ${o} e use a opção ${v}. Confira as permissões do usuário antes.`,
    phrasings: [`${v} ${o} ${t}`, `onde ${v} o ${o} em ${t}`, `passo a passo para ${v} ${o}`],
    tags: [t, v, o],
    replaces: [],
  });
}
const entries = [...real, ...generated];
const builtAt = performance.now();
const index = new FaqIndex(entries);
const nlu = new LanguageModel(loadCorpus('data/nlu/train', faqLabelsOf(entries)), index);
const buildMs = performance.now() - builtAt;
const questions = loadCorpus('data/nlu/dev', faqLabelsOf(real)).faq.map((q) => q.text);

for (let i = 0; i < 200; i++) nlu.faq(questions[i % questions.length] as string); // warm-up
const times: number[] = [];
for (let round = 0; round < 30; round++) {
  for (const q of questions) {
    const t0 = performance.now();
    nlu.faq(q);
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number;
const mean = times.reduce((s, t) => s + t, 0) / times.length;
const result = { entries: entries.length, questions: times.length, buildMs: +buildMs.toFixed(1), meanMs: +mean.toFixed(3), p50Ms: +at(0.5).toFixed(3), p99Ms: +at(0.99).toFixed(3), maxMs: +at(1).toFixed(3), targetMs: 5 };
console.log(JSON.stringify(result));
console.log(`FAQ answer time with ${result.entries} entries: mean ${result.meanMs} ms, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (target < 5 ms)`);
