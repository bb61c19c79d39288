import { describe, expect, it } from 'vitest';
import { withPeoplesLines } from '../../src/domain/ticket-text.js';

/** What people wrote in the 2266 in Bimer survives the bot's next write (src/domain/ticket-text.ts). */
describe("the 2266's text rewritten by the bot", () => {
  const before = 'monitoramento\nP: cliente satisfeito\n( ) primeira semana\n( ) segunda semana\n( ) terceira semana';
  const ours = 'monitoramento\nP: cliente satisfeito\n(x) primeira semana — sem demanda — protocolo 2026120700002\n( ) segunda semana\n( ) terceira semana';

  it('is ours when Bimer holds only what the bot wrote', () => {
    expect(withPeoplesLines(before, ours)).toBe(ours);
  });

  // Found by an outside tester: a supervisor's line added in Bimer was erased by the next week's write.
  it("keeps a person's lines after the bot's, in their order, wherever they were written", () => {
    const edited = 'monitoramento\nP: cliente satisfeito\nOBS SUPERVISÃO: cliente pediu retorno às 14h.\n( ) primeira semana\r\n( ) segunda semana\n( ) terceira semana\nligar no fixo, o celular é do filho';
    expect(withPeoplesLines(edited, ours)).toBe(`${ours}\nOBS SUPERVISÃO: cliente pediu retorno às 14h.\nligar no fixo, o celular é do filho`);
  });

  it("takes the bot's version of its own lines (a week, the P: line), however a person retyped them", () => {
    const retyped = 'Monitoramento\nP: cliente MUITO satisfeito\n(X) Primeira semana - liguei\n( ) segunda semana\n( ) terceira semana';
    expect(withPeoplesLines(retyped, ours)).toBe(ours);
  });

  it('adds no blank lines, and a kept line is not repeated at the next write', () => {
    const once = withPeoplesLines('monitoramento\n\nnota da supervisão\n', ours);
    expect(once).toBe(`${ours}\nnota da supervisão`);
    expect(withPeoplesLines(once, ours)).toBe(once);
  });
});
