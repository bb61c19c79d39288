import { describe, expect, it } from 'vitest';
import { stems, stemsOnce, words } from '../../src/nlu/features.js';

/** Stems computed once per text while training, and for the last text read (src/nlu/features.ts): the same stems, each caller its own copy. */
describe('stems while training', () => {
  it('reads a text the same inside and outside training, and a caller changing its copy changes nothing', () => {
    const text = 'vc sabe qdo eu agendo o 2266 do cliente?';
    const outside = stems(text);
    const done = stemsOnce();
    try {
      const first = stems(text);
      first.push('mexido');
      expect(stems(text)).toEqual(outside);
    } finally {
      done();
    }
    expect(stems(text)).toEqual(outside);
    expect(outside).toContain('2266');
    // The last text read is remembered outside training too: a change to one copy reaches no other.
    stems(text).push('mexido');
    expect(stems(text)).toEqual(outside);
  });
});

/** What a phone writes for a voice message, and the short forms agents type (src/nlu/features.ts). */
describe('words as said or shortened', () => {
  it('reads digits said in a row as the number, and leaves a lone number word alone', () => {
    expect(words('falei com ele, oq faço no dois dois seis seis')).toContain('2266');
    expect(words('abro o zero zero zero zero zero dois?')).toContain('000002');
    expect(words('zero zero zero zero vinte e nove')).toContain('000029');
    expect(words('semana um sem contato')).toEqual(['semana', 'um', 'sem', 'contato']);
    expect(words('as tres semanas')).toEqual(['as', 'tres', 'semanas']);
  });

  it('writes out plant, monit and prot, and reads "customizada" as the base\'s "personalizada"', () => {
    expect(words('plant de sabado')).toEqual(['plantao', 'de', 'sabado']);
    expect(words('monit do cli')).toEqual(['monitoramento', 'do', 'cliente']);
    expect(words('nfe customizada')).toEqual(['nfe', 'personalizada']);
  });
});
