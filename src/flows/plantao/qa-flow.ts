import type { Staff } from '../../roster/roster.js';
import { str } from '../phrases.js';
import { parseTimerId, timerIds } from '../timer-ids.js';
import type { Effect, FlowResult } from '../../domain/effects.js';
import type { FlowContext } from '../context.js';
import type { InternalEvent, StreamItem, StreamKey } from '../../domain/stream.js';
import { plantaoSummary, qaReportMessage, type QaFlag, type ShiftLog } from './qa-report.js';
import type { ChatRecord } from './record.js';
import { DAY_MS } from '../../domain/durations.js';

/**
 * `ops:qa`: the plantão's chats as QA reviews them (issue 14). Each on-call chat sends its record
 * here when it closes and when its shift ends; the pending work's hand-over says who received it.
 * At the first business opening after a plantão the QA lead (roster role `qa`, not on vacation)
 * gets the weekend's summary and flags; the supervisors' page reads the same state. Records older
 * than the retention (`RETENTION_DAYS`) leave the state. Pure.
 */

/** A report that went out: when, to whom, and the flags it listed (kept once the phrases are dropped). */
export interface SentReport {
  day: string;
  sentAt: string;
  to: string[];
  flags: QaFlag[];
}

export interface QaState {
  kind: 'qa';
  version: number;
  stream: StreamKey;
  shifts: Record<string, ShiftLog>;
  reports: Record<string, SentReport>;
}

export const QA_STREAM: StreamKey = 'ops:qa';

/** A shift keeps at most this many chats (a bound on the state; far above any real plantão). */
const MAX_CHATS_PER_SHIFT = 3000;

export function initialQaState(stream: StreamKey): QaState {
  return { kind: 'qa', version: 0, stream, shifts: {}, reports: {} };
}

export function qaFlow(state: QaState, item: StreamItem, now: Date, ctx: FlowContext): FlowResult<QaState> {
  const s: QaState = { ...initialQaState(state.stream), ...structuredClone(state) };
  s.version += 1;
  const effects: Effect[] = [];
  if (item.kind === 'internal') {
    const ev = item.event;
    if (ev.type === 'forward' && ev.name === 'qa.chat') onChat(s, ev, ctx, effects);
    else if (ev.type === 'forward' && ev.name === 'qa.pending') onPendingDelivered(s, ev);
    else if (ev.type === 'timer') onTimer(s, ev, now, ctx, effects);
  }
  prune(s, now, ctx.retentionDays);
  return { state: s, effects };
}

function isRecord(value: unknown): value is ChatRecord {
  return typeof value === 'object' && value !== null && typeof (value as { chatId?: unknown }).chatId === 'string';
}

function onChat(s: QaState, ev: InternalEvent, ctx: FlowContext, effects: Effect[]): void {
  const shift = ev.data.shift as { id?: unknown; end?: unknown } | undefined;
  const record = ev.data.record;
  const shiftId = str(shift?.id);
  if (!shiftId || !isRecord(record)) {
    effects.push({ type: 'log', level: 'warn', message: 'a plantão chat record without its shift or chat: ignored', data: { eventId: ev.id } });
    return;
  }
  let log = s.shifts[shiftId];
  if (!log) {
    // The shift as the roster in force has it; the chat's word for its end when it is gone from the roster.
    const inRoster = ctx.roster.shifts.find((x) => x.id === shiftId);
    const end = inRoster ? ctx.roster.endOf(inRoster).toISOString() : str(shift?.end);
    const opening = ctx.calendar.nextOpening(new Date(end));
    log = {
      shiftId,
      start: inRoster ? ctx.roster.startOf(inRoster).toISOString() : end,
      end,
      sectors: inRoster ? [...inRoster.sectors] : [record.sector],
      manager: inRoster?.manager ?? null,
      reportDay: ctx.calendar.localDate(opening),
      chats: {},
      delivered: {},
      reportedAt: null,
    };
    s.shifts[shiftId] = log;
    if (!s.reports[log.reportDay]) {
      effects.push({ type: 'timer.set', stream: s.stream, timerId: timerIds.qaReport(log.reportDay), dueAt: opening.toISOString(), data: { day: log.reportDay } });
    }
  }
  if (!log.chats[record.chatId] && Object.keys(log.chats).length >= MAX_CHATS_PER_SHIFT) {
    effects.push({ type: 'log', level: 'warn', message: 'a plantão shift holds the most chats QA keeps: this one is left out of the figures', data: { shiftId, chatId: record.chatId } });
    return;
  }
  log.chats[record.chatId] = record;
}

function onPendingDelivered(s: QaState, ev: InternalEvent): void {
  const log = s.shifts[str(ev.data.shiftId)];
  if (!log) return;
  const to = ev.data.to as { login?: unknown; name?: unknown } | null;
  const chatIds = Array.isArray(ev.data.chatIds) ? ev.data.chatIds.map((x) => str(x)) : [];
  // Withdrawn before the opening: the customer said on a later shift that the matter was solved.
  const withdrawn = str(ev.data.withdrawn);
  if (withdrawn) {
    log.withdrawn ??= {};
    for (const chatId of chatIds) log.withdrawn[chatId] = withdrawn;
    return;
  }
  for (const chatId of chatIds) log.delivered[chatId] = to && str(to.login) ? { login: str(to.login), name: str(to.name, str(to.login)) } : null;
}

function onTimer(s: QaState, ev: InternalEvent, now: Date, ctx: FlowContext, effects: Effect[]): void {
  const timer = parseTimerId(ev.name);
  if (timer?.kind !== 'qa' || s.reports[timer.day]) return;
  const day = timer.day;
  const logs = Object.values(s.shifts).filter((l) => l.reportDay === day && !l.reportedAt);
  if (logs.length === 0) return;
  const summary = plantaoSummary(logs, ctx.qa, ctx.calendar, ctx.roster);
  const link = `${ctx.qa.pageUrl}?plantao=${day}#plantao`;
  const available = (p: Staff) => !ctx.roster.onVacation(p, day);
  let leads = ctx.roster.data.staff.filter((p) => p.role === 'qa' && available(p)).map((p) => ({ login: p.login, name: p.name }));
  if (leads.length === 0) {
    // Nobody from QA to tell: the on-call managers (not on vacation) get it, and ops hear of it.
    const managers = [...new Set(logs.map((l) => l.manager).filter((m): m is string => m !== null))];
    leads = managers.flatMap((login) => {
      const person = ctx.roster.person(login);
      return !person || available(person) ? [{ login, name: person?.name ?? login }] : [];
    });
    effects.push({ type: 'log', level: 'error', message: 'no QA lead available (role qa, not on vacation) for the plantão report', data: { day, sentTo: leads.map((l) => l.login) } });
  }
  for (const lead of leads) {
    effects.push({ type: 'karoo.proactive', to: { login: lead.login }, department: 'bot', text: qaReportMessage(`${ev.id}|${lead.login}`, lead.name, logs, summary, ctx.calendar, link) });
  }
  effects.push({ type: 'log', level: 'info', message: 'plantão QA report sent', data: { day, to: leads.map((l) => l.login), chats: summary.total.chats, flags: summary.flags.length } });
  s.reports[day] = { day, sentAt: now.toISOString(), to: leads.map((l) => l.name), flags: summary.flags };
  for (const log of logs) {
    log.reportedAt = now.toISOString();
    // The flags are kept with the report: the technicians' phrases are no longer needed.
    for (const r of Object.values(log.chats)) r.phrases = [];
  }
}

/** Shifts (and reports) older than the retention leave the state. */
function prune(s: QaState, now: Date, retentionDays: number): void {
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  for (const [id, log] of Object.entries(s.shifts)) if (Date.parse(log.end) < cutoff) delete s.shifts[id];
  const days = new Set(Object.values(s.shifts).map((l) => l.reportDay));
  for (const day of Object.keys(s.reports)) if (!days.has(day)) delete s.reports[day];
}
