import type { KarooEvent } from '../../domain/karoo-event.js';
import type { CustomerReading } from '../../nlu/language-model.js';
import { when } from '../../nlu/entities.js';
import { TOPIC_NAMES, scheduleAnswer } from '../plantao/messages.js';
import type { ChatTurn } from './state.js';

/**
 * No scheduling out of hours (docs/mission/weekend-on-call.md): a request to schedule training,
 * a coupon or label adjustment or a custom NF-e outside business hours is answered with the
 * sector's next opening, and the day and time the customer asked for said back, so they take it
 * to the sector. Pure.
 */
export function scheduleOutOfHours(t: ChatTurn, event: KarooEvent, text: string, reading: CustomerReading): void {
  const { s, now, ctx, out } = t;
  if (!reading.topic || ctx.calendar.isBusinessTime(now)) return;
  const wanted = when(text, now, -ctx.calendar.local(now).getTimezoneOffset());
  // Only what the contact said: a day without an hour is told back without one.
  const asked = wanted ? (wanted.hourKnown ? ctx.calendar.describe(new Date(wanted.at)) : ctx.calendar.describeDay(new Date(wanted.at))) : null;
  out.say(scheduleAnswer(event.id, s.contactName, TOPIC_NAMES[reading.topic], ctx.calendar.describe(ctx.calendar.nextOpening(now)), s.lastBotText, asked));
}
