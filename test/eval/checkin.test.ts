import { describe, expect, it } from 'vitest';
import { playCheckin } from '../../src/eval/checkin.js';
import { flowContext } from '../helpers/monitoring.js';

/** The check-in's measure (src/eval/checkin.ts): what the bot recorded from a first answer, against what its author meant. */
describe('the check-in measure', () => {
  const ctx = flowContext();

  it('counts a summary recorded without asking, from an answer its author says describes nothing, as wrong', () => {
    const row = playCheckin({ contact: 'yes', demand: null, protocol: null, summary: false, text: 'sim, ele tinha duvida de como tirar o relatorio de vendas' }, ctx);
    expect(row.asked).not.toContain('summary');
    expect(row.slots).toContainEqual({ name: 'summary', right: false });
  });

  it('counts the summary right when the bot asks for it, or takes it from an answer that gives one', () => {
    expect(playCheckin({ contact: 'yes', demand: null, protocol: null, summary: false, text: 'consegui sim, hj de manha' }, ctx)).toMatchObject({ asked: ['demand', 'summary'], slots: [{ name: 'contact', right: true }] });
    const given = playCheckin({ contact: 'yes', demand: '000001', protocol: null, summary: true, text: 'sim, ele tinha duvida de como tirar o relatorio de vendas' }, ctx);
    expect(given.slots).toEqual([
      { name: 'contact', right: true },
      { name: 'demand', right: true },
      { name: 'summary', right: true },
    ]);
  });
});
