import formBody from '@fastify/formbody';
import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import { indicators, indicatorsCsv, periodRange, PERIODS, type Period } from '../painel/indicators.js';
import { filterRows, monitoringRows, rowsCsv, ROW_STATES, type RowFilter } from '../painel/monitorings.js';
import { renderPainel } from '../painel/page.js';
import { flagsCsv, plantaoCsv, plantaoView } from '../painel/plantao.js';
import { agentStates, qaState } from '../store/scan-states.js';
import { requireLogin } from './login.js';
import { noticeOf, questionRoutes, questionsHtml } from './painel-questions.js';

/**
 * `/painel`: the supervisors' page (issue 14), behind its own Basic-auth login
 * (`SUPERVISOR_USER`/`SUPERVISOR_PASSWORD`, never the ops one), in its own scope. The figures are
 * read at each request from the agents' streams (monitorings, indicators) and from `ops:qa` (the
 * plantão) in Redis; off when no login is set. One scope, one login hook; the teaching routes
 * (`painel-questions.ts`) live inside it.
 */

const pick = (value: unknown, allowed?: readonly string[]): string | undefined =>
  typeof value === 'string' && value !== '' && (!allowed || allowed.includes(value)) ? value : undefined;

/** The filters of the address whose value the page does not know, said to the supervisor (the page shows every state, or the month). */
function unknownChoices(query: Record<string, unknown>): string[] {
  const said: string[] = [];
  if (typeof query.estado === 'string' && query.estado !== '' && !pick(query.estado, ROW_STATES)) said.push(`O estado “${query.estado}” não existe: mostrando todos os estados.`);
  if (typeof query.periodo === 'string' && query.periodo !== '' && !pick(query.periodo, PERIODS)) said.push(`O período “${query.periodo}” não existe: mostrando o mês.`);
  return said;
}

export default fp(
  async (app) => {
    const login = app.config.settings.supervisor;
    if (!login) {
      app.log.warn('the supervisors page is off: set SUPERVISOR_USER and SUPERVISOR_PASSWORD to open /painel');
      return;
    }
    await requireLogin(app, 'karoo-bot painel', login);
    // The teaching form posts application/x-www-form-urlencoded (it works without JavaScript).
    await app.register(formBody, { bodyLimit: 16 * 1024 });
    questionRoutes(app);

    // What every route reads: the agents' states, the clock, the calendar and the query's choices.
    const read = async (query: Record<string, unknown>) => {
      const now = app.clock.now();
      const { calendar } = app.flowContext.current();
      const filter: RowFilter = { agent: pick(query.agente), state: pick(query.estado, ROW_STATES) };
      const period = (pick(query.periodo, PERIODS) ?? 'mes') as Period;
      return { states: await agentStates(app.redis.request, app.redis.keys), now, calendar, filter, period, range: periodRange(period, now, calendar) };
    };

    // The plantão chosen in the query (`plantao=YYYY-MM-DD`, the day of its report), else the latest.
    const readPlantao = async (query: Record<string, unknown>) => {
      const { calendar, roster, qa } = app.flowContext.current();
      return plantaoView(await qaState(app.redis.request, app.redis.keys), pick(query.plantao), qa, calendar, roster);
    };
    const csvReply = (reply: FastifyReply, name: string, body: string) =>
      reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}.csv"`).send(`\uFEFF${body}`);

    // An export for a plantão that is not on record says so; it is never another plantão's file.
    const noPlantao = (reply: FastifyReply, day: string) =>
      reply.code(404).type('text/plain; charset=utf-8').send(`Nenhum plantão registrado com o dia "${day}". Os dias registrados estão na lista do painel (seção Plantão).`);

    app.get<{ Querystring: Record<string, string> }>('/painel/plantao.csv', async (request, reply) => {
      const { current, notFound } = await readPlantao(request.query);
      if (notFound !== undefined) return noPlantao(reply, notFound);
      return csvReply(reply, `plantao-${current?.day ?? 'vazio'}`, plantaoCsv(current?.summary ?? null));
    });

    app.get<{ Querystring: Record<string, string> }>('/painel/alertas.csv', async (request, reply) => {
      const { current, notFound } = await readPlantao(request.query);
      if (notFound !== undefined) return noPlantao(reply, notFound);
      return csvReply(reply, `plantao-alertas-${current?.day ?? 'vazio'}`, flagsCsv(current?.summary.flags ?? []));
    });

    app.get<{ Querystring: Record<string, string> }>('/painel', async (request, reply) => {
      const { states, now, calendar, filter, period, range } = await read(request.query);
      const plantao = await readPlantao(request.query);
      const all = monitoringRows(states, now, calendar);
      const rows = filterRows(all, filter);
      const byAgent = indicators(states, range, calendar);
      const agents = [...new Map(all.map((r) => [r.implanterLogin, { login: r.implanterLogin, name: r.implanter }])).values()].sort((a, b) => a.name.localeCompare(b.name));
      const totals = Object.fromEntries(ROW_STATES.map((s) => [s, all.filter((r) => r.state === s).length]));
      const questions = await questionsHtml(app, noticeOf(request.query.aviso));
      const ignored = unknownChoices(request.query);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPainel({ rows, agents, filter, readAt: calendar.describe(now), totals, indicators: { period, label: range.label, rows: byAgent }, plantao, questions, ignored }));
    });

    app.get<{ Querystring: Record<string, string> }>('/painel/monitoramentos.csv', async (request, reply) => {
      const { states, now, calendar, filter } = await read(request.query);
      const rows = filterRows(monitoringRows(states, now, calendar), filter);
      return csvReply(reply, `monitoramentos-${calendar.localDate(now)}`, rowsCsv(rows));
    });

    app.get<{ Querystring: Record<string, string> }>('/painel/indicadores.csv', async (request, reply) => {
      const { states, now, calendar, period, range } = await read(request.query);
      const byAgent = indicators(states, range, calendar);
      return csvReply(reply, `indicadores-${period}-${calendar.localDate(now)}`, indicatorsCsv(byAgent));
    });
  },
  { name: 'routes-painel', fastify: '5.x', encapsulate: true, dependencies: ['redis', 'flow-context', 'security', 'language', 'learning'] },
);
