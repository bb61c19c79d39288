import { describe, expect, it } from 'vitest';
import { FlowDriver, textsOf } from '../helpers/flow-driver.js';
import { flowContext } from '../helpers/monitoring.js';

/** A customer asking to schedule out of hours (pure, in memory): sent to the next business day, their own day and time said back. */
const saturday = new Date('2026-11-21T16:05:00Z'); // 13:05 in São Paulo
const ask = (text: string) => {
  const driver = new FlowDriver(flowContext(), saturday, () => ({ customer: null, reseller: null }));
  return textsOf(driver.say({ chatId: 'ch_cust', kind: 'customer', department: 'suporte', login: null, text })).join('\n');
};

describe('a scheduling request out of hours', () => {
  it.each([
    ['queria agendar um treinamento pra segunda as 10h', 'segunda-feira, 23/11 às 10:00'],
    ['da pra marcar alguem pra ajustar as etiquetas amanha de manha?', 'domingo, 22/11'],
  ])('%s → the next business day, and the customer\'s "%s" said back', (text, asked) => {
    const answer = ask(text);
    expect(answer).toContain('próximo dia útil');
    expect(answer).toContain('segunda-feira, 23/11 às 08:00');
    expect(answer).toContain(`preferência (${asked}`);
  });

  it('says nothing of a preference the customer did not give', () => {
    const answer = ask('preciso agendar um treinamento da nfce');
    expect(answer).toContain('próximo dia útil');
    expect(answer).not.toContain('preferência');
  });
});
