import { describe, expect, it } from 'vitest';
import { asksIfItWorks, namesScheduleTopic } from '../../src/nlu/schedule-topic.js';
import { flowContext } from '../helpers/monitoring.js';

/** A scheduling request stands only when it names its topic, and not as something not needed. */
describe('what a request to schedule names', () => {
  it.each([
    ['queria marcar um treinamento pro pessoal novo', 'training'],
    ['marca uma reciclagem pro pessoal do caixa pfv', 'training'],
    ['da pra marcar um trein pra segunda a tarde?', 'training'],
    ['quero mudar o rodapé do cupom', 'coupon'],
    ['agenda a etiqueta de gondola pra segunda', 'labels'],
    ['queria a logo da loja na nfce', 'nfe'],
  ] as const)('%s names %s', (text, topic) => {
    expect(namesScheduleTopic(text, topic)).toBe(true);
  });
  it.each([
    ['funcionou!!! vou ate acender uma vela pra vc rsrs', 'training'],
    ['n precisa de treinamento n, o pessoal ja ta craque, ta tudo certo', 'training'],
    ['nao vamos precisar de outro curso, obrigado', 'training'],
    ['Tudo resolvido, preciso de uma ligação de vocês rapidinho', 'training'],
  ] as const)('%s does not ask for %s', (text, topic) => {
    expect(namesScheduleTopic(text, topic)).toBe(false);
  });

  it('the customer reading is no scheduling request without its topic (found on a dev split: a happy customer got the next business day for a training)', () => {
    const { nlu } = flowContext();
    expect(nlu.customer('funcionou!!! vou ate acender uma vela pra vc rsrs').topic).toBeNull();
    expect(nlu.customer('n precisa de treinamento n, o pessoal ja ta craque, ta tudo certo').topic).toBeNull();
    expect(nlu.customer('queria marcar um treinamento pro pessoal novo').topic).toBe('training');
  });
});

// Found by an outside tester (2026-12-07): a partner's question whether the NFC-e would work too got "o agendamento de
// NF-e/NFC-e personalizada é feito pelo setor responsável" and "Fale com ele no próximo dia útil".
describe('whether a thing works, asked', () => {
  it('is no scheduling request', () => {
    expect(asksIfItWorks('ta ok pra nfe, e a nfce? ela tbm vai funcionar?')).toBe(true);
    expect(flowContext().nlu.customer('ta ok pra nfe, e a nfce? ela tbm vai funcionar?').topic).toBeNull();
  });

  it('unless the work is asked for beside it', () => {
    expect(asksIfItWorks('quero agendar a nfe personalizada, funciona no sabado?')).toBe(false);
    expect(flowContext().nlu.customer('quero agendar a nfe personalizada, funciona no sabado?').topic).toBe('nfe');
  });
});

// Found by an outside tester (2026-12-07): "consigo imprimir o cupom em duas vias?" and "quanto custa o treinamento?" got
// "agendamentos … não são feitos em fins de semana", and the question itself was left to Monday.
describe('a question about the topic that asks nothing to be done', () => {
  it.each([
    'consigo imprimir o cupom em duas vias?',
    'o treinamento q eu fiz semana passada ficou gravado? queria rever',
    'quanto custa o treinamento de voces?',
    'o treinamento ja foi pago?',
    'da pra imprimir etiqueta de preço direto pelo sistema?',
  ])('%s is no scheduling request', (text) => {
    expect(flowContext().nlu.customer(text).topic).toBeNull();
  });

  it.each([
    ['tem data pra capacitacao dos usuarios?', 'training'],
    ['o treinamento q combinamos n aconteceu, da pra remarcar?', 'training'],
    ['contratei uma menina nova no caixa, vcs dao aula pra ela?', 'training'],
    ['preciso de um treinamento pro pessoal novo, pode ser segunda?', 'training'],
    ['da pra vcs colocarem a logo no cupom?', 'coupon'],
  ])('%s still asks for %s', (text, topic) => {
    expect(flowContext().nlu.customer(text).topic).toBe(topic);
  });
});
