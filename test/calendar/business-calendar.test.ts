import { describe, expect, it } from 'vitest';
import { BusinessCalendar, parseBusinessHours } from '../../src/calendar/business-calendar.js';

const calendar = new BusinessCalendar({
  timeZone: 'America/Sao_Paulo',
  hours: parseBusinessHours('mon-fri=08:00-18:00'),
  state: 'RJ',
  extraHolidays: ['2026-12-24', '01-20'],
  holidayTypes: ['public'],
});
const sp = (local: string) => new Date(`${local}-03:00`);

describe('BusinessCalendar', () => {
  it('knows national, state and configured holidays', () => {
    expect(calendar.holidayName(sp('2026-11-20T10:00:00'))).toBe('Dia da Consciência Negra');
    expect(calendar.holidayName(sp('2026-12-25T10:00:00'))).toBe('Natal');
    expect(calendar.holidayName(sp('2026-04-23T10:00:00'))).toBe('Dia de São Jorge'); // RJ only
    expect(calendar.holidayName(sp('2026-12-24T10:00:00'))).toBe('feriado'); // extra date
    expect(calendar.holidayName(sp('2027-01-20T10:00:00'))).toBe('feriado'); // yearly extra
    expect(calendar.holidayName(sp('2026-11-23T10:00:00'))).toBeNull();
  });

  it('reads the local date in São Paulo, not UTC', () => {
    expect(calendar.localDate(new Date('2026-11-24T01:30:00Z'))).toBe('2026-11-23');
    expect(calendar.bimerDateTime(sp('2026-11-30T08:00:00'))).toBe('2026-11-30T08:00:00');
  });

  it('tells business days and hours', () => {
    expect(calendar.isBusinessDay(sp('2026-11-21T10:00:00'))).toBe(false); // Saturday
    expect(calendar.isBusinessTime(sp('2026-11-23T07:59:00'))).toBe(false);
    expect(calendar.isBusinessTime(sp('2026-11-23T08:00:00'))).toBe(true);
    expect(calendar.isBusinessTime(sp('2026-11-23T18:00:00'))).toBe(false);
  });

  it('moves a follow-up that falls on a holiday or weekend to the next business morning', () => {
    // 7 days after Friday 13/11 is Friday 20/11 (Consciência Negra) -> Monday 23/11 08:00
    expect(calendar.dueAfter(sp('2026-11-13T15:00:00'), 7, '08:00', true)).toEqual(sp('2026-11-23T08:00:00'));
    expect(calendar.dueAfter(sp('2026-11-13T15:00:00'), 7, '08:00', false)).toEqual(sp('2026-11-20T08:00:00'));
    expect(calendar.dueAfter(sp('2026-11-23T15:00:00'), 7, '09:30', true)).toEqual(sp('2026-11-30T09:30:00'));
  });

  // Found by an outside tester (2026-12-07): the salesperson's reminder "every 2 business days" after a delegation on
  // Thursday 31/12 came on Monday 04/01, one business day later (01/01 a holiday).
  it('counts business days, a holiday or a weekend between not counted', () => {
    expect(calendar.afterBusinessDays(sp('2026-12-31T18:00:00'), 2, '08:00')).toEqual(sp('2027-01-05T08:00:00'));
    expect(calendar.afterBusinessDays(sp('2027-01-14T18:00:00'), 2, '08:00')).toEqual(sp('2027-01-18T08:00:00'));
    expect(calendar.afterBusinessDays(sp('2026-11-19T10:00:00'), 1, '08:00')).toEqual(sp('2026-11-23T08:00:00'));
  });

  it('finds the next opening and the end of the next business day', () => {
    expect(calendar.nextOpening(sp('2026-11-21T17:30:00'))).toEqual(sp('2026-11-23T08:00:00'));
    expect(calendar.nextOpening(sp('2026-11-19T19:00:00'))).toEqual(sp('2026-11-23T08:00:00')); // skips the holiday
    expect(calendar.nextOpening(sp('2026-11-23T07:00:00'))).toEqual(sp('2026-11-23T08:00:00'));
    expect(calendar.endOfNextBusinessDay(sp('2026-11-19T10:00:00'))).toEqual(sp('2026-11-23T18:00:00'));
    expect(calendar.describe(sp('2026-11-23T08:00:00'))).toBe('segunda-feira, 23/11 às 08:00');
  });

  it('parses business hours and refuses nonsense', () => {
    expect(parseBusinessHours('mon-fri=08:00-18:00,sat=08:00-12:00')[6]).toEqual({ start: '08:00', end: '12:00' });
    expect(parseBusinessHours('mon-fri=08:00-18:00')[0]).toBeUndefined();
    expect(() => parseBusinessHours('mon-fri=18:00-08:00')).toThrow();
    expect(() => parseBusinessHours('segunda=08:00-18:00')).toThrow();
  });
});
