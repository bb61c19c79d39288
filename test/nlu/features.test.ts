import { describe, expect, it } from 'vitest';
import { stems, stemsOnce } from '../../src/nlu/features.js';

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
