import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness.js';

/** GET /admin/nlu/unknown: what the bot did not know, behind the ops login, as JSON or TSV to label. */
describe('the learning loop', () => {
  let h: Harness;
  const auth = { authorization: `Basic ${Buffer.from('ops:segredo-do-ops').toString('base64')}` };
  beforeEach(async () => {
    h = await new Harness('2026-11-23T10:00:00-03:00', { ADMIN_USER: 'ops', ADMIN_PASSWORD: 'segredo-do-ops' }).start();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('lists the questions the bot could not answer, newest first, and exports them as TSV', async () => {
    await h.agentSays('qual a senha do wifi do escritorio?');
    await h.agentSays('quem ganhou o jogo ontem?');
    expect((await h.app.inject({ url: '/admin/nlu/unknown' })).statusCode).toBe(401);
    const json = await h.app.inject({ url: '/admin/nlu/unknown', headers: auth });
    expect(json.statusCode).toBe(200);
    const body = json.json<{ count: number; items: { question: string; kind: string; guesses: { label: string }[] }[] }>();
    expect(body.items.map((i) => i.question)).toEqual(['quem ganhou o jogo ontem?', 'qual a senha do wifi do escritorio?']);
    expect(body.items[0]?.kind).toBe('unknown');
    expect(body.items[0]?.guesses.length).toBeGreaterThan(0);
    // nlp.js's own "None" is no label of ours (the tester saw both "None:0.002" and "none").
    expect(body.items.flatMap((i) => i.guesses.map((g) => g.label))).not.toContain('None');
    const tsv = await h.app.inject({ url: '/admin/nlu/unknown?format=tsv', headers: auth });
    expect(tsv.headers['content-type']).toMatch(/tab-separated-values/);
    const lines = tsv.body.trim().split('\n');
    expect(lines[0]).toMatch(/^# label/);
    expect(lines.slice(1).map((l) => l.split('\t')[1])).toEqual(['quem ganhou o jogo ontem?', 'qual a senha do wifi do escritorio?']);
    expect(lines.slice(1).every((l) => l.split('\t').length === 7)).toBe(true);
  });
});
