import type { Turn } from '../agent-state.js';
import { startCheckin } from '../dialogs/checkin-queue.js';
import { str } from '../phrases.js';
import { timerIds } from '../timer-ids.js';
import { toE164 } from '../../util/phone.js';
import { customerFollowUp, followUpNotReached, followUpParams, followUpReachedAfterAll, notReachedReason } from './messages.js';
import { livePhone, weekNo, type FollowUp, type Monitoring, type WeekNo } from './model.js';
import type { News } from '../news.js';
import { furthest } from '../../domain/whatsapp.js';

/**
 * A week's follow-up to the customer (docs/mission/monitoring-2266.md §2, contract §4): sent
 * in business hours to the record's phone (read again when it has none), as text or template by
 * the WhatsApp window, tracked to delivery; a number that does not reach the customer gives way
 * to the record's next one, and the implanter is told. Pure.
 */

/**
 * A week's contact is due: the customer gets the follow-up (in business hours) when their record
 * has a valid phone, else the agent is asked at once. The record's phones are read again first,
 * once per week (`phoneRechecked`): a number fixed in Bimer since the last week (the agent asked
 * to fix a missing one, or a customer who changed numbers) is the one written to.
 */
export function weekDue(t: Turn, m: Monitoring, phoneRechecked = false): void {
  const { now, ctx, out } = t;
  m.customerReply = null;
  m.reminders = 0;
  // A state written before phones were kept in E.164 may hold `+550021…`: read it again.
  m.customer.phone = toE164(m.customer.phone);
  if (!m.optOut && !phoneRechecked) {
    out.bimer({ op: 'customerPhones', customerCode: m.customer.code }, 'week.phones', { monitoringId: m.id, week: m.week });
    return;
  }
  const phone = livePhone(m);
  if (phone && !m.optOut) {
    if (!ctx.calendar.isBusinessTime(now)) {
      // Never message a customer (nor ask the implanter instead) out of business hours: try again at the next opening.
      const at = ctx.calendar.nextOpening(now);
      m.dueAt = at.toISOString();
      out.timer(timerIds.monitoring(m.id, 'due', m.week), at, { monitoringId: m.id, week: m.week });
      return;
    }
    // A problem the plantão left pending since the last week: the implanter calls, no automatic "está tudo certo?".
    if (!m.plantaoPending) {
      m.phase = 'customer_wait';
      sendFollowUp(t, m, phone, []);
      out.timer(timerIds.monitoring(m.id, 'window', m.week), checkinAfterWait(now, ctx), { monitoringId: m.id, week: m.week });
      return;
    }
  }
  m.followUp = null;
  startCheckin(t, m);
}

/** How long before the close of the customer's last day to answer the agent is asked how the week went. */
export const CHECKIN_BEFORE_CLOSE_MS = 60 * 60_000;

/**
 * The customer has the rest of the day and the next business day to answer; the agent is asked an hour
 * before that day's close, while they can still call the customer (found by an outside tester: the check-in
 * came at 18:00 on a Friday, when the team had gone home, and waited all weekend).
 */
export function checkinAfterWait(now: Date, ctx: Turn['ctx']): Date {
  return new Date(ctx.calendar.endOfNextBusinessDay(now).getTime() - CHECKIN_BEFORE_CLOSE_MS);
}

/** Numbers WhatsApp said reach nobody for good: later weeks do not write to them. */
const DEAD_ERRORS = new Set(['not_on_whatsapp', 'blocked']);

/** A number the customer wrote from: no longer taken as reaching nobody. */
export function revivePhone(m: Monitoring, phone: string): void {
  if (m.deadPhones?.[phone]) delete m.deadPhones[phone];
}

/**
 * The week's follow-up to a phone: the personalised text, and the template for when WhatsApp's
 * 24-hour window is closed (the edge picks the form at the moment of sending, §4).
 */
export function sendFollowUp(t: Turn, m: Monitoring, phone: string, tried: string[], templateOnly = false): void {
  const { s, seed, now, ctx, out } = t;
  m.followUp = { week: m.week, phone, messageId: null, form: templateOnly ? 'template' : null, state: null, error: null, at: now.toISOString(), tried: [...new Set([...tried, phone])] };
  const { followUp, language } = ctx.templates;
  out.push({
    type: 'karoo.proactive',
    to: { phone },
    department: ctx.monitoring.customerDepartment,
    text: customerFollowUp(seed, m, phone),
    ...(followUp ? { template: { name: followUp, language, params: followUpParams(m, phone) } } : {}),
    ...(templateOnly ? { templateOnly } : {}),
    onResult: { stream: s.stream, tag: 'customer.followup', context: { monitoringId: m.id, week: m.week, sentAt: now.toISOString(), phone } },
  });
}

/** The follow-up a Karoo answer is about: the current one, unless the answer is another week's or another number's. */
export function answeredFollowUp(m: Monitoring, context: Record<string, unknown>): FollowUp | null {
  const f = m.followUp;
  return f && f.week === weekNo(context.week) && f.phone === str(context.phone, f.phone) ? f : null;
}

/** The week's follow-up did not reach the customer: the implanter is told at once, and the check-in knows it. */
export function followUpFailed(t: Turn, m: Monitoring, f: FollowUp, error: string | null): void {
  const { ctx, now, out } = t;
  f.state = 'failed';
  f.error = error ?? 'refused';
  out.say(followUpNotReached(m, f.phone, notReachedReason(f.error, ctx.templates.followUp, f.form), null));
  if (m.phase === 'customer_wait') {
    m.customerReply = { kind: 'none', text: '', at: now.toISOString() };
    startCheckin(t, m);
  }
}

/**
 * Karoo's report on a message in the follow-up's chat: the week's follow-up gets the furthest
 * state (late, repeated or out-of-order reports change nothing). When it failed, the implanter
 * is told; a number without WhatsApp makes the bot try the record's next valid number, once.
 */
export function followUpStatus(t: Turn, news: News['followup.status']): void {
  const { s, ctx, out } = t;
  const m = s.monitorings[news.monitoringId];
  const f = m?.followUp;
  if (!m || !f || f.messageId !== news.messageId) return;
  const state = furthest(f.state, news.state);
  if (state === f.state) return;
  const toldFailed = f.state === 'failed';
  f.state = state;
  if (state !== 'failed') {
    // Delivered or read after a failure reported first: it did arrive, and whoever was told otherwise hears it.
    if (toldFailed && (state === 'delivered' || state === 'read')) {
      f.error = null;
      if (!m.optOut) out.say(followUpReachedAfterAll(t.seed, m, f.phone, state));
    }
    return;
  }
  if (m.optOut) return;
  f.error = news.error ?? 'undeliverable';
  if (DEAD_ERRORS.has(f.error)) m.deadPhones = { ...m.deadPhones, [f.phone]: { error: f.error, week: f.week } };
  if (f.error === 'outside_window' && f.form === 'text' && ctx.templates.followUp && m.phase === 'customer_wait') {
    // The text went out believed inside the window, and WhatsApp said otherwise: once as the template, never the text again.
    return sendFollowUp(t, m, f.phone, f.tried, true);
  }
  if (f.error === 'not_on_whatsapp' && f.tried.length < 2 && m.phase === 'customer_wait') {
    out.bimer({ op: 'customerPhones', customerCode: m.customer.code }, 'week.otherPhone', { monitoringId: m.id, week: m.week });
    return;
  }
  followUpFailed(t, m, f, f.error);
}

/** The record's numbers, read again: the next valid one not tried this week gets the follow-up. */
export function otherPhone(t: Turn, m: Monitoring, read: { phone: string | null; others?: string[] } | null): void {
  const { ctx, out } = t;
  const f = m.followUp;
  if (!f || f.week !== m.week || m.phase !== 'customer_wait' || m.optOut) return;
  const next = [read?.phone, ...(read?.others ?? [])].find((p): p is string => typeof p === 'string' && !f.tried.includes(p) && !m.deadPhones?.[p]);
  if (!next) return followUpFailed(t, m, f, f.error);
  out.say(followUpNotReached(m, f.phone, notReachedReason(f.error, ctx.templates.followUp, f.form), next));
  sendFollowUp(t, m, next, f.tried);
}

/** The customer's phones, read again from Bimer before a week's contact (`week.phones`); a failure asks the agent anyway. */
export function phonesRead(t: Turn, m: Monitoring, week: WeekNo, read: { phone: string | null; invalidPhones?: string[]; others?: string[] } | null): void {
  if (m.phase !== 'scheduled' || m.week !== week) return;
  if (read) {
    m.customer.phone = read.phone;
    // The other numbers too: one the main number's failure left as the way to reach them is used next week.
    if (read.others?.length) m.customer.others = read.others;
    else delete m.customer.others;
    if (read.invalidPhones?.length) m.customer.invalidPhones = read.invalidPhones;
    else delete m.customer.invalidPhones;
  }
  weekDue(t, m, true);
}
