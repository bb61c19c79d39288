import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../src/util/hash.js';
import { readJson, readJsonObject } from '../../src/util/json.js';

describe('fnv1a', () => {
  it("is FNV-1a's 32-bit value (the published test vectors), so partitions and wordings never move", () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
});

describe('readJson', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['[1,2]', [1, 2]],
    ['null', null],
    ['', undefined],
    ['{"a":', undefined],
    ['<html>bad gateway</html>', undefined],
  ])('%j → %j', (text, value) => {
    expect(readJson(text)).toEqual(value);
  });

  it('readJsonObject takes objects only', () => {
    expect(readJsonObject('{"id":"msg_1"}')).toEqual({ id: 'msg_1' });
    for (const text of ['[1]', '"text"', '42', 'null', '', 'oops']) expect(readJsonObject(text)).toBeUndefined();
  });
});
