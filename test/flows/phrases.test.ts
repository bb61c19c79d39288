import { describe, expect, it } from 'vitest';
import { firstName, Hi, shownName } from '../../src/flows/phrases.js';
import { hardwareHint, idlePing, waitingPing } from '../../src/flows/plantao/messages.js';

/** The name the bot says back to a person (src/flows/phrases.ts). */
describe('the first name said back', () => {
  it.each([
    ['Maria Souza', 'Maria'],
    ['joão silva', 'João'],
    ["d'Ávila Costa", "D'Ávila"],
    ['Ana-Maria', 'Ana-Maria'],
    ['Maria 🌸', 'Maria'],
    ['"Carlos",', 'Carlos'],
    ['🌸Maria', 'Maria'],
  ])('%s → %s', (name, first) => {
    expect(firstName(name)).toBe(first);
  });

  // Found by an outside tester: "Jos�, ficou tudo resolvido?" (a profile name cut in the middle of an emoji) and
  // "@SUM(1+1), um aviso: o plantão…" (a profile name that is a formula).
  it.each(['Jos\uFFFD Half', '@SUM(1+1) <b>Zé</b>', '<b>Zé</b>', '=cmd|x', '123', '', '<img src=x onerror=alert(1)>', 'Maria <script>', 'J'.repeat(200), 'Cliente 302', 'Loja Centro'])('says no name for %j', (name) => {
    expect(firstName(name)).toBe('');
    expect(Hi(name)).toBe('');
    for (const seed of ['a', 'b', 'c', 'd']) {
      const text = idlePing(seed, name, false, null);
      expect(text).not.toMatch(/\uFFFD|@SUM|<b>|=cmd|Oi, !|^, /);
      expect(text.charAt(0)).toMatch(/\p{Lu}/u);
    }
  });

  // Found by an outside tester (2026-12-07): "@SUM(1+1)" reached the hardware hint and the pending summary.
  it('a contact\'s profile name that is no name is not shown to staff either', () => {
    for (const seed of ['a', 'b', 'c']) {
      expect(hardwareHint(seed, 'Diego', { number: 5031, contactName: '@SUM(1+1)' }, null, [], 30)).not.toContain('@SUM');
      expect(hardwareHint(seed, 'Diego', { number: 5031, contactName: 'Maria Souza 🌸' }, null, [], 30)).toContain('(Maria Souza 🌸)');
    }
    expect(shownName('@SUM(1+1)')).toBeNull();
    expect(shownName('Maria Souza 🌸')).toBe('Maria Souza 🌸');
  });

  // Found by an outside tester: a technician named "-2+3" (a formula) got "Oi, ! Uma dica sobre o chat nº 202".
  it.each(['-2+3', '=HYPERLINK("x") <img src=x>', null])('greets a technician named %j with no empty name', (technician) => {
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const text = hardwareHint(seed, technician, { number: 202, contactName: null }, null, [], 90);
      expect(text).toMatch(/^(Oi! )?Uma dica sobre o chat nº 202/);
    }
  });
});

// Found by an outside tester (2026-12-07): three sentences were sent 26–27 times each across the weekend's chats, in
// three voices ("estou à disposição", "estamos com o seu pedido", "o técnico vai te responder").
describe('the plantão check-ins', () => {
  const seeds = Array.from({ length: 60 }, (_, i) => `chat-${i}`);

  it('while a problem waits: six wordings, the wait told once it is long, each a question', () => {
    const texts = seeds.map((seed) => waitingPing(seed, 'Maria', null, 45));
    expect(new Set(texts).size).toBeGreaterThanOrEqual(6);
    for (const text of texts) expect(text).toMatch(/\?$/);
    expect(texts.some((text) => text.includes('há 40 minutos'))).toBe(true);
    expect(seeds.map((seed) => waitingPing(seed, 'Maria', null, 130)).some((text) => text.includes('há mais de 2 horas'))).toBe(true);
    expect(seeds.map((seed) => waitingPing(seed, 'Maria', null, 5)).some((text) => /\bhá\b/.test(text))).toBe(false);
  });

  it('otherwise: the team speaks as "nós", never "estou" nor "sigo"', () => {
    for (const partner of [false, true]) {
      const texts = seeds.map((seed) => idlePing(seed, 'Maria', partner, null));
      expect(new Set(texts).size).toBeGreaterThanOrEqual(4);
      for (const text of texts) expect(text).not.toMatch(/\b(estou|sigo|me chamar|posso)\b/);
    }
  });
});
