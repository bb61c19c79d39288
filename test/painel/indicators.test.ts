import { describe, expect, it } from 'vitest';
import { indicators, indicatorsCsv, periodRange, share, totalOf } from '../../src/painel/indicators.js';
import { flowContext } from '../helpers/monitoring.js';
import { SEED_NOW, seededMonth } from '../helpers/painel-seed.js';

const { calendar } = flowContext();

describe("the routine's indicators", () => {
  it('takes the week (Monday to Sunday) and the month of now, in São Paulo time', () => {
    const week = periodRange('semana', SEED_NOW, calendar);
    expect([week.from.toISOString(), week.to.toISOString(), week.label]).toEqual(['2026-11-23T03:00:00.000Z', '2026-11-30T03:00:00.000Z', 'semana de 23/11/2026 a 29/11/2026']);
    const month = periodRange('mes', SEED_NOW, calendar);
    expect([month.from.toISOString(), month.to.toISOString(), month.label]).toEqual(['2026-11-01T03:00:00.000Z', '2026-12-01T03:00:00.000Z', 'novembro de 2026']);
    expect(periodRange('mes', new Date('2026-12-31T23:00:00Z'), calendar).to.toISOString()).toBe('2027-01-01T03:00:00.000Z');
  });

  // Found by an outside tester: on 04/01 December's tickets could no longer be seen on the page.
  it('takes the week and the month before, across the year', () => {
    const week = periodRange('semana-passada', SEED_NOW, calendar);
    expect([week.from.toISOString(), week.to.toISOString(), week.label]).toEqual(['2026-11-16T03:00:00.000Z', '2026-11-23T03:00:00.000Z', 'semana de 16/11/2026 a 22/11/2026']);
    const january = new Date('2027-01-04T12:00:00Z');
    const month = periodRange('mes-passado', january, calendar);
    expect([month.from.toISOString(), month.to.toISOString(), month.label]).toEqual(['2026-12-01T03:00:00.000Z', '2027-01-01T03:00:00.000Z', 'dezembro de 2026']);
    expect(periodRange('semana-passada', january, calendar).label).toBe('semana de 28/12/2026 a 03/01/2027');
  });

  it('counts per implanter over the month: 2266 opened, specific tickets by code, week 1 with the salesperson, cycles on time', () => {
    const rows = indicators(seededMonth(), periodRange('mes', SEED_NOW, calendar), calendar);
    expect(rows).toEqual([
      { login: 'ana.souza', name: 'Ana Souza', opened: 3, byCode: { '000001': 1, '000002': 1, '000003': 0, '000025': 1, '000029': 2 }, week1: 3, week1ToSeller: 1, finished: 1, finishedOnTime: 1 },
      { login: 'joao.silva', name: 'João Silva', opened: 2, byCode: { '000001': 0, '000002': 0, '000003': 0, '000025': 0, '000029': 1 }, week1: 1, week1ToSeller: 0, finished: 0, finishedOnTime: 0 },
    ]);
    expect(totalOf(rows)).toMatchObject({ opened: 5, week1: 4, week1ToSeller: 1 });
    expect(share(1, 4)).toBe('1 de 4 (25%)');
    expect(share(0, 0)).toBe('—');
  });

  it('counts over the week only what happened in it', () => {
    const rows = indicators(seededMonth(), periodRange('semana', SEED_NOW, calendar), calendar);
    expect(rows.map((r) => [r.login, r.opened, r.byCode['000002'], r.finished, r.finishedOnTime])).toEqual([
      ['ana.souza', 0, 1, 1, 1],
      ['joao.silva', 0, 0, 0, 0],
    ]);
  });

  it('counts a cycle whose week was recorded late as finished, not on time', () => {
    const states = seededMonth();
    const loja = Object.values(states[1]?.monitorings ?? {}).find((m) => m.customer.code === '000321');
    if (loja?.weeks[2]) loja.weeks[2].at = '2026-11-18T21:01:00.000Z'; // due 16/11: the end of 17/11 had passed
    const [ana] = indicators(states, periodRange('mes', SEED_NOW, calendar), calendar);
    expect([ana?.finished, ana?.finishedOnTime]).toEqual([1, 0]);
  });

  // Found by an outside tester: the customer did not answer, the bot asked the implanter at the end of the window
  // (Tuesday 18:00), the week was recorded six seconds later, and the cycle was counted late.
  it('gives the implanter the business day after the customer\'s window: recorded right after the check-in is on time, the day after that is late', () => {
    const states = seededMonth();
    const loja = Object.values(states[1]?.monitorings ?? {}).find((m) => m.customer.code === '000321');
    if (loja?.weeks[2]) loja.weeks[2].at = '2026-11-17T21:00:06.000Z'; // due Monday 16/11; the window closed Tuesday 17/11 at 18:00
    expect(indicators(states, periodRange('mes', SEED_NOW, calendar), calendar)[0]?.finishedOnTime).toBe(1);
    if (loja?.weeks[2]) loja.weeks[2].at = '2026-11-19T12:00:00.000Z'; // Thursday
    expect(indicators(states, periodRange('mes', SEED_NOW, calendar), calendar)[0]?.finishedOnTime).toBe(0);
  });

  it('exports the table with its total as CSV', () => {
    const csv = indicatorsCsv(indicators(seededMonth(), periodRange('mes', SEED_NOW, calendar), calendar)).split('\r\n');
    expect(csv[0]).toBe('Implantador;Login;2266 abertos;000001;000002;000003;000025;000029;Semana 1 com o vendedor;Ciclos concluídos no prazo');
    expect(csv[1]).toBe('Ana Souza;ana.souza;3;1;1;0;1;2;1 de 3 (33%);1 de 1 (100%)');
    expect(csv[3]).toBe('Total;;5;1;1;0;1;3;1 de 4 (25%);1 de 1 (100%)');
  });
});
