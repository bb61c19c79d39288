import { csv } from './csv.js';
import { weekDeadline } from './monitorings.js';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { AgentState } from '../flows/agent-state.js';
import { DEMAND_CODES, type Monitoring, type WeekNo } from '../flows/monitoring/model.js';

/**
 * The routine's indicators per implanter and period (issue 14, "Indicadores"), from the
 * monitorings in the agents' states: the 2266 opened (proactivity), the specific tickets by code
 * (technical productivity), the share of week-1 cycles handed to the salesperson, and the cycles
 * finished on time. Dates are read in the business time zone. Pure.
 */

export type Period = 'semana' | 'semana-passada' | 'mes' | 'mes-passado';
export const PERIODS: readonly Period[] = ['semana', 'semana-passada', 'mes', 'mes-passado'];
/** How the page names each period in its choice. */
export const PERIOD_LABELS: Record<Period, string> = { semana: 'esta semana', 'semana-passada': 'semana passada', mes: 'este mês', 'mes-passado': 'mês passado' };
export const CODES: readonly string[] = [DEMAND_CODES.question, DEMAND_CODES.operationError, DEMAND_CODES.systemErrorDev, DEMAND_CODES.systemErrorSupport, DEMAND_CODES.other];

export interface Range {
  from: Date;
  to: Date;
  /** "semana de 23/11/2026 a 29/11/2026", "novembro de 2026" */
  label: string;
}

const MONTHS = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'];

function addDays(localDate: string, days: number): string {
  const d = new Date(`${localDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The week (Monday to Sunday) or the month that holds `now`, or the one before it, in the business time zone. */
export function periodRange(period: Period, now: Date, calendar: BusinessCalendar): Range {
  const today = calendar.localDate(now);
  if (period === 'semana' || period === 'semana-passada') {
    const thisMonday = addDays(today, -((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
    const monday = period === 'semana' ? thisMonday : addDays(thisMonday, -7);
    const next = addDays(monday, 7);
    const br = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    return { from: calendar.at(monday, '00:00'), to: calendar.at(next, '00:00'), label: `semana de ${br(monday)} a ${br(addDays(next, -1))}` };
  }
  // The month of `today`, or of a day of the month before it.
  const day = period === 'mes' ? today : addDays(`${today.slice(0, 7)}-01`, -1);
  const first = `${day.slice(0, 7)}-01`;
  const month = Number(day.slice(5, 7));
  const next = month === 12 ? `${Number(day.slice(0, 4)) + 1}-01-01` : `${day.slice(0, 4)}-${String(month + 1).padStart(2, '0')}-01`;
  return { from: calendar.at(first, '00:00'), to: calendar.at(next, '00:00'), label: `${MONTHS[month - 1]} de ${day.slice(0, 4)}` };
}

export interface AgentIndicators {
  login: string;
  name: string;
  /** 2266 created in the period. */
  opened: number;
  /** Specific tickets recorded in the period, by type code. */
  byCode: Record<string, number>;
  /** Week-1 contacts recorded in the period, and how many of them went to the salesperson. */
  week1: number;
  week1ToSeller: number;
  /** Cycles whose 3rd week was recorded in the period, and how many with every week on time. */
  finished: number;
  finishedOnTime: number;
}

const inRange = (iso: string | undefined, r: Range) => iso !== undefined && Date.parse(iso) >= r.from.getTime() && Date.parse(iso) < r.to.getTime();

/** A week is on time when recorded by its deadline (`weekDeadline`: the business day after the customer's window). */
function onTime(m: Monitoring, w: WeekNo, calendar: BusinessCalendar): boolean {
  const r = m.weeks[w];
  if (!r?.at || !r.dueAt) return false;
  return Date.parse(r.at) <= weekDeadline(new Date(r.dueAt), calendar).getTime();
}

export function indicators(states: readonly AgentState[], range: Range, calendar: BusinessCalendar): AgentIndicators[] {
  return states
    .map((s) => {
      const row: AgentIndicators = { login: s.login, name: s.name ?? s.login, opened: 0, byCode: Object.fromEntries(CODES.map((c) => [c, 0])), week1: 0, week1ToSeller: 0, finished: 0, finishedOnTime: 0 };
      for (const m of Object.values(s.monitorings)) {
        row.name = m.agent.name || row.name;
        if (inRange(m.createdAt, range)) row.opened += 1;
        for (const w of [1, 2, 3] as WeekNo[]) {
          const r = m.weeks[w];
          if (r?.code && r.protocolo && inRange(r.at, range)) row.byCode[r.code] = (row.byCode[r.code] ?? 0) + 1;
        }
        const week1At = m.sellerHandOverAt ?? m.weeks[1]?.at;
        if (inRange(week1At, range)) {
          row.week1 += 1;
          if (m.sellerHandOverAt) row.week1ToSeller += 1;
        }
        if (inRange(m.weeks[3]?.at, range)) {
          row.finished += 1;
          if (([1, 2, 3] as WeekNo[]).every((w) => onTime(m, w, calendar))) row.finishedOnTime += 1;
        }
      }
      return row;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every implanter's figures added up. */
export function totalOf(rows: readonly AgentIndicators[]): AgentIndicators {
  const total: AgentIndicators = { login: '', name: 'Total', opened: 0, byCode: Object.fromEntries(CODES.map((c) => [c, 0])), week1: 0, week1ToSeller: 0, finished: 0, finishedOnTime: 0 };
  for (const r of rows) {
    total.opened += r.opened;
    for (const c of CODES) total.byCode[c] = (total.byCode[c] ?? 0) + (r.byCode[c] ?? 0);
    total.week1 += r.week1;
    total.week1ToSeller += r.week1ToSeller;
    total.finished += r.finished;
    total.finishedOnTime += r.finishedOnTime;
  }
  return total;
}

/** "1 de 4 (25%)", or "—" when there is nothing to divide. */
export function share(part: number, whole: number): string {
  return whole === 0 ? '—' : `${part} de ${whole} (${Math.round((part / whole) * 100)}%)`;
}

export function indicatorsCsv(rows: readonly AgentIndicators[]): string {
  const header = ['Implantador', 'Login', '2266 abertos', ...CODES, 'Semana 1 com o vendedor', 'Ciclos concluídos no prazo'];
  return csv(
    header,
    [...rows, totalOf(rows)].map((r) => [r.name, r.login, r.opened, ...CODES.map((c) => r.byCode[c] ?? 0), share(r.week1ToSeller, r.week1), share(r.finishedOnTime, r.finished)]),
  );
}
