/**
 * Every timer's id, built and read here. An id names what the timer is for, so arming it again
 * replaces it (`timer.set` with the same id) and a stale one is recognised when it fires; the
 * timer item comes back with the id as its name.
 *
 * - `mon|<monitoringId>|<step>|<week>`: a monitoring's next step (the week's due date, the window
 *   for the customer's answer, a reminder to the agent, a reminder about the salesperson);
 * - `chat|<chatId>|wake`: an on-call chat's one wake-up, at its earliest deadline;
 * - `pending|<shiftId>|end`, `pending|<shiftId>|deliver|<sector>`: the plantão's pending work;
 * - `qa|<YYYY-MM-DD>|report`: the plantão's QA report, at that business day's opening.
 */

export type MonitoringStep = 'due' | 'window' | 'remind' | 'seller' | 'news';

export type TimerName =
  | { kind: 'mon'; monitoringId: string; step: MonitoringStep; week: number }
  /** `idle`, `close`, `notice`: one timer per deadline, armed by versions before the wake-up (still honoured). */
  | { kind: 'chat'; chatId: string; step: 'wake' | 'idle' | 'close' | 'notice' }
  | { kind: 'pending'; shiftId: string; step: 'end' }
  | { kind: 'pending'; shiftId: string; step: 'deliver'; sector: string }
  | { kind: 'qa'; day: string; step: 'report' };

export const timerIds = {
  monitoring: (monitoringId: string, step: MonitoringStep, week: number): string => `mon|${monitoringId}|${step}|${week}`,
  chatWake: (chatId: string): string => `chat|${chatId}|wake`,
  pendingEnd: (shiftId: string): string => `pending|${shiftId}|end`,
  pendingDeliver: (shiftId: string, sector: string): string => `pending|${shiftId}|deliver|${sector}`,
  qaReport: (day: string): string => `qa|${day}|report`,
};

const MONITORING_STEPS: readonly string[] = ['due', 'window', 'remind', 'seller', 'news'];
const CHAT_STEPS: readonly string[] = ['wake', 'idle', 'close', 'notice'];

/** What a timer id says, or null for one the bot never built. Ids may hold `|` inside a chat id. */
export function parseTimerId(id: string): TimerName | null {
  const parts = id.split('|');
  const [kind] = parts;
  const last = parts[parts.length - 1] ?? '';
  const beforeLast = parts[parts.length - 2] ?? '';
  if (kind === 'mon' && parts.length >= 4 && MONITORING_STEPS.includes(beforeLast) && /^\d+$/.test(last)) {
    return { kind: 'mon', monitoringId: parts.slice(1, -2).join('|'), step: beforeLast as MonitoringStep, week: Number(last) };
  }
  if (kind === 'chat' && parts.length >= 3 && CHAT_STEPS.includes(last)) return { kind: 'chat', chatId: parts.slice(1, -1).join('|'), step: last as 'wake' | 'idle' | 'close' | 'notice' };
  if (kind === 'pending' && parts.length >= 3 && last === 'end') return { kind: 'pending', shiftId: parts.slice(1, -1).join('|'), step: 'end' };
  if (kind === 'pending' && parts.length >= 4 && beforeLast === 'deliver') return { kind: 'pending', shiftId: parts.slice(1, -2).join('|'), step: 'deliver', sector: last };
  if (kind === 'qa' && parts.length === 3 && last === 'report' && /^\d{4}-\d{2}-\d{2}$/.test(beforeLast)) return { kind: 'qa', day: beforeLast, step: 'report' };
  return null;
}
