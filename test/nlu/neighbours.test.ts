import { describe, expect, it } from 'vitest';
import { Neighbours } from '../../src/nlu/neighbours.js';

/** The nearest labelled questions (src/nlu/neighbours.ts), on a few questions of our own. */
describe('the nearest labelled questions', () => {
  const n = new Neighbours(
    [
      { label: 'faq.plantao-plus', text: 'quanto paga o plantao de sabado' },
      { label: 'faq.plantao-plus', text: 'qual o valor do plantao no domingo' },
      { label: 'faq.codigo-000029', text: 'pra que serve o 000029' },
      { label: 'none', text: 'qual a senha do wifi do escritorio' },
    ],
    3,
  );

  it('votes for the label of the phrasings nearest to the message, typos and all', () => {
    const [best] = n.vote('qnto paga o plantao de domingo?');
    expect(best?.label).toBe('faq.plantao-plus');
    expect(best?.score).toBeGreaterThan(0.5);
  });

  it('lets the out-of-scope questions vote too', () => {
    expect(n.vote('senha do wifi')[0]?.label).toBe('none');
  });

  it('gives the shares of the top neighbours, adding up to one, and nothing when no word matches', () => {
    const votes = n.vote('o 000029 serve pra que no plantao?');
    expect(votes.reduce((sum, v) => sum + v.score, 0)).toBeCloseTo(1, 6);
    expect(n.vote('xyzzy')).toEqual([]);
  });
});
