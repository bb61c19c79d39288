import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FaqIndex } from '../../src/faq/faq-index.js';
import { faqLabelsOf, parseKnowledgeBase } from '../../src/faq/knowledge-base.js';
import { processTerm, tokenize } from '../../src/faq/portuguese.js';
import { YamlError } from '../../src/util/yaml.js';
import { flowContext } from '../helpers/monitoring.js';

const kbText = readFileSync('kb/faq.yaml', 'utf8');
const entries = parseKnowledgeBase(kbText);
const index = new FaqIndex(entries);
const ids = new Set(entries.map((e) => e.id));

describe('the knowledge base', () => {
  it('covers the 13 FAQ items, the code table and the plantão rules', () => {
    for (const id of [
      'monitoramento-inicio', 'estrutura-2266', 'parecer-p', 'qual-tipo-atendimento', 'semana1-sem-contato',
      'semana2-sem-contato', 'parecer-e-encerrar', 'monitoramento-aberto', 'terminei-3-semanas', 'erro-grave-semana3', 'onde-criar-2266',
      'sem-contato-geral', 'codigos-tabela', 'plantao-cliente-implantacao', 'plantao-tudo-ok', 'plantao-cliente-revenda',
      'plantao-nunca-agendar', 'plantao-pendencias', 'plantao-qa', 'plantao-plus',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('refuses a broken file with the line of the problem', () => {
    const broken = kbText.replace('- id: parecer-p\n', '- id: Parecer P\n');
    let error: unknown;
    try {
      parseKnowledgeBase(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(YamlError);
    const line = broken.split('\n').indexOf('- id: Parecer P') + 1;
    expect((error as YamlError).line).toBe(line);
    expect(() => parseKnowledgeBase(kbText.replace('- id: parecer-p\n', '- id: estrutura-2266\n'))).toThrow(/repeats the id/);
  });

  it('answers the first two FAQ items with one entry, which stands for the entry it replaced', () => {
    // "Preciso abrir dois atendimentos agora?" and "acabei a implantação, tenho que fazer só ele?" had the same answer.
    const merged = entries.find((e) => e.id === 'monitoramento-inicio');
    expect(merged?.replaces).toEqual(['dois-atendimentos']);
    expect(merged?.answer).toMatch(/RSP/);
    expect(merged?.answer).toMatch(/2266/);
    expect(merged?.answer).toMatch(/7 dias/);
    expect(faqLabelsOf(entries).get('dois-atendimentos')).toBe('monitoramento-inicio');
    expect(faqLabelsOf(entries).get('estrutura-2266')).toBe('estrutura-2266');
    expect(faqLabelsOf(entries).has('nao-existe')).toBe(false);
  });

  it('refuses a replaced id that is still an entry, or replaced by two entries', () => {
    const still = kbText.replace('  replaces: [dois-atendimentos]\n', '  replaces: [estrutura-2266]\n');
    expect(() => parseKnowledgeBase(still)).toThrow(/replaces "estrutura-2266", which is still an entry/);
    const twice = kbText.replace('- id: parecer-p\n', '- id: parecer-p\n  replaces: [dois-atendimentos]\n');
    expect(() => parseKnowledgeBase(twice)).toThrow(/"dois-atendimentos" is replaced twice/);
  });
});

describe('reading Portuguese', () => {
  it('folds accents and case, maps synonyms and stems', () => {
    const terms = (s: string) => tokenize(s).map(processTerm).filter(Boolean);
    expect(terms('Implantação')).toEqual(terms('implantacao'));
    expect(terms('chamado')).toEqual(terms('atendimento'));
    expect(terms('parceiro')).toEqual(terms('partner'));
    expect(terms('fim de semana')).toEqual(terms('plantão'));
    expect(terms('semana 1')).toEqual(terms('primeira semana'));
    expect(terms('de que como o')).toEqual([]);
  });

  it('ranks the entry a question is about first, despite typos and missing accents (retrieval, one reading of the FAQ)', () => {
    expect(index.rank('qual o valor do platao e como ganha o plus')[0]?.entry.id).toBe('plantao-plus');
    expect(index.rank('o que é o P no comeco do atendimento de monitoramnto')[0]?.entry.id).toBe('parecer-p');
    expect(index.rank('')).toEqual([]);
    expect(index.rank('bom dia, tudo bem?')).toEqual([]);
  });
});

/** The one path that answers agents' questions: the language layer's FAQ reading (`nlu/faq-reading.ts`). */
describe('answering a question', () => {
  const { nlu } = flowContext();
  it('answers despite typos and missing accents', () => {
    const a = nlu.faq('qual o valor do platao e como ganha o plus');
    expect(a.kind === 'answer' && a.entry.id).toBe('plantao-plus');
    const b = nlu.faq('o que é o P no comeco do atendimento de monitoramnto');
    expect(b.kind === 'answer' && b.entry.id).toBe('parecer-p');
  });

  it('answers "do I open two tickets?" and "what after the implantation?" with the same entry', () => {
    for (const q of ['preciso abrir dois atendimentos agora?', 'acabei a implantacao, faco so o monitoramento?', 'tem q abrir o rsp tb ou so o 2266']) {
      const a = nlu.faq(q);
      expect(a.kind === 'answer' && a.entry.id, q).toBe('monitoramento-inicio');
    }
  });

  it('says it does not know when the question is about something else', () => {
    expect(nlu.faq('qual a previsão do tempo para amanhã?').kind).toBe('unknown');
    expect(nlu.faq('').kind).toBe('unknown');
  });
});
