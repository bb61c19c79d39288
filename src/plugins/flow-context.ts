import fp from 'fastify-plugin';
import { watchWhileRunning } from './file-watch.js';
import { BusinessCalendar, parseBusinessHours } from '../calendar/business-calendar.js';
import type { Settings } from '../settings.js';
import type { FlowContext } from '../flows/context.js';
import { Roster, type RosterData } from '../roster/roster.js';
import { RosterSource } from '../files/roster-source.js';
import { ConfigError } from '../config.js';

/**
 * What the flows read besides their state: the business calendar, the roster, the language
 * layer and the settings of each routine. It changes when the roster or the knowledge base is
 * reloaded; the flows always get the one in force.
 */

export interface FlowContextHolder {
  current(): FlowContext;
  roster: RosterSource;
}

declare module 'fastify' {
  interface FastifyInstance {
    flowContext: FlowContextHolder;
  }
}

/** The business calendar (settings, plus the roster's hours and extra holidays) and the roster. */
export function calendarAndRoster(settings: Settings['calendar'], data: RosterData): { calendar: BusinessCalendar; roster: Roster } {
  const calendar = new BusinessCalendar({
    timeZone: settings.timeZone,
    hours: parseBusinessHours(data.businessHours ?? settings.hours),
    state: settings.state,
    extraHolidays: [...settings.extraHolidays, ...data.extraHolidays],
    holidayTypes: settings.holidayTypes,
  });
  return { calendar, roster: new Roster(data, (date, time) => calendar.at(date, time)) };
}

export default fp(
  (app, _opts, done) => {
    const { settings } = app.config;
    // The sandbox generates a roster when no file is given (plugins/sandbox.ts): no "plantão off" warning then.
    const roster = new RosterSource(settings.files.roster, app.logger, app.config.sandbox);
    if (settings.files.roster) {
      // At start there is no last good roster to keep: a missing or invalid file stops the start, as the knowledge base does.
      const loaded = roster.reload();
      if (!loaded.ok) return done(new ConfigError([`ROSTER_FILE: the roster ${settings.files.roster} cannot be used: ${loaded.error}${loaded.line && !loaded.error.includes(`line ${loaded.line}`) ? ` (line ${loaded.line})` : ''}`]));
    }
    const context: FlowContext = {
      ...calendarAndRoster(settings.calendar, roster.current()),
      faq: app.language.faq,
      nlu: app.language.nlu,
      plantao: settings.plantao,
      monitoring: settings.monitoring,
      templates: settings.templates,
      qa: settings.qa,
      retentionDays: settings.retentionDays,
    };
    roster.onChange((data) => Object.assign(context, calendarAndRoster(settings.calendar, data)));
    app.language.onChange(({ faq, nlu }) => Object.assign(context, { faq, nlu }));
    app.decorate('flowContext', { current: () => context, roster });
    watchWhileRunning(app, roster);
    done();
  },
  { name: 'flow-context', fastify: '5.x', dependencies: ['language'] },
);
