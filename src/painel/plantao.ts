import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { QaState, SentReport } from '../flows/plantao/qa-flow.js';
import { daysLabel, FLAG_LABELS, plantaoSummary, type PlantaoSummary, type QaFlag, type ShiftLog } from '../flows/plantao/qa-report.js';
import { type QaSettings } from '../domain/settings.js';
import type { Roster } from '../roster/roster.js';
import { csv } from './csv.js';

/**
 * The page's *Plantão* section: one plantão at a time (the shifts whose QA report goes out on the
 * same business day, a weekend say), its figures per shift and technician and its QA flags, read
 * from the `ops:qa` stream's state. Once the report went out its flags are the report's. Pure.
 */

export interface PlantaoChoice {
  /** The business day the plantão's report goes out on (`YYYY-MM-DD`): the plantão's key. */
  day: string;
  /** "sábado, 21/11 e domingo, 22/11" */
  label: string;
}

export interface PlantaoView {
  choices: PlantaoChoice[];
  /** Null when no plantão is on record, or none is for the day asked. */
  current: (PlantaoChoice & { summary: PlantaoSummary; report: SentReport | null; reportAt: string }) | null;
  /** The day asked for (`?plantao=`) when no plantão on record is for it: said, never replaced by another. */
  notFound?: string;
}

/** The plantão of `day` (default: the latest on record), with the list of every one to choose from. */
export function plantaoView(state: QaState | null, day: string | undefined, settings: QaSettings, calendar: BusinessCalendar, roster: Roster): PlantaoView {
  const byDay = new Map<string, ShiftLog[]>();
  for (const log of Object.values(state?.shifts ?? {})) byDay.set(log.reportDay, [...(byDay.get(log.reportDay) ?? []), log]);
  const choices = [...byDay.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([d, logs]) => ({ day: d, label: daysLabel(logs, calendar) }));
  const chosen = day === undefined ? choices[0] : choices.find((c) => c.day === day);
  if (!chosen) return { choices, current: null, ...(day === undefined ? {} : { notFound: day }) };
  const logs = byDay.get(chosen.day) ?? [];
  const summary = plantaoSummary(logs, settings, calendar, roster);
  const report = state?.reports[chosen.day] ?? null;
  // When the report went out, or when it goes out (the first opening after the last shift).
  const reportAt = calendar.describe(report ? new Date(report.sentAt) : calendar.nextOpening(new Date(logs.map((l) => l.end).sort().at(-1) ?? chosen.day)));
  return { choices, current: { ...chosen, summary: report ? { ...summary, flags: report.flags } : summary, report, reportAt } };
}

const minutes = (n: number | null): string => (n === null ? '' : String(n));

/** The figures per shift and technician, and the total; the header alone when no plantão is on record. */
export function plantaoCsv(summary: PlantaoSummary | null): string {
  const header = ['Turno', 'Técnico', 'Login', 'Chats', '1ª resposta (min, média)', 'Maior tempo parado (min)', 'Chat do maior tempo parado', 'Verificações do bot', 'Encerrados após tudo ok/resolvido', 'Avisos de fim de plantão', 'Pendências', 'Pendências repassadas a', 'Clientes de revenda encaminhados'];
  if (!summary) return csv(header, []);
  const t = summary.total;
  return csv(header, [
    ...summary.rows.map((r) => [r.shift, r.technician, r.login, r.chats, minutes(r.firstResponseMinutes), r.longestWaitMinutes, r.longestWaitChat, r.checkins, r.closedAfterOk, r.notices, r.pending, r.pendingTo.join(', '), r.resellerRedirects]),
    ['Total', `${t.technicians} ${t.technicians === 1 ? 'técnico' : 'técnicos'}`, null, t.chats, minutes(t.firstResponseMinutes), t.longestWaitMinutes, t.longestWaitChat, t.checkins, t.closedAfterOk, t.notices, t.pending, t.pendingTo.join(', '), t.resellerRedirects],
  ]);
}

export function flagsCsv(flags: readonly QaFlag[]): string {
  return csv(['Ponto de atenção', 'Chats', 'Técnico', 'Detalhe'], flags.map((f) => [FLAG_LABELS[f.kind], f.chats.join(', '), f.technician, f.detail]));
}
