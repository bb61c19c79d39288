import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../helpers/build.js';
import { Harness } from '../helpers/harness.js';

/**
 * The supervisors teach the assistant (issue 24), through the webhook and the page's routes on a
 * real Redis, the training in a real worker thread: a question it did not know is listed, taught
 * in the form, learned in the background, then answered when another agent asks it in other words.
 */

const AUTH = `Basic ${Buffer.from('supervisao:painel-secreto-1').toString('base64')}`;
const QUESTION = 'como peço reembolso do uber que peguei no plantao?';
const ANSWER = 'Lance o recibo no sistema de despesas até o dia 5 do mês seguinte, com a data do plantão; o financeiro reembolsa na folha.';

/** A form posted to the page with the supervisors' login, as a browser on `origin` sends it. */
const postForm = (app: FastifyInstance, url: string, form: Record<string, string>, origin = 'http://localhost:80') =>
  app.inject({ method: 'POST', url, headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded', origin, host: 'localhost:80' }, payload: new URLSearchParams(form).toString() });
const groupOf = (body: string) => /data-grupo="([0-9a-f]+)"/.exec(body)?.[1] ?? '';

describe('the supervisors teach the assistant', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await new Harness('2026-11-23T10:00:00-03:00', { SUPERVISOR_USER: 'supervisao', SUPERVISOR_PASSWORD: 'painel-secreto-1', ADMIN_USER: 'ops', ADMIN_PASSWORD: 'segredo-do-ops' }).start();
  });
  afterEach(async () => {
    await h.stop();
  });

  const page = async (url: string) => {
    const res = await h.app.inject({ method: 'GET', url, headers: { authorization: AUTH } });
    return { status: res.statusCode, body: res.body };
  };
  const post = (url: string, form: Record<string, string>) => postForm(h.app, url, form);
  const learned = async () => {
    const deadline = performance.now() + 60_000;
    for (;;) {
      const status = await h.app.learning.status();
      if (status && status.state !== 'training' && status.version === (await h.app.learning.store.version())) return status;
      if (performance.now() > deadline) throw new Error('the assistant did not finish learning in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('lists the unknown question, learns the answer taught in the form, answers it in other words, tells who asked, and undoes it', async () => {
    await h.agentSays(QUESTION);
    await h.agentSays('reembolso do uber do plantao, como faz?', 'ana.costa', 'Ana Costa');
    await h.idle();
    expect(h.lastToAgent()).toMatch(/Não sei|Essa eu não sei|Não encontrei/);

    const painel = await page('/painel');
    expect(painel.body).toContain('Perguntas sem resposta');
    const row = /<tr data-grupo="[^"]+">.*?<\/tr>/s.exec(painel.body)?.[0] ?? '';
    expect(row).toContain(QUESTION);
    expect(row).toMatch(/<td>2<\/td><td>2 \(/); // asked twice, by two agents: one group
    expect(row).toContain('“não sei”');

    const group = groupOf(painel.body);
    const form = await page(`/painel/perguntas/ensinar?grupo=${group}`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="resposta"');

    // Half a form: refused with its reasons, nothing saved.
    const bad = await post('/painel/perguntas/ensinar', { grupo: group, acao: 'nova', pergunta: QUESTION, resposta: 'curta', nome: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Diga seu nome');
    expect(bad.body).toContain('Escreva a resposta em português');
    expect(await h.app.learning.store.all()).toEqual([]);

    const ok = await post('/painel/perguntas/ensinar', { grupo: group, acao: 'nova', pergunta: 'Como peço reembolso de transporte do plantão?', resposta: ANSWER, etiquetas: 'plantão, reembolso, uber, táxi', nome: 'Sara Supervisora' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/painel?aviso=ensinado#perguntas');
    expect((await learned()).state).toBe('ready');
    await h.idle();

    // Both agents who asked are told once, in the bot chat.
    for (const login of ['joao.silva', 'ana.costa']) expect(h.toAgent(login).filter((m) => m.includes(ANSWER))).toHaveLength(1);

    // Another agent, in words the form never saw.
    await h.agentSays('onde lanço o recibo do taxi do plantao pra ser reembolsado?', 'pedro.alves', 'Pedro Alves');
    await h.idle();
    expect(h.lastToAgent('pedro.alves')).toContain(ANSWER);

    // The page: the question left the list; the teaching is listed with who wrote it; the audit has it.
    const after = await page('/painel?aviso=ensinado');
    expect(after.body).not.toContain(`<td>${QUESTION}`);
    expect(after.body).toContain('Ensinado. O assistente está aprendendo');
    expect(/<table id="ensinadas">.*?<\/table>/s.exec(after.body)?.[0]).toContain('Sara Supervisora');
    const [teaching] = await h.app.learning.store.all();
    const audit = await h.app.inject({ method: 'GET', url: '/admin/nlu/taught', headers: { authorization: `Basic ${Buffer.from('ops:segredo-do-ops').toString('base64')}` } });
    expect(audit.json()).toMatchObject({ audit: [{ action: 'taught', by: 'Sara Supervisora', teachingId: teaching?.id }] });
    const tsv = await h.app.inject({ method: 'GET', url: '/admin/nlu/taught?format=tsv', headers: { authorization: `Basic ${Buffer.from('ops:segredo-do-ops').toString('base64')}` } });
    expect(tsv.body).toContain(`faq.${teaching?.kind === 'entry' ? teaching.entry.id : ''}\t${QUESTION}`);

    // Undone from the page: the assistant forgets it, the question comes back to the list.
    const undo = await post('/painel/perguntas/desfazer', { id: teaching?.id ?? '', nome: 'Carla Gerente' });
    expect(undo.statusCode).toBe(303);
    expect((await learned()).state).toBe('ready');
    await h.agentSays('onde lanço o recibo do taxi do plantao pra ser reembolsado?', 'pedro.alves', 'Pedro Alves');
    await h.idle();
    expect(h.lastToAgent('pedro.alves')).not.toContain(ANSWER);
    expect((await page('/painel')).body).toMatch(/desfeito por Carla Gerente/);
    expect((await h.app.learning.store.audit()).map((a) => a.action)).toEqual(['undone', 'taught']);
    // Undone twice (found by an outside tester, 2026-12-07: the 404 spoke of a question): said as the teaching, nothing changes.
    const again = await post('/painel/perguntas/desfazer', { id: teaching?.id ?? '', nome: 'Carla Gerente' });
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('Esse ensinamento já foi desfeito');
    expect((await h.app.learning.store.audit()).map((a) => a.action)).toEqual(['undone', 'taught']);
  }, 120_000);

  // Found by an outside tester: a question taught as another way of asking an answer taught before was still
  // "não sei" (while its agent was told it was learned), and undoing that answer left the phrasing listed as in force.
  it('answers a phrasing taught on a taught answer, and undoing the answer undoes the phrasing with it', async () => {
    await h.agentSays(QUESTION);
    await h.idle();
    expect((await post('/painel/perguntas/ensinar', { grupo: groupOf((await page('/painel')).body), acao: 'nova', pergunta: 'Como peço reembolso de transporte do plantão?', resposta: ANSWER, etiquetas: 'uber', nome: 'Sara' })).statusCode).toBe(303);
    await learned();
    const [entry] = await h.app.learning.store.all();
    const entryId = entry?.kind === 'entry' ? entry.entry.id : '';

    const OTHER = 'o motorista de app q paguei no sobreaviso volta pra mim?';
    await h.agentSays(OTHER, 'ana.costa', 'Ana Costa');
    await h.idle();
    expect(h.lastToAgent('ana.costa')).not.toContain(ANSWER);
    expect((await post('/painel/perguntas/ensinar', { grupo: groupOf((await page('/painel')).body), acao: 'frase', entrada: entryId, nome: 'Sara' })).statusCode).toBe(303);
    await learned();
    await h.idle();
    expect(h.toAgent('ana.costa').filter((m) => m.includes(ANSWER))).toHaveLength(1); // told once
    await h.agentSays(OTHER, 'pedro.alves', 'Pedro Alves');
    await h.idle();
    expect(h.lastToAgent('pedro.alves')).toContain(ANSWER);
    expect(/<table id="ensinadas">.*?<\/table>/s.exec((await page('/painel')).body)?.[0]).toContain('nova forma de perguntar “Como peço reembolso de transporte do plantão?”');

    expect((await post('/painel/perguntas/desfazer', { id: entry?.id ?? '', nome: 'Carla' })).statusCode).toBe(303);
    await learned();
    expect((await h.app.learning.store.all()).map((t) => !!t.undone)).toEqual([true, true]);
    expect((await h.app.learning.store.audit()).map((a) => a.action)).toEqual(['undone', 'undone', 'taught', 'taught']);
    await h.agentSays(OTHER, 'pedro.alves', 'Pedro Alves');
    await h.idle();
    expect(h.lastToAgent('pedro.alves')).not.toContain(ANSWER);
    expect((await page('/painel')).body).not.toMatch(/nova forma de perguntar[^<]*<\/td>(?:(?!<\/tr>).)*Desfazer/s);
  }, 120_000);

  it('refuses a teaching posted from another site, and one for a question no longer listed', async () => {
    await h.agentSays(QUESTION);
    await h.idle();
    const group = groupOf((await page('/painel')).body);
    const cross = await postForm(h.app, '/painel/perguntas/ensinar', { grupo: group, acao: 'fora', nome: 'Sara' }, 'https://evil.example');
    expect(cross.statusCode).toBe(403);
    expect((await post('/painel/perguntas/ensinar', { grupo: 'ffffffffffff', acao: 'fora', nome: 'Sara' })).statusCode).toBe(404);
    expect(await h.app.learning.store.all()).toEqual([]);
  });

  // Found by an outside tester: two supervisors sending the form for the same question at once both taught it, opposite answers.
  it('takes one teaching when two supervisors send the same question at once; the second is told', async () => {
    await h.agentSays(QUESTION);
    await h.idle();
    const group = groupOf((await page('/painel')).body);
    const form = (nome: string, resposta: string) => ({ grupo: group, acao: 'nova', nome, pergunta: QUESTION, resposta, etiquetas: 'reembolso, uber' });
    const [a, b] = await Promise.all([post('/painel/perguntas/ensinar', form('Carla', ANSWER)), post('/painel/perguntas/ensinar', form('Marcos', 'Não é reembolsado: o plantão já paga o adicional, que cobre o transporte.'))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([303, 409]);
    expect((a.statusCode === 409 ? a : b).body).toContain('Outra pessoa acabou de ensinar esta pergunta');
    expect(await h.app.learning.store.all()).toHaveLength(1);
  });

  it('reaches every instance: one taught on this one is answered by another sharing the Redis', async () => {
    const other = await build({ config: h.config, clock: h.clock });
    try {
      await h.agentSays(QUESTION);
      await h.idle();
      const group = groupOf((await page('/painel')).body);
      expect((await post('/painel/perguntas/ensinar', { grupo: group, acao: 'nova', pergunta: 'Como peço reembolso de transporte do plantão?', resposta: ANSWER, etiquetas: 'reembolso, táxi', nome: 'Sara' })).statusCode).toBe(303);
      const deadline = performance.now() + 60_000;
      const read = () => other.language.nlu.faq('onde lanço o recibo do taxi do plantao pra ser reembolsado?');
      while (read().kind !== 'answer' && performance.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(read()).toMatchObject({ kind: 'answer', entry: { answer: ANSWER } });
    } finally {
      await other.close();
    }
  }, 120_000);
});

describe('a training that fails', () => {
  it('keeps the model in force and says why on the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlu-train-'));
    cpSync('data/nlu/train', dir, { recursive: true });
    const h = await new Harness('2026-11-23T10:00:00-03:00', { SUPERVISOR_USER: 'supervisao', SUPERVISOR_PASSWORD: 'painel-secreto-1', NLU_DATA_DIR: dir, NLU_MODEL_FILE: '' }).start();
    try {
      await h.agentSays(QUESTION);
      await h.idle();
      const before = h.app.language.nlu;
      // The training data breaks under the running bot (a bad line): the next training cannot read it.
      writeFileSync(join(dir, 'faq-broken.tsv'), 'faq.nao-existe\tuma pergunta\n');
      const painel = await h.app.inject({ method: 'GET', url: '/painel', headers: { authorization: AUTH } });
      const res = await postForm(h.app, '/painel/perguntas/ensinar', { grupo: groupOf(painel.body), acao: 'fora', nome: 'Sara' });
      expect(res.statusCode).toBe(303);
      const deadline = performance.now() + 60_000;
      while ((await h.app.learning.status())?.state !== 'failed' && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await h.app.learning.status()).toMatchObject({ state: 'failed', error: expect.stringContaining('faq-broken.tsv, line 1') });
      expect(h.app.language.nlu).toBe(before);
      const after = await h.app.inject({ method: 'GET', url: '/painel', headers: { authorization: AUTH } });
      expect(after.body).toContain('o treino falhou, e o assistente continua com o que sabia antes');
      expect(after.body).toContain('faq-broken.tsv, line 1');
    } finally {
      await h.stop();
    }
  }, 120_000);
});
