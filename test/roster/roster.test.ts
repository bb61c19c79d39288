import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, parseBusinessHours } from '../../src/calendar/business-calendar.js';
import type { RosterError } from '../../src/roster/roster.js';
import { parseRoster, Roster } from '../../src/roster/roster.js';
import { RosterSource } from '../../src/files/roster-source.js';
import { build } from '../helpers/build.js';

const example = readFileSync('docs/roster.example.yaml', 'utf8');
const calendar = new BusinessCalendar({ timeZone: 'America/Sao_Paulo', hours: parseBusinessHours('mon-fri=08:00-18:00'), extraHolidays: [], holidayTypes: ['public'] });
const sp = (local: string) => new Date(`${local}-03:00`);

function errorOf(text: string): RosterError {
  try {
    parseRoster(text);
  } catch (err) {
    return err as RosterError;
  }
  throw new Error('expected the roster to be refused');
}

describe('roster', () => {
  it('reads the documented example', () => {
    const data = parseRoster(example);
    expect(data.shifts).toHaveLength(2);
    expect(data.shifts[0]?.sectors).toEqual(['implantacao', 'partner', 'prime', 'suporte']);
    expect(data.staff.find((p) => p.login === 'ana.lima')?.vacations).toEqual([{ from: '2026-11-20', to: '2026-12-04' }]);
  });

  it('names the line of a schema error', () => {
    const broken = example.replace('role: supervisor\n    vacations', 'role: chefe\n    vacations');
    const err = errorOf(broken);
    const line = broken.split('\n').findIndex((l) => l.includes('role: chefe')) + 1;
    expect(err.line).toBe(line);
    expect(err.message).toContain(`line ${line}`);
    expect(err.message).toContain('technician, supervisor, manager or qa');
  });

  it('takes a QA lead without a sector, and refuses anyone else without one, naming the line', () => {
    const data = parseRoster(example);
    expect(data.staff.find((p) => p.role === 'qa')).toMatchObject({ login: 'quiteria.qa', role: 'qa' });
    const err = errorOf('staff:\n  - { name: Ana, login: ana, sector: Suporte, role: supervisor }\n  - { name: Bia, login: bia, role: technician }\n');
    expect(err.line).toBe(3);
    expect(err.message).toContain('must give the sector');
  });

  it('reads staff phones into E.164 and names the line of one that is no number', () => {
    const ok = parseRoster('staff:\n  - { name: Ana, login: ana, sector: Suporte, role: supervisor, phone: "(0021)99999-0001" }\n');
    expect(ok.staff[0]?.phone).toBe('+5521999990001');
    const err = errorOf('staff:\n  - { name: Ana, login: ana, sector: Suporte, role: supervisor }\n  - { name: Bia, login: bia, sector: Suporte, role: technician, phone: "(21) 1234" }\n');
    expect(err.line).toBe(3);
    expect(err.message).toContain('"(21) 1234" is not a valid phone number');
  });

  it('names the line of a YAML syntax error and of a bad time', () => {
    expect(errorOf('shifts:\n  - date: 2026-11-21\n    start: "08:00\n').line).toBeGreaterThan(0);
    const err = errorOf('shifts:\n  - date: 2026-11-21\n    start: "8h"\n    end: "18:00"\n    sectors: [Suporte]\n');
    expect(err.line).toBe(3);
    expect(err.message).toContain('HH:mm');
    expect(errorOf('shifts:\n  - date: 2026-11-21\n    start: "08:00"\n    end: "18:00"\n    sectors: [Financeiro]\n').message).toContain('line 5');
  });

  // Found by an outside tester: each of these was accepted without a word.
  it.each([
    ['a day that does not exist', 'shifts:\n  - date: 2026-02-30\n    start: "08:00"\n    end: "18:00"\n    sectors: [Suporte]\n', 2, 'must be a day that exists'],
    ['one login given twice', 'staff:\n  - { name: Ana, login: ana, sector: Suporte, role: supervisor }\n  - { name: Ana Lima, login: ana, sector: Prime, role: manager }\n', 3, '"ana" is given twice'],
    ['a shift manager who is nobody', 'shifts:\n  - date: 2026-11-21\n    start: "08:00"\n    end: "18:00"\n    sectors: [Suporte]\n    manager: marcos\nstaff:\n  - { name: Ana, login: ana, sector: Suporte, role: supervisor }\n', 6, '"marcos" is in no one\'s login'],
    ['two shifts of one sector at once', 'shifts:\n  - date: 2026-11-21\n    start: "08:00"\n    end: "14:00"\n    sectors: [Suporte]\n  - date: 2026-11-21\n    start: "12:00"\n    end: "18:00"\n    sectors: [Suporte, Prime]\n', 7, 'overlaps shift 1'],
  ])('refuses %s, naming the line', (_what, text, line, message) => {
    const err = errorOf(text);
    expect(err.line).toBe(line);
    expect(err.message).toContain(message);
  });

  it('takes shifts of different sectors at the same time, and back-to-back shifts of one', () => {
    expect(() => parseRoster('shifts:\n  - { date: 2026-11-21, start: "08:00", end: "18:00", sectors: [Suporte] }\n  - { date: 2026-11-21, start: "08:00", end: "18:00", sectors: [Prime] }\n  - { date: 2026-11-22, start: "08:00", end: "12:00", sectors: [Suporte] }\n  - { date: 2026-11-22, start: "12:00", end: "18:00", sectors: [Suporte] }\n')).not.toThrow();
  });

  it('finds the active shift, the next one, and who takes pending work (never someone on vacation)', () => {
    const roster = new Roster(parseRoster(example), (d, t) => calendar.at(d, t));
    expect(roster.activeShift('suporte', sp('2026-11-21T10:00:00'))?.date).toBe('2026-11-21');
    expect(roster.activeShift('suporte', sp('2026-11-21T18:00:00'))).toBeNull();
    expect(roster.activeShift('implantacao', sp('2026-11-22T09:00:00'))).toBeNull();
    expect(roster.nextShiftStart(sp('2026-11-21T18:00:00'), 'suporte')).toEqual(sp('2026-11-22T08:00:00'));
    expect(roster.escalationTarget('suporte', '2026-11-23')?.login).toBe('bruno.costa'); // Ana is on vacation
    expect(roster.escalationTarget('suporte', '2026-12-07')?.login).toBe('ana.lima');
    expect(roster.escalationTarget('prime', '2026-11-23')).toBeNull();
  });

  it('notices a change of the file by itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-'));
    const file = join(dir, 'escala.yaml');
    writeFileSync(file, example);
    const source = new RosterSource(file, pino({ level: 'silent' }));
    source.reload();
    source.watch(20);
    try {
      await new Promise((r) => setTimeout(r, 50));
      writeFileSync(file, `${example}\n# edited\n`.replace('end: "12:00"', 'end: "13:00"'));
      for (let i = 0; i < 100 && source.current().shifts[1]?.end !== '13:00'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(source.current().shifts[1]?.end).toBe('13:00');
    } finally {
      source.close();
    }
  });

  it('reloads a changed file and keeps the last good roster when the new one is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-'));
    const file = join(dir, 'escala.yaml');
    writeFileSync(file, example);
    const source = new RosterSource(file, pino({ level: 'silent' }));
    expect(source.reload()).toEqual({ ok: true, summary: { shifts: 2, staff: 6 } });
    writeFileSync(file, example.replace('end: "12:00"', 'end: "07:00"'));
    const refused = source.reload();
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('end must be after start') });
    expect(source.current().shifts).toHaveLength(2);
    expect(source.current().shifts[1]?.end).toBe('12:00');
  });

  it('warns that the plantão stays idle without a roster file, unless one is generated (the sandbox)', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    new RosterSource(undefined, logger);
    expect(lines.join('')).toContain('ROSTER_FILE is not set');
    lines.length = 0;
    new RosterSource(undefined, logger, true);
    expect(lines.join('')).not.toContain('ROSTER_FILE is not set');
  });
});

// Found by an outside tester: ROSTER_FILE naming a missing or broken file started a bot whose plantão stayed idle,
// logging that "the last good one stays in force" when there was none.
describe('a roster that cannot be read at start', () => {
  it.each([
    // Said with the environment's own problems, before anything is read (test/config.test.ts).
    ['a missing file', () => join(mkdtempSync(join(tmpdir(), 'roster-')), 'nao-existe.yaml'), /ROSTER_FILE=.*nao-existe\.yaml \(from the environment\) names a file that does not exist/],
    ['a broken file', () => {
      const file = join(mkdtempSync(join(tmpdir(), 'roster-')), 'escala.yaml');
      writeFileSync(file, 'shifts:\n  - [unclosed\n');
      return file;
    }, /roster .*escala\.yaml cannot be used: line \d+: /],
  ])('stops the start: %s', async (_name, file, message) => {
    await expect(build({ env: { ROSTER_FILE: file() } })).rejects.toThrow(message);
    // As a configuration error (the server exits 78 with it: test/server.test.ts), naming the variable.
    await expect(build({ env: { ROSTER_FILE: file() } })).rejects.toMatchObject({ name: 'ConfigError', problems: [expect.stringMatching(/^ROSTER_FILE[:=]/)] });
  });

  it('says "the last good one stays" only once there is one', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const file = join(mkdtempSync(join(tmpdir(), 'roster-')), 'escala.yaml');
    writeFileSync(file, example.replace('2026-11-22', '2026-02-30'));
    const source = new RosterSource(file, logger);
    expect(source.reload()).toMatchObject({ ok: false });
    expect(lines.join('')).toContain('roster refused');
    expect(lines.join('')).not.toContain('last good');
    writeFileSync(file, example);
    expect(source.reload()).toMatchObject({ ok: true });
    writeFileSync(file, example.replace('2026-11-22', '2026-02-30'));
    lines.length = 0;
    expect(source.reload()).toMatchObject({ ok: false });
    expect(lines.join('')).toContain('the last good one stays in force');
  });
});
