import { NeuralNetwork } from '@nlpjs/neural';
import { describe, expect, it } from 'vitest';
import { features, stems } from '../../src/nlu/features.js';
import { PackedNeuralNetwork } from '../../src/nlu/packed-network.js';

const examples: [string, string][] = [
  ['all_fine', 'ta tudo certo obrigado'],
  ['all_fine', 'tudo ok por aqui, valeu'],
  ['all_fine', 'deu certo sim, pode fechar'],
  ['schedule', 'queria agendar um treinamento pra equipe'],
  ['schedule', 'tem como marcar alguem pra ajustar o cupom?'],
  ['schedule', 'preciso agendar o ajuste das etiquetas'],
  ['problem', 'a impressora nao imprime o cupom'],
  ['problem', 'deu erro ao emitir a nota, nao sai'],
  ['problem', 'nao consigo acessar o sistema desde cedo'],
];
const corpus = () => [
  ...examples.map(([label, text]) => ({ input: features(stems(text)), output: { [label]: 1 } })),
  { input: { nonefeature: 1 }, output: { None: 1 } },
];

describe('the packed neural network', () => {
  it("trains exactly nlp.js's network: the same weights, biases and outputs", () => {
    const settings = { log: false, errorThresh: 0.0005, iterations: 50 };
    const theirs = new NeuralNetwork(settings);
    const ours = new PackedNeuralNetwork(settings);
    const a = theirs.train(corpus());
    const b = ours.train(corpus());
    expect(b).toEqual(a);
    expect(ours.toJSON()).toEqual(PackedNeuralNetwork.compact(theirs.toJSON() as Parameters<typeof PackedNeuralNetwork.compact>[0]));
    for (const text of ['tudo certo, obrigado', 'quero agendar treinamento', 'a impressora deu erro', 'bom dia']) {
      const input = features(stems(text));
      expect(ours.run(input)).toEqual(theirs.run(input));
    }
  });

  it('reads a network saved by nlp.js and answers as it does', () => {
    const theirs = new NeuralNetwork({ log: false, iterations: 30 });
    theirs.train(corpus());
    const ours = new PackedNeuralNetwork();
    ours.fromJSON(theirs.toJSON());
    const input = features(stems('nao consigo emitir a nota'));
    expect(ours.run(input)).toEqual(theirs.run(input));
    expect(Object.values(ours.run(input) ?? {}).some((v) => v > 0)).toBe(true);
  });

  it('saves its weights packed and reads them back exactly, at a fraction of the text', () => {
    const trained = new PackedNeuralNetwork({ log: false, iterations: 30 });
    trained.train(corpus());
    const json = JSON.parse(JSON.stringify(trained.toJSON())) as unknown;
    const loaded = new PackedNeuralNetwork();
    loaded.fromJSON(json);
    for (const text of ['tudo certo, obrigado', 'quero agendar treinamento', 'a impressora deu erro', 'nao consigo emitir a nota']) {
      const input = features(stems(text));
      expect(loaded.run(input)).toEqual(trained.run(input));
    }
    expect(loaded.toJSON()).toEqual(trained.toJSON());
    const nlpjs = new NeuralNetwork({ log: false, iterations: 30 });
    nlpjs.train(corpus());
    expect(JSON.stringify(json).length).toBeLessThan(JSON.stringify(nlpjs.toJSON()).length / 2);
  });
});
