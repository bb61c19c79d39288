import { describe, expect, it } from 'vitest';
import { stems } from '../../src/nlu/features.js';
import { LinearClassifier } from '../../src/nlu/linear-classifier.js';

/** The FAQ's second opinion (src/nlu/linear-classifier.ts), on a few questions of our own. */
describe('the softmax regression over TF-IDF', () => {
  const examples = [
    { label: 'faq.plantao-plus', text: 'quanto paga o plantao de sabado' },
    { label: 'faq.plantao-plus', text: 'qual o valor do plantao no domingo' },
    { label: 'faq.plantao-plus', text: 'plantao de domingo paga quanto' },
    { label: 'faq.codigo-000029', text: 'pra que serve o 000029' },
    { label: 'faq.codigo-000029', text: 'quando uso o codigo 000029' },
    { label: 'faq.codigo-000029', text: 'o 000029 serve pra que' },
    { label: 'none', text: 'qual a senha do wifi do escritorio' },
    { label: 'none', text: 'a senha do wifi mudou' },
  ];
  const model = new LinearClassifier(examples);

  it('reads a new phrasing as the label whose words it shares, the rare words weighing most', () => {
    const [best, second] = model.classify('qnto paga o plantao no sabado?');
    expect(best?.label).toBe('faq.plantao-plus');
    expect(best?.score).toBeGreaterThan(2 * (second?.score ?? 0));
    expect(model.classify('esqueci a senha do wifi')[0]?.label).toBe('none');
    expect(model.classify('o codigo 000029 é pra que?')[0]?.label).toBe('faq.codigo-000029');
  });

  it('gives every label a probability, adding up to one, and nothing when no feature is known', () => {
    const scores = model.classify('plantao 000029');
    expect(scores.map((s) => s.label).sort()).toEqual(['faq.codigo-000029', 'faq.plantao-plus', 'none']);
    expect(scores.reduce((sum, s) => sum + s.score, 0)).toBeCloseTo(1, 6);
    expect(model.classify('xyzzy quux')).toEqual([]);
  });

  it('trains the same model twice (no randomness) and reads the same once saved and loaded', () => {
    const json = model.toJSON();
    expect(new LinearClassifier(examples).toJSON()).toEqual(json);
    const loaded = LinearClassifier.fromJSON(JSON.parse(JSON.stringify(json)) as typeof json);
    for (const text of ['quanto paga o plantao', 'senha do wifi', 'pra que serve o 000029']) expect(loaded.classify(text)).toEqual(model.classify(text));
  });

  it('leaves out the features of a single question (they only teach that question)', () => {
    const vocabulary = model.toJSON().vocabulary;
    const [escritorio] = stems('escritorio');
    const [plantao] = stems('plantao');
    expect(vocabulary).not.toContain(escritorio);
    expect(vocabulary).toContain(plantao);
  });
});
