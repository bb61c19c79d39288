import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { ptBR } from 'date-fns/locale/pt-BR';
import Holidays from 'date-holidays';

/**
 * Business days and hours in the business time zone (America/Sao_Paulo by default):
 * Brazilian national holidays from `date-holidays`, plus a state's holidays and extra dates
 * (city holidays, company days off) from configuration. Pure: every answer depends only on
 * the configuration and the instant it is given.
 */

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // Sunday = 0
export interface DayHours {
  start: string; // HH:mm
  end: string; // HH:mm
}

export interface CalendarConfig {
  timeZone: string;
  hours: Partial<Record<Weekday, DayHours>>;
  /** Brazilian state (UF) whose holidays also count, e.g. "RJ". */
  state?: string | undefined;
  /** `YYYY-MM-DD` for one date, `MM-DD` for every year. */
  extraHolidays: string[];
  /** date-holidays types that close the business: "public" by default ("bank" adds Carnaval, Corpus Christi). */
  holidayTypes: string[];
}

const DAY_NAMES: Record<string, Weekday> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Parses `mon-fri=08:00-18:00,sat=08:00-12:00` (days not listed are closed). */
const WEEKDAY_CODES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export function parseBusinessHours(spec: string): Partial<Record<Weekday, DayHours>> {
  const hours: Partial<Record<Weekday, DayHours>> = {};
  const parts = spec.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error('names no business day at all');
  for (const part of parts) {
    const match = /^([a-z]{3})(?:-([a-z]{3}))?=(\d{2}:\d{2})-(\d{2}:\d{2})$/i.exec(part);
    if (!match) throw new Error(`invalid business hours "${part}" (expected e.g. mon-fri=08:00-18:00)`);
    const [, from, to, start, end] = match as unknown as [string, string, string | undefined, string, string];
    const a = DAY_NAMES[from.toLowerCase()];
    const b = DAY_NAMES[(to ?? from).toLowerCase()];
    if (a === undefined || b === undefined) throw new Error(`invalid weekday in "${part}"`);
    if (!validTime(start) || !validTime(end)) throw new Error(`invalid times in "${part}"`);
    if (!(start < end)) throw new Error(`"${part}" ends before it starts (a day's hours must not cross midnight)`);
    for (let d = a; ; d = ((d + 1) % 7) as Weekday) {
      // "mon-fri=08:00-18:00,mon=11:00-12:00": which Monday was meant? Never a silent choice.
      if (hours[d]) throw new Error(`gives ${WEEKDAY_CODES[d]} twice ("${part}" after ${hours[d]?.start}-${hours[d]?.end})`);
      hours[d] = { start, end };
      if (d === b) break;
    }
  }
  return hours;
}

/** The weekday of a calendar date (`YYYY-MM-DD`): the same in every time zone. */
function weekdayOf(localDate: string): Weekday {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() as Weekday;
}

function validTime(t: string): boolean {
  const [h, m] = t.split(':').map(Number) as [number, number];
  return h >= 0 && h <= 23 && m >= 0 && m <= 59;
}

export class BusinessCalendar {
  private readonly national = new Holidays('BR');
  private readonly regional: Holidays | undefined;
  private readonly extraFixed = new Set<string>();
  private readonly extraYearly = new Set<string>();
  private readonly holidayCache = new Map<string, string | null>();
  /** `YYYY-MM-DD HH:mm` → epoch ms: the same few local times are asked for on every item. */
  private readonly instantCache = new Map<string, number>();
  private readonly dateFormat: Intl.DateTimeFormat;

  constructor(readonly config: CalendarConfig) {
    // National and state calendars are asked separately: a state's data may leave out a
    // national holiday (date-holidays' RJ data lacks the national Consciência Negra).
    this.regional = config.state ? new Holidays('BR', config.state) : undefined;
    this.dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (const d of config.extraHolidays) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(d)) this.extraFixed.add(d);
      else if (/^\d{2}-\d{2}$/.test(d)) this.extraYearly.add(d);
      else throw new Error(`invalid extra holiday "${d}" (expected YYYY-MM-DD or MM-DD)`);
    }
  }

  /** The local wall-clock parts of an instant. */
  local(at: Date): TZDate {
    return new TZDate(at.getTime(), this.config.timeZone);
  }

  /** The business time zone's offset from UTC at that instant, in minutes (São Paulo: -180), as date readers take it. */
  utcOffsetMinutes(at: Date): number {
    return -this.local(at).getTimezoneOffset();
  }

  /** `YYYY-MM-DD` of the instant in the business time zone. */
  localDate(at: Date): string {
    // en-CA writes dates as YYYY-MM-DD; one formatter, made once, is far cheaper than TZDate + format.
    return this.dateFormat.format(at);
  }

  /** The instant of a local date (`YYYY-MM-DD`) at a local time (`HH:mm`). */
  at(localDate: string, time: string): Date {
    const key = `${localDate} ${time}`;
    const known = this.instantCache.get(key);
    if (known !== undefined) return new Date(known);
    const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    const ms = new TZDate(y, m - 1, d, hh, mm, 0, this.config.timeZone).getTime();
    if (this.instantCache.size > 5000) this.instantCache.clear();
    this.instantCache.set(key, ms);
    return new Date(ms);
  }

  holidayName(at: Date): string | null {
    const date = this.localDate(at);
    if (this.extraFixed.has(date) || this.extraYearly.has(date.slice(5))) return 'feriado';
    // date-holidays computes a date's holidays with moment-timezone: costly, and asked many times
    // per item (business time, next opening, due dates). A day's answer never changes.
    const known = this.holidayCache.get(date);
    if (known !== undefined) return known;
    const noon = this.at(date, '12:00');
    const found = [...(this.national.isHoliday(noon) || []), ...(this.regional?.isHoliday(noon) || [])];
    const match = found.find((h) => this.config.holidayTypes.includes(h.type));
    const name = match ? match.name : null;
    if (this.holidayCache.size > 5000) this.holidayCache.clear();
    this.holidayCache.set(date, name);
    return name;
  }

  hoursOn(at: Date): DayHours | null {
    if (this.holidayName(at)) return null;
    return this.config.hours[weekdayOf(this.localDate(at))] ?? null;
  }

  isBusinessDay(at: Date): boolean {
    return this.hoursOn(at) !== null;
  }

  /** Inside business hours right now? */
  isBusinessTime(at: Date): boolean {
    const hours = this.hoursOn(at);
    if (!hours) return false;
    const date = this.localDate(at);
    return at >= this.at(date, hours.start) && at < this.at(date, hours.end);
  }

  /** The first business day on or after the instant's local date. */
  businessDayOnOrAfter(at: Date): string {
    let date = this.localDate(at);
    for (let i = 0; i < 400; i++) {
      if (this.isBusinessDay(this.at(date, '12:00'))) return date;
      date = addDays(date, 1);
    }
    throw new Error('no business day within 400 days: check BUSINESS_HOURS');
  }

  /** The start of the next working period strictly after `at` (or now, if `at` is before today's opening). */
  nextOpening(at: Date): Date {
    let date = this.localDate(at);
    for (let i = 0; i < 400; i++) {
      const hours = this.hoursOn(this.at(date, '12:00'));
      if (hours) {
        const opening = this.at(date, hours.start);
        if (opening > at) return opening;
      }
      date = addDays(date, 1);
    }
    throw new Error('no business day within 400 days: check BUSINESS_HOURS');
  }

  /** End of business on the next business day after `at`'s local date. */
  endOfNextBusinessDay(at: Date): Date {
    const next = this.businessDayOnOrAfter(this.at(addDays(this.localDate(at), 1), '12:00'));
    const hours = this.hoursOn(this.at(next, '12:00')) as DayHours;
    return this.at(next, hours.end);
  }

  /**
   * A follow-up `days` after `from`, at local `time`; when that day is not a business day
   * and `moveToBusinessDay` is on, it moves to the next business day at the same time.
   */
  dueAfter(from: Date, days: number, time: string, moveToBusinessDay: boolean): Date {
    const target = addDays(this.localDate(from), days);
    const date = moveToBusinessDay ? this.businessDayOnOrAfter(this.at(target, '12:00')) : target;
    return this.at(date, time);
  }

  /**
   * The `days`-th business day after `from`'s local date, at local `time` (a holiday or a weekend
   * between is not counted: two business days after Thursday 31/12 is Tuesday 05/01, 01/01 a holiday).
   */
  afterBusinessDays(from: Date, days: number, time: string): Date {
    let date = this.localDate(from);
    for (let i = 0; i < days; i++) date = this.businessDayOnOrAfter(this.at(addDays(date, 1), '12:00'));
    return this.at(date, time);
  }

  /** "segunda-feira, 30/11 às 08:00" */
  describe(at: Date): string {
    return format(this.local(at), "EEEE, dd/MM 'às' HH:mm", { locale: ptBR });
  }

  /** "sábado, 21/11" */
  describeDay(at: Date): string {
    return format(this.local(at), 'EEEE, dd/MM', { locale: ptBR });
  }

  /** "30/11/2026" */
  formatDate(at: Date): string {
    return format(this.local(at), 'dd/MM/yyyy');
  }

  /** "08:00" */
  formatTime(at: Date): string {
    return format(this.local(at), 'HH:mm');
  }

  /** Bimer's date format: local time, no zone (`2026-11-30T08:00:00`). */
  bimerDateTime(at: Date): string {
    return format(this.local(at), "yyyy-MM-dd'T'HH:mm:ss");
  }
}

export function addDays(localDate: string, days: number): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
