import type { Logger } from 'pino';
import { YamlFileSource } from './yaml-file-source.js';
import { parseRoster, type RosterData } from '../roster/roster.js';

/** The roster file at ROSTER_FILE, reloaded on change or on request; the last good one stays. */
export class RosterSource extends YamlFileSource<RosterData> {
  /** `generated`: without a file, a roster is made up instead (the sandbox), so there is nothing to warn about. */
  constructor(path: string | undefined, logger: Logger, generated = false) {
    super(path, 'roster', parseRoster, { shifts: [], staff: [], extraHolidays: [] }, (d) => ({ shifts: d.shifts.length, staff: d.staff.length }), logger);
    if (!path && !generated) logger.warn('ROSTER_FILE is not set: no plantão shifts, so the plantão automation stays idle');
  }
}
