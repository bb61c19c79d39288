import { describe, expect, it } from 'vitest';
import { furthest, paramKeepsRules, sendForm, templateParam, windowOpen, type DeliveryState } from '../../src/domain/whatsapp.js';

/** WhatsApp's rules as the bot applies them (src/domain/whatsapp.ts). */
describe("WhatsApp's rules", () => {
  const now = new Date('2026-11-30T11:00:00Z');

  it('free text only within 24 hours of the person\'s last message', () => {
    expect(windowOpen(null, now)).toBe(false);
    expect(windowOpen('2026-11-29T11:00:01Z', now)).toBe(true);
    expect(windowOpen('2026-11-29T11:00:00Z', now)).toBe(false); // 24 hours exactly: closed
    expect(windowOpen('not a date', now)).toBe(false);
  });

  it.each([
    [true, true, 'text'],
    [true, false, 'text'],
    [false, true, 'template'],
    [false, false, 'none'],
  ] as const)('window open %s, template %s → %s', (open, template, form) => {
    expect(sendForm(open, template)).toBe(form);
  });

  it('makes any value a parameter that keeps the rules, cut by whole characters', () => {
    expect(templateParam('Maria\nSouza\t da   Silva', 'x')).toBe('Maria Souza da Silva');
    expect(templateParam('   ', 'Padaria')).toBe('Padaria');
    expect(templateParam(null, '')).toBe('-');
    const long = templateParam('😀'.repeat(2000), 'x');
    expect(Array.from(long)).toHaveLength(1024);
    expect(long.endsWith('😀')).toBe(true);
    for (const v of ['Maria\nSouza', 'a\tb', '', 'x'.repeat(1025), 'five     spaces']) expect(paramKeepsRules(v)).toBe(false);
    expect(paramKeepsRules(templateParam('five     spaces', 'x'))).toBe(true);
  });

  it('keeps the furthest delivery state, whatever order the statuses come in', () => {
    const orders: DeliveryState[][] = [
      ['sent', 'delivered', 'read'],
      ['read', 'sent', 'delivered'],
      ['delivered', 'read', 'read', 'sent'],
    ];
    for (const order of orders) expect(order.reduce<DeliveryState | null>((s, n) => furthest(s, n), null)).toBe('read');
    expect(['sent', 'failed', 'sent'].reduce<DeliveryState | null>((s, n) => furthest(s, n as DeliveryState), null)).toBe('failed');
  });
});
