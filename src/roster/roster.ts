import { z } from 'zod';
import { parseBusinessHours } from '../calendar/business-calendar.js';
import { fold } from '../util/text.js';
import { toE164 } from '../util/phone.js';
import { accepts } from '../util/validation.js';
import { parseYaml } from '../util/yaml.js';

/**
 * The plantão roster (*escala*): shifts, staff with their vacations, and optionally business
 * hours and extra holidays. YAML validated with zod; errors name the line.
 */

export const SECTORS = ['implantacao', 'partner', 'prime', 'suporte'] as const;

/** A day that exists (2026-02-30 does not: a shift on it would silently never start). */
const realDay = (v: string): boolean => {
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
};
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD').refine(realDay, 'must be a day that exists');
const time = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be a time as HH:mm');

/** Accepts "Implantação", "implantacao", "Suporte"… and keeps the Karoo department name. */
const sector = z
  .string()
  .transform((v) => fold(v))
  .pipe(z.enum(SECTORS, { error: `must be one of Implantação, Partner, Prime, Suporte` }));

const shiftSchema = z
  .object({
    date,
    start: time,
    end: time,
    sectors: z.array(sector).min(1, 'must list at least one sector'),
    /** Login of the manager in charge of this on-call (told when nobody can take the pending work). */
    manager: z.string().min(1).optional(),
  })
  .refine((s) => s.start < s.end, { message: 'end must be after start', path: ['end'] });

const staffSchema = z
  .object({
  name: z.string().min(1),
  login: z.string().min(1),
  /** Read into E.164; a number that does not read stops the roster with its line. */
  phone: z
    .string()
    .transform((v, ctx) => {
      const e164 = toE164(v);
      if (!e164) ctx.addIssue({ code: 'custom', message: `"${v}" is not a valid phone number (e.g. (21) 99999-0001)` });
      return e164 ?? v;
    })
    .optional(),
  /** Every role but `qa` works in a sector; QA reviews them all. */
  sector: sector.optional(),
  /** `qa`: the QA lead, who gets the plantão's report at the next business opening. */
  role: z.enum(['technician', 'supervisor', 'manager', 'qa'], { error: 'must be technician, supervisor, manager or qa' }),
  vacations: z
    .array(z.object({ from: date, to: date }).refine((v) => v.from <= v.to, { message: 'to must not be before from', path: ['to'] }))
    .default([]),
})
  .refine((p) => p.role === 'qa' || p.sector !== undefined, { message: 'must give the sector (Implantação, Partner, Prime or Suporte): only role qa has none', path: ['sector'] });

export const rosterSchema = z.object({
  shifts: z.array(shiftSchema).default([]),
  staff: z.array(staffSchema).default([]),
  businessHours: z
    .string()
    .refine(accepts(parseBusinessHours), 'must look like mon-fri=08:00-18:00')
    .optional(),
  extraHolidays: z.array(z.string().regex(/^(\d{4}-)?\d{2}-\d{2}$/, 'must be YYYY-MM-DD or MM-DD')).default([]),
}).superRefine((r, ctx) => {
  // Contradictions a roster can hold, refused with their line rather than one silently chosen.
  const logins = new Map<string, number>();
  r.staff.forEach((p, i) => {
    const first = logins.get(p.login);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['staff', i, 'login'], message: `"${p.login}" is given twice (staff ${first + 1} and ${i + 1}): which one's sector, role and vacations hold?` });
    else logins.set(p.login, i);
  });
  r.shifts.forEach((sh, i) => {
    if (sh.manager !== undefined && !logins.has(sh.manager)) ctx.addIssue({ code: 'custom', path: ['shifts', i, 'manager'], message: `"${sh.manager}" is in no one's login under staff: nobody could be told` });
    r.shifts.slice(0, i).forEach((other, j) => {
      const shared = sh.sectors.filter((x) => other.sectors.includes(x));
      if (other.date === sh.date && shared.length > 0 && sh.start < other.end && other.start < sh.end) {
        ctx.addIssue({ code: 'custom', path: ['shifts', i, 'start'], message: `overlaps shift ${j + 1} (${other.date} ${other.start}-${other.end}) for ${shared.join(', ')}: which shift's staff and manager hold?` });
      }
    });
  });
});

export type RosterData = z.infer<typeof rosterSchema>;
export type Shift = RosterData['shifts'][number] & { id: string };
export type Staff = RosterData['staff'][number];

export { YamlError as RosterError } from '../util/yaml.js';

/** Parses and validates roster YAML; the first problem is reported with its line. */
export function parseRoster(text: string): RosterData {
  return parseYaml(text, rosterSchema.default({ shifts: [], staff: [], extraHolidays: [] }));
}

/** The roster in force, with the questions the flows ask of it. Pure. */
export class Roster {
  readonly shifts: Shift[];

  constructor(
    readonly data: RosterData,
    private readonly toInstant: (localDate: string, time: string) => Date,
  ) {
    this.shifts = data.shifts.map((s, i) => ({ ...s, id: `${s.date}-${s.start}-${i}` }));
  }

  static empty(toInstant: (localDate: string, time: string) => Date): Roster {
    return new Roster({ shifts: [], staff: [], extraHolidays: [] }, toInstant);
  }

  startOf(shift: Shift): Date {
    return this.toInstant(shift.date, shift.start);
  }

  endOf(shift: Shift): Date {
    return this.toInstant(shift.date, shift.end === '24:00' ? '23:59' : shift.end);
  }

  /** The shift covering this sector at this instant, if any. */
  activeShift(sector: string, at: Date): Shift | null {
    return this.shifts.find((s) => (s.sectors as string[]).includes(sector) && this.startOf(s) <= at && at < this.endOf(s)) ?? null;
  }

  /** The sector's shift of this local date that had ended by the instant (the plantão's evening), if any. */
  endedOn(sector: string, localDate: string, at: Date): Shift | null {
    return this.shifts.filter((s) => (s.sectors as string[]).includes(sector) && s.date === localDate && this.endOf(s) <= at).sort((a, b) => this.endOf(b).getTime() - this.endOf(a).getTime())[0] ?? null;
  }

  /** The first shift (of the sector, when given) starting after the instant. */
  nextShift(after: Date, sector?: string): Shift | null {
    return (
      this.shifts
        .filter((s) => (!sector || (s.sectors as string[]).includes(sector)) && this.startOf(s) > after)
        .sort((a, b) => this.startOf(a).getTime() - this.startOf(b).getTime())[0] ?? null
    );
  }

  /** When the first shift (of the sector, when given) starting after the instant begins. */
  nextShiftStart(after: Date, sector?: string): Date | null {
    const next = this.nextShift(after, sector);
    return next ? this.startOf(next) : null;
  }

  onVacation(person: Staff, localDate: string): boolean {
    return person.vacations.some((v) => v.from <= localDate && localDate <= v.to);
  }

  /** The sector's supervisor, else its manager, who is not on vacation on that date. */
  escalationTarget(sector: string, localDate: string): Staff | null {
    for (const role of ['supervisor', 'manager'] as const) {
      const found = this.data.staff.find((p) => p.sector === sector && p.role === role && !this.onVacation(p, localDate));
      if (found) return found;
    }
    return null;
  }

  person(login: string): Staff | null {
    return this.data.staff.find((p) => p.login.toLowerCase() === login.toLowerCase()) ?? null;
  }
}
