import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { build } from '../helpers/build.js';
import { SEED_NOW, seed } from '../helpers/painel-seed.js';
import { seedWeekend } from '../helpers/plantao-seed.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const SUPERVISOR = basic('supervisao', 'painel-secreto');


describe('GET /painel', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await build({ env: { SUPERVISOR_USER: 'supervisao', SUPERVISOR_PASSWORD: 'painel-secreto', ADMIN_USER: 'ops', ADMIN_PASSWORD: 'ops-secreto-longo' }, clock: new ManualClock(SEED_NOW.toISOString()) });
    await seed(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it('refuses a request without the supervisor login, and the ops login too', async () => {
    for (const headers of [{}, { authorization: basic('ops', 'ops-secreto-longo') }, { authorization: basic('supervisao', 'errada') }]) {
      for (const url of ['/painel', '/painel/monitoramentos.csv', '/painel/indicadores.csv', '/painel/plantao.csv', '/painel/alertas.csv']) {
        const res = await app.inject({ url, headers });
        expect(res.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.body).not.toContain('Mercado');
      }
    }
  });

  it('shows every monitoring, late first, with the counts by state, and filters', async () => {
    const res = await app.inject({ url: '/painel', headers: { authorization: SUPERVISOR } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const rows = [...res.body.matchAll(/<tr data-state="([^"]+)"><td>([^<]+)</g)].map((m) => [m[2], m[1]]);
    expect(rows).toEqual([
      ['Mercado Bom Preço', 'atrasado'],
      ['Posto Estrela', 'no prazo'],
      ['Padaria Pão Quente', 'no prazo'],
      ['Farmácia Vida', 'com o vendedor'],
      ['Loja das Tintas', 'aguardando a supervisão'],
    ]);
    expect(res.body).toContain('<div><b>1</b>atrasado</div>');
    expect(res.body).not.toContain('<script');
    const filtered = await app.inject({ url: '/painel?agente=ana.souza&estado=no%20prazo', headers: { authorization: SUPERVISOR } });
    expect([...filtered.body.matchAll(/<tr data-state="[^"]+"><td>([^<]+)</g)].map((m) => m[1])).toEqual(['Posto Estrela']);
    expect(filtered.body).toContain('href="/painel/monitoramentos.csv?agente=ana.souza&amp;estado=no+prazo"');
  });

  it('exports as CSV the rows the page shows, with the same filters', async () => {
    const page = await app.inject({ url: '/painel?estado=no%20prazo', headers: { authorization: SUPERVISOR } });
    const csv = await app.inject({ url: '/painel/monitoramentos.csv?estado=no%20prazo', headers: { authorization: SUPERVISOR } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('monitoramentos-2026-11-26.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const onPage = [...page.body.matchAll(/<tr data-state="([^"]+)"><td>([^<]+)<br><small>(\d+)/g)].map((m) => `${m[2]};${m[3]}`);
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 2).join(';'))).toEqual(onPage);
    expect(onPage).toEqual(['Posto Estrela;000654', 'Padaria Pão Quente;000123']);
  });

  it('ignores a state that is not one of the four', async () => {
    const res = await app.inject({ url: '/painel?estado=<script>', headers: { authorization: SUPERVISOR } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>');
    expect([...res.body.matchAll(/<tr data-state=/g)]).toHaveLength(5);
  });
});

describe('GET /painel, the indicators', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await build({ env: { SUPERVISOR_USER: 'supervisao', SUPERVISOR_PASSWORD: 'painel-secreto' }, clock: new ManualClock(SEED_NOW.toISOString()) });
    await seed(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it('shows the month by default and the week on request, with a chart and the CSV of the same figures', async () => {
    const month = await app.inject({ url: '/painel', headers: { authorization: SUPERVISOR } });
    expect(month.body).toContain('Indicadores — novembro de 2026');
    expect(month.body).toMatch(/<tr><td>Ana Souza<\/td><td>3<\/td><td>1<\/td><td>1<\/td><td>0<\/td><td>1<\/td><td>2<\/td><td>1 de 3 \(33%\)<\/td><td>1 de 1 \(100%\)<\/td><\/tr>/);
    expect(month.body).toContain('<svg role="img" aria-label="Atendimentos específicos por código"');
    const week = await app.inject({ url: '/painel?periodo=semana', headers: { authorization: SUPERVISOR } });
    expect(week.body).toContain('Indicadores — semana de 23/11/2026 a 29/11/2026');
    const csv = await app.inject({ url: '/painel/indicadores.csv?periodo=mes', headers: { authorization: SUPERVISOR } });
    expect(csv.headers['content-disposition']).toContain('indicadores-mes-2026-11-26.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[1]).toBe('Ana Souza;ana.souza;3;1;1;0;1;2;1 de 3 (33%);1 de 1 (100%)');
    expect(lines.at(-1)).toBe('Total;;5;1;1;0;1;3;1 de 4 (25%);1 de 1 (100%)');
    expect((await app.inject({ url: '/painel/indicadores.csv' })).statusCode).toBe(401);
  });
});

describe('GET /painel, the plantão', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await build({ env: { SUPERVISOR_USER: 'supervisao', SUPERVISOR_PASSWORD: 'painel-secreto' }, clock: new ManualClock(SEED_NOW.toISOString()) });
  });
  afterEach(async () => {
    await app.close();
  });
  const get = (url: string) => app.inject({ url, headers: { authorization: SUPERVISOR } });
  const cells = (row: string) => [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((m) => (m[1] ?? '').replace(/<br><small>.*?<\/small>/, '').replace(/<[^>]+>/g, ''));

  it('says there is no plantão yet, and the CSV holds only its header', async () => {
    expect((await get('/painel')).body).toContain('Nenhum plantão registrado ainda');
    const csv = await get('/painel/plantao.csv');
    expect(csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);
  });

  it("shows the seeded weekend per shift and technician, its QA flags and the report's status, and the CSVs match the page", async () => {
    await seedWeekend(app);
    const page = (await get('/painel')).body;
    expect(page).toContain('Plantão — sábado, 21/11 e domingo, 22/11');
    const section = page.slice(page.indexOf('<section id="plantao">'));
    const body = section.slice(section.indexOf('<tbody>'), section.indexOf('</tbody>'));
    const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => cells(m[1] ?? ''));
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['sábado, 21/11, 08:00–18:00', 'Diego Rocha', '4', '3 min', '40 min'],
      ['sábado, 21/11, 08:00–18:00', 'Eva Martins', '1', '4 min', '4 min'],
      ['sábado, 21/11, 08:00–18:00', 'Sem técnico (só o bot)', '1', '—', '0 min'],
      ['domingo, 22/11, 08:00–12:00', 'Eva Martins', '1', '6 min', '6 min'],
      ['domingo, 22/11, 08:00–12:00', 'Sem técnico (só o bot)', '1', '—', '60 min'],
    ]);
    expect(section).toContain('para Bruno Costa');
    const flags = [...section.matchAll(/<tr data-kind="([^"]+)">(.*?)<\/tr>/g)].map((m) => [m[1], cells(m[2] ?? '')[1]]);
    expect(flags).toEqual([
      ['frases-padrao', '102, 103, 104'],
      ['tempo-parado', '101'],
      ['tempo-parado', '106'],
      ['sem-horario', '103'],
      ['ligacoes', '104'],
      ['treinamento', '105'],
      ['sem-resposta', '106'],
    ]);
    expect(section).toContain('Relatório de QA enviado a Quitéria Alves em segunda-feira, 23/11 às 08:00');

    const csv = await get('/painel/plantao.csv?plantao=2026-11-23');
    expect(csv.headers['content-disposition']).toContain('plantao-2026-11-23.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';'));
    expect(lines.slice(1, -1).map((l) => [l[0], l[1], l[3], l[4], l[5]])).toEqual(rows.map((r) => [r[0], r[1], r[2], r[3]?.replace(/ min|—/g, ''), r[4]?.replace(' min', '')]));
    expect(lines.at(-1)?.slice(0, 4)).toEqual(['Total', '2 técnicos', '', '8']);
    const alerts = (await get('/painel/alertas.csv?plantao=2026-11-23')).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(alerts.slice(1).map((l) => l.split(';')[1])).toEqual(flags.map((f) => f[1]));
    expect(alerts[1]).toMatch(/^Frase padrão colada;102, 103, 104;Diego Rocha;o mesmo texto em 3 chats/);
  });

  // Found by an outside tester: ?plantao=1999-01-01 (or a weekend with no chats) showed the latest plantão with no word,
  // its CSV was downloaded as another day's, and ?estado=xyz was dropped in silence.
  it('says that no plantão is on record for the day asked, and which filters it does not know', async () => {
    await seedWeekend(app);
    for (const day of ['1999-01-01', '2026-13-45', '<b>x</b>']) {
      const page = (await get(`/painel?plantao=${encodeURIComponent(day)}`)).body;
      const section = page.slice(page.indexOf('<section id="plantao">'));
      expect(section).toContain('Nenhum plantão registrado com o dia');
      expect(section).not.toContain('Plantão — sábado, 21/11');
      expect(section).toContain('<option value="2026-11-23">');
      expect(page).not.toContain('<b>x</b>');
      for (const csv of ['plantao', 'alertas']) expect((await get(`/painel/${csv}.csv?plantao=${encodeURIComponent(day)}`)).statusCode).toBe(404);
    }
    const page = (await get('/painel?estado=xyz&periodo=ano')).body;
    expect(page).toContain('O estado “xyz” não existe');
    expect(page).toContain('O período “ano” não existe');
    expect((await get('/painel')).body).not.toContain('filtros-ignorados');
  });
});

describe('GET /painel without a supervisor login configured', () => {
  it('is not there', async () => {
    const app = await build();
    try {
      expect((await app.inject({ url: '/painel', headers: { authorization: SUPERVISOR } })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
