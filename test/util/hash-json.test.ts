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

  it('makes every string well-formed, escaped or raw, and keys too; leaves whole emoji and plain text as they are', () => {
    expect(readJson('{"name":"Ana \\ud83d"}')).toEqual({ name: 'Ana \uFFFD' });
    expect(readJson('{"name":"\\uDE00 Ana"}')).toEqual({ name: '\uFFFD Ana' });
    expect(readJson('{"name":"Ana \uD83D"}')).toEqual({ name: 'Ana \uFFFD' });
    expect(readJson('{"na\\ud83dme":["x\\u0000y"]}')).toEqual({ 'na\uFFFDme': ['xy'] });
    expect(readJson('{"text":"👍🏽 ação \\ud83d\\udc4d"}')).toEqual({ text: '👍🏽 ação 👍' });
    const plain = '{"id":"evt_1","chat":{"contact":{"name":"José","phone":"+55 21 99999-0001"}},"list":[1,true,null]}';
    expect(readJson(plain)).toEqual(JSON.parse(plain));
  });

  it('readJsonObject takes objects only', () => {
    expect(readJsonObject('{"id":"msg_1"}')).toEqual({ id: 'msg_1' });
    for (const text of ['[1]', '"text"', '42', 'null', '', 'oops']) expect(readJsonObject(text)).toBeUndefined();
  });
});
