import { describe, expect, it } from 'vitest';
import { readLabelled, score } from '../../src/eval/plantao-intents.js';
import { classifyPlantao, schedulingTopic } from '../../src/flows/plantao/language.js';
import { fresh } from '../../src/flows/plantao/messages.js';

describe('plantão language', () => {
  it('reads the labelled set (≥150 messages) with at least 90% accuracy, each label at least 85%', () => {
    const set = readLabelled('data/plantao-intents.tsv');
    expect(set.length).toBeGreaterThanOrEqual(150);
    const result = score(set);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
    for (const s of Object.values(result.perLabel)) expect(s.correct / s.total).toBeGreaterThanOrEqual(0.85);
  });

  it('names the topic of a scheduling request and ignores talk that is not one', () => {
    expect(schedulingTopic('quero agendar um treinamento')).toBe('treinamento');
    expect(schedulingTopic('preciso agendar a etiqueta')).toBe('etiquetas');
    expect(schedulingTopic('gostaria de marcar a personalizacao da NFC-e')).toBe('NF-e/NFC-e personalizada');
    expect(schedulingTopic('preciso marcar o ajuste do cupom')).toBe('ajuste de cupom/ticket');
    expect(schedulingTopic('a etiqueta saiu torta')).toBeNull();
    expect(classifyPlantao('tudo certo, mas tenho mais uma duvida')).toBe('other');
  });

  it('never says the same text twice in a row', () => {
    const variants = ['a', 'b', 'c'];
    let last: string | null = null;
    for (let i = 0; i < 50; i++) {
      const next = fresh(`seed-${i % 3}`, variants, last);
      expect(next).not.toBe(last);
      last = next;
    }
  });
});
