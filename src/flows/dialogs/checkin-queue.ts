import type { Turn } from '../agent-state.js';
import { checkinPrompt } from '../monitoring/messages.js';
import { quotedEnd } from '../phrases.js';
import { customerRef, plantaoNotesTold, type Monitoring } from '../monitoring/model.js';
import { timerIds } from '../timer-ids.js';
import type { FlowContext } from '../context.js';

/**
 * When the weekly check-in is asked: at once when the agent's chat is free, else in line behind the
 * conversation under way (told at once when the customer reported a problem); the reminder the
 * next morning. Pure.
 */

/** `ask: false` when the implanter's own words already answer "conseguiu falar?" (they are read next). */
export function startCheckin(t: Turn, m: Monitoring, { ask } = { ask: true }): void {
  const { s, seed, now, ctx, out } = t;
  // Asked for before the week's date: no reminders (the week's date still stands, and brings the follow-up).
  // At the date itself (its timer not yet run) the check-in is the week's own, not an early one.
  m.early = m.phase === 'scheduled' && now.getTime() < Date.parse(m.dueAt);
  m.phase = 'agent_checkin';
  out.cancel(timerIds.monitoring(m.id, 'window', m.week));
  if (!m.early) out.timer(timerIds.monitoring(m.id, 'remind', m.week), nextMorning(now, ctx), { monitoringId: m.id, week: m.week });
  if (s.dialog.kind !== 'idle') {
    if (!s.queue.includes(m.id)) s.queue.push(m.id);
    if (m.customerReply?.kind === 'issue') {
      out.say(`Atenção: ${customerRef(m)} escreveu no acompanhamento: ${quotedEnd(m.customerReply.text)} Assim que terminarmos aqui, registramos o contato.`);
    }
    return;
  }
  s.dialog = { kind: 'checkin.contact', monitoringId: m.id };
  if (ask) {
    out.say(checkinPrompt(seed, m, ctx.calendar, ctx.templates.followUp));
    plantaoNotesTold(m);
  }
}

/**
 * A check-in asked for before its date (`early`), dropped or left unanswered until then: the week
 * goes back to its date, out of the line and out of the open conversation; the date brings the
 * follow-up. False when the check-in was not an early one.
 */
export function backToItsDate(s: Turn['s'], m: Monitoring): boolean {
  if (!m.early || m.phase !== 'agent_checkin') return false;
  m.early = false;
  m.phase = 'scheduled';
  s.queue = s.queue.filter((id) => id !== m.id);
  if ('monitoringId' in s.dialog && s.dialog.monitoringId === m.id) s.dialog = { kind: 'idle' };
  return true;
}

export function nextMorning(now: Date, ctx: FlowContext): Date {
  return ctx.calendar.dueAfter(now, 1, ctx.monitoring.reminderTime, true);
}

export function nextQueued(t: Turn): void {
  const { s, seed, ctx, out } = t;
  while (s.dialog.kind === 'idle' && s.queue.length > 0) {
    const id = s.queue.shift() as string;
    const m = s.monitorings[id];
    if (m && m.phase === 'agent_checkin') {
      s.dialog = { kind: 'checkin.contact', monitoringId: m.id };
      out.say(checkinPrompt(seed, m, ctx.calendar, ctx.templates.followUp));
      plantaoNotesTold(m);
    }
  }
}
