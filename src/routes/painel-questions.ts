import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Teaching } from '../domain/teaching.js';
import { groupQuestions, type QuestionGroup } from '../painel/questions.js';
import { questionsSection, renderTeachPage } from '../painel/questions-page.js';
import { readTeachForm, teachValues, type TeachValues } from '../painel/teach-form.js';
import { readUnanswered } from '../store/unanswered.js';

/**
 * The routes of `/painel` § Perguntas sem resposta (issue 24), inside the supervisors' scope (its
 * login): the teaching form (GET, then a same-origin POST that saves the teaching whole and starts
 * the learning at once) and the undo. The section itself is rendered on `/painel`
 * (`questionsHtml`).
 */

async function groups(app: FastifyInstance, teachings: Teaching[]): Promise<QuestionGroup[]> {
  return groupQuestions(await readUnanswered(app.redis.request, app.redis.keys, 1000), teachings);
}

/** The section for `/painel`, with an optional notice (after a teaching or an undo). */
export async function questionsHtml(app: FastifyInstance, notice?: string): Promise<string> {
  const teachings = await app.learning.store.all();
  const { calendar } = app.flowContext.current();
  return questionsSection({
    groups: await groups(app, teachings),
    teachings,
    status: await app.learning.status(),
    entries: new Map(app.language.faq.entries().map((e) => [e.id, e])),
    when: (iso) => (iso ? calendar.describe(new Date(iso)) : '—'),
    ...(notice ? { notice } : {}),
  });
}

const NOTICES: Record<string, string> = {
  ensinado: 'Ensinado. O assistente está aprendendo em segundo plano e avisa quem perguntou assim que souber.',
  desfeito: 'Desfeito. O assistente volta a responder como antes assim que terminar de treinar.',
};
export const noticeOf = (value: unknown): string | undefined => (typeof value === 'string' ? NOTICES[value] : undefined);

/** Registered inside the painel's scope (`routes/painel.ts`): its login guards them. */
export function questionRoutes(app: FastifyInstance): void {
  const sameOrigin = { onRequest: app.security.sameOrigin };
  const entries = () => [...app.language.faq.entries()].sort((a, b) => a.question.localeCompare(b.question));
  const taughtMeanwhile = '<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Pergunta já ensinada</title><p>Outra pessoa acabou de ensinar esta pergunta, e a resposta dela está valendo. Confira no painel e, se for preciso, desfaça e ensine de novo. <a href="/painel#perguntas">Voltar ao painel</a>.</p></html>';
  const alreadyUndone =
    '<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Ensinamento não encontrado</title><p>Esse ensinamento já foi desfeito (ou não existe mais); nada mudou. <a href="/painel#perguntas">Voltar ao painel</a>.</p></html>';
  const gone = '<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Pergunta não encontrada</title><p>Essa pergunta não está mais na lista (já foi ensinada, ou saiu do histórico). <a href="/painel#perguntas">Voltar ao painel</a>.</p></html>';

  app.get<{ Querystring: { grupo?: string } }>('/painel/perguntas/ensinar', async (request, reply) => {
    const group = (await groups(app, await app.learning.store.all())).find((g) => g.id === request.query.grupo);
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (!group) return reply.code(404).send(gone);
    const values: TeachValues = { grupo: group.id, nome: '', acao: '', entrada: '', pergunta: group.question, resposta: '', etiquetas: '' };
    return reply.send(renderTeachPage({ group, entries: entries(), values, errors: {} }));
  });

  app.post<{ Body: unknown }>('/painel/perguntas/ensinar', sameOrigin, async (request, reply) => {
    const values = teachValues(request.body);
    const teachings = await app.learning.store.all();
    const group = (await groups(app, teachings)).find((g) => g.id === values.grupo);
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (!group) return reply.code(404).send(gone);
    // A new entry's id is none in use, nor one an entry replaced (labelled data may still name it).
    const taken = new Set([...app.language.knowledgeBase.current().flatMap((e) => [e.id, ...e.replaces]), ...teachings.flatMap((t) => (t.kind === 'entry' ? [t.entry.id] : []))]);
    const known = new Set(entries().map((e) => e.id));
    const form = readTeachForm(values, values.acao === 'nova' ? taken : known);
    if (!form.ok) return reply.code(400).send(renderTeachPage({ group, entries: entries(), values, errors: form.errors }));
    const teaching: Teaching = {
      ...form.change,
      id: randomUUID(),
      at: app.clock.now().toISOString(),
      by: form.name,
      questions: group.questions,
      askedBy: group.askedBy.map(({ login, question }) => ({ login, question })),
    };
    // Two supervisors sending the same group at once: the first teaches it, the second is told (never two answers for one question).
    if (!(await app.learning.store.claimGroup(group.id, teaching.id))) return reply.code(409).send(taughtMeanwhile);
    const what = form.change.kind === 'entry' ? `nova resposta “${form.change.entry.question}”` : form.change.kind === 'phrasing' ? `${group.questions.length} forma(s) de perguntar em “${form.change.entryId}”` : 'fora do escopo';
    await app.learning.store.add(teaching, what);
    request.log.info({ teaching: teaching.id, kind: teaching.kind, by: teaching.by }, 'a supervisor taught the assistant');
    void app.learning.refresh();
    return reply.code(303).header('location', '/painel?aviso=ensinado#perguntas').send();
  });

  app.post<{ Body: unknown }>('/painel/perguntas/desfazer', sameOrigin, async (request, reply) => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const id = typeof body.id === 'string' ? body.id : '';
    const name = teachValues(body).nome;
    if (Array.from(name).length < 2) return reply.code(400).type('text/html; charset=utf-8').send('<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Falta o nome</title><p>Diga seu nome para desfazer: ele fica registrado. <a href="/painel#perguntas">Voltar ao painel</a>.</p></html>');
    const undone = await app.learning.store.undo(id, name, app.clock.now().toISOString(), 'desfeito');
    if (undone === null) return reply.code(404).type('text/html; charset=utf-8').send(alreadyUndone);
    request.log.info({ teaching: id, by: name }, 'a supervisor undid a teaching');
    void app.learning.refresh();
    return reply.code(303).header('location', '/painel?aviso=desfeito#perguntas').send();
  });
}
