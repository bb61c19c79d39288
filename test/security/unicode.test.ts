import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentState } from '../../src/flows/agent-state.js';
import { truncate, wellFormed } from '../../src/util/text.js';
import { makeEvent } from '../helpers/build.js';
import { Harness } from '../helpers/harness.js';
import { PLANTAO_ROSTER } from '../helpers/plantao-roster.js';

/**
 * Text nobody here typed (issue 22): half an emoji (a lone surrogate), emoji at every cut, RTL
 * marks, NULs, in names and messages, through the webhook and the flows on real Redis. Every
 * conversation still answers, the states stay readable by Redis's own JSON decoder, and every
 * erasure succeeds.
 */

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const nasty = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('\uD83D', '\uDE00', '😀', '\u200F', '\u202E', '\u0000', 'ا', '👩‍👩‍👧'.slice(0, 3), ' '.repeat(7), '\n')), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join('').slice(0, 190));

let h: Harness;
const OPS = { authorization: `Basic ${Buffer.from('ops:ops-secreto-longo').toString('base64')}` };
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'unicode-'));
  writeFileSync(join(dir, 'escala.yaml'), PLANTAO_ROSTER);
  h = await new Harness('2026-11-21T10:00:00-03:00', { ROSTER_FILE: join(dir, 'escala.yaml'), ADMIN_USER: 'ops', ADMIN_PASSWORD: 'ops-secreto-longo' }).start();
}, 60_000);
afterAll(async () => {
  await h.stop();
});

describe('text from outside, whatever it holds', () => {
  it('is cut by whole characters, and made well-formed where it enters', () => {
    fc.assert(
      fc.property(nasty, fc.integer({ min: 2, max: 40 }), (text, max) => {
        expect(wellFormed(text)).not.toMatch(LONE);
        expect(wellFormed(text)).not.toContain('\u0000');
        const cut = truncate(wellFormed(text), max);
        expect(cut).not.toMatch(LONE);
        expect(Array.from(cut).length).toBeLessThanOrEqual(max);
      }),
    );
    expect(truncate('ab😀😀', 3)).toBe('ab…');
  });

  it('never breaks a conversation: an agent named with half an emoji is answered every time; a customer so named gets the plantão; each is erased', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (name, text) => {
        run += 1;
        const login = `agente.${run}`;
        // An agent, twice: each message gets its answer.
        for (const words of [`ajuda ${text}`, 'meus monitoramentos']) {
          const event = makeEvent({ chatId: `ch_agent_${login}`, department: 'bot', kind: 'agent', login, text: words });
          (event.chat as { contact: { name: string } }).contact.name = name;
          const before = h.toAgent(login).length;
          await h.post(event);
          await h.idle();
          expect(h.toAgent(login).length, JSON.stringify({ name, words })).toBeGreaterThan(before);
        }
        // Redis's own JSON decoder reads the state (the scripts no longer need to, but nothing written is half a character).
        const decoded = await h.app.redis.request.eval("return cjson.decode(redis.call('GET', KEYS[1])).kind", 1, h.app.redis.keys.state(`agent:${login}`));
        expect(decoded).toBe('agent');
        const state = JSON.parse((await h.app.redis.request.get(h.app.redis.keys.state(`agent:${login}`))) ?? '{}') as AgentState;
        expect(state.name ?? '').not.toMatch(LONE);

        // A customer on the Saturday plantão: the message is taken, and the check-in comes 30 minutes later.
        const chatId = `ch_cli_${run}`;
        const phone = `+55119${String(10_000_000 + run).padStart(8, '0')}`;
        await h.chatSays(chatId, text || '?', { name, phone, department: 'suporte' });
        const clock = h.clock.now();
        await h.advanceTo(new Date(clock.getTime() + 30 * 60_000).toISOString());
        expect(h.karoo.inChat(chatId).length, JSON.stringify({ name, text })).toBeGreaterThan(0);
        await h.advanceTo(new Date(clock.getTime() + 31 * 60_000).toISOString());
        const erased = await h.app.inject({ method: 'POST', url: '/admin/privacy/erase', headers: OPS, payload: { phone } });
        expect(erased.statusCode).toBe(200);
        expect(erased.json()).toMatchObject({ erased: { chats: 1 } });
      }),
      { numRuns: 12, seed: 22, examples: [['Ana \uD83D', 'oi \uDE00 tudo bem \u202E']] },
    );
  }, 120_000);
});
