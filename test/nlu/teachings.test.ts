import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Teaching } from '../../src/domain/teaching.js';
import { FaqIndex } from '../../src/faq/faq-index.js';
import { faqLabelsOf, parseKnowledgeBase } from '../../src/faq/knowledge-base.js';
import { loadCorpus } from '../../src/files/corpus.js';
import { LanguageModel } from '../../src/nlu/language-model.js';
import { withTeachings } from '../../src/nlu/teachings.js';

/** The base and the training lines with the supervisors' teachings (src/nlu/teachings.ts), and what the model learns from them. */
const kb = parseKnowledgeBase(readFileSync('kb/faq.yaml', 'utf8'));
const base = { id: 't', at: '2026-12-05T10:00:00Z', by: 'Sara', askedBy: [] };

function modelWith(teachings: Teaching[]): LanguageModel {
  const m = withTeachings(kb, teachings);
  const corpus = loadCorpus('data/nlu/train', faqLabelsOf(m.entries));
  corpus.faq.push(...m.faq);
  return new LanguageModel(corpus, new FaqIndex(m.entries));
}
const answered = (nlu: LanguageModel, q: string) => {
  const r = nlu.faq(q);
  return r.kind === 'answer' ? r.entry.id : r.kind;
};

describe('teachings merged into the base (pure)', () => {
  it('adds phrasings to their entry, appends new entries, and teaches out-of-scope questions as none; the undone ones not', () => {
    const m = withTeachings(kb, [
      { ...base, id: 'a', kind: 'phrasing', entryId: 'plantao-plus', questions: ['qto cai na conta pelo sobreaviso'] },
      { ...base, id: 'b', kind: 'entry', entry: { id: 'ensinado-x', question: 'Pergunta nova?', answer: 'Uma resposta. Outra frase.', tags: ['x'] }, questions: ['pergunta nova mesmo'] },
      { ...base, id: 'c', kind: 'none', questions: ['qual a senha do wifi'] },
      { ...base, id: 'd', kind: 'phrasing', entryId: 'plantao-qa', questions: ['desfeita'], undone: { at: '', by: 'Ana' } },
      { ...base, id: 'e', kind: 'phrasing', entryId: 'nao-existe-mais', questions: ['órfã'] },
      { ...base, id: 'f', kind: 'phrasing', entryId: 'dois-atendimentos', questions: ['rsp e mestre, os dois?'] },
    ]);
    // Taught under an entry since merged into another: it lands in the one that replaced it.
    expect(m.entries.find((e) => e.id === 'monitoramento-inicio')?.phrasings).toContain('rsp e mestre, os dois?');
    expect(m.faq.filter((u) => u.text === 'rsp e mestre, os dois?').map((u) => u.label)).toEqual(['faq.monitoramento-inicio', 'faq.monitoramento-inicio', 'faq.monitoramento-inicio']);
    expect(m.entries.find((e) => e.id === 'plantao-plus')?.phrasings).toContain('qto cai na conta pelo sobreaviso');
    expect(m.entries.find((e) => e.id === 'ensinado-x')).toMatchObject({ question: 'Pergunta nova?', answer: 'Uma resposta. Outra frase.', phrasings: ['pergunta nova mesmo'] });
    expect(m.faq.filter((u) => u.label === 'none').map((u) => u.text)).toEqual(['qual a senha do wifi', 'qual a senha do wifi', 'qual a senha do wifi']);
    expect(m.faq.filter((u) => u.label === 'faq.ensinado-x').map((u) => u.text)).toEqual(expect.arrayContaining(['Uma resposta.', 'Outra frase.', 'x', 'pergunta nova mesmo']));
    expect(m.faq.some((u) => u.text === 'desfeita' || u.text === 'órfã')).toBe(false);
    expect(m.entries.find((e) => e.id === 'plantao-qa')?.phrasings).not.toContain('desfeita');
    expect(kb.find((e) => e.id === 'plantao-plus')?.phrasings).not.toContain('qto cai na conta pelo sobreaviso'); // the base is not changed
  });

  // Found by an outside tester: two questions taught as other ways of asking an answer taught before were
  // still "não sei", while the agents were told the answer had been learned.
  it('takes phrasings taught on an entry that was itself taught', () => {
    const entry = { id: 'ensinado-uber', question: 'Como peço reembolso do Uber do plantão?', answer: 'O reembolso do Uber do plantão é pedido no portal do RH.', tags: [] };
    const teachings: Teaching[] = [
      { ...base, id: 'a', kind: 'entry', entry, questions: ['como peço reembolso do uber do plantão?'] },
      { ...base, id: 'b', kind: 'phrasing', entryId: 'ensinado-uber', questions: ['gastei com uber no plantão, como peço o dinheiro de volta?'] },
    ];
    const m = withTeachings(kb, teachings);
    expect(m.entries.find((e) => e.id === 'ensinado-uber')?.phrasings).toContain('gastei com uber no plantão, como peço o dinheiro de volta?');
    expect(m.faq.filter((u) => u.text.startsWith('gastei com uber')).map((u) => u.label)).toEqual(['faq.ensinado-uber', 'faq.ensinado-uber', 'faq.ensinado-uber']);
    expect(answered(modelWith(teachings), 'gastei com uber no plantão, como peço o dinheiro de volta?')).toBe('ensinado-uber');
    // Taught in the same millisecond, the phrasing may come first in the store's order (found flaky in the suite).
    expect(withTeachings(kb, [...teachings].reverse()).entries.find((e) => e.id === 'ensinado-uber')?.phrasings).toContain('gastei com uber no plantão, como peço o dinheiro de volta?');
  });

  it('a new entry is found for phrasings the form never had, and the rest of the base answers as before', () => {
    const nlu = modelWith([
      {
        ...base,
        kind: 'entry',
        entry: { id: 'ensinado-reembolso', question: 'Como peço reembolso de transporte do plantão?', answer: 'Lance o recibo no sistema de despesas até o dia 5 do mês seguinte, com a data do plantão; o financeiro reembolsa na folha.', tags: ['plantão', 'reembolso', 'uber', 'táxi'] },
        questions: ['como peço reembolso do uber que peguei no plantao?'],
      },
    ]);
    expect(answered(nlu, 'onde lanço o recibo do taxi do plantao pra ser reembolsado?')).toBe('ensinado-reembolso');
    expect(answered(nlu, 'reembolso de transporte plantao')).toBe('ensinado-reembolso');
    expect(answered(nlu, 'quanto paga o plantao?')).toBe('plantao-plus');
    expect(answered(nlu, 'qual a senha do wifi do escritorio?')).toBe('unknown');
  });
});
