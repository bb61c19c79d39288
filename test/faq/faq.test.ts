import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FaqIndex } from '../../src/faq/faq-index.js';
import { parseKnowledgeBase } from '../../src/faq/knowledge-base.js';
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
      'monitoramento-inicio', 'dois-atendimentos', 'estrutura-2266', 'parecer-p', 'qual-tipo-atendimento', 'semana1-sem-contato',
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
    expect(() => parseKnowledgeBase(kbText.replace('- id: parecer-p\n', '- id: dois-atendimentos\n'))).toThrow(/repeats the id/);
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

  it('says it does not know when the question is about something else', () => {
    expect(nlu.faq('qual a previsão do tempo para amanhã?').kind).toBe('unknown');
    expect(nlu.faq('').kind).toBe('unknown');
  });
});
